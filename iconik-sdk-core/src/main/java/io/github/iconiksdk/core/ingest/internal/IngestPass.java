// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ScanListener;
import io.github.iconiksdk.api.scan.ScanStateStore;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.sidecar.Sidecar;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarReader;
import io.github.iconiksdk.api.upload.AssetGroup;
import io.github.iconiksdk.api.upload.AssetUploader;
import io.github.iconiksdk.api.upload.PendingWork;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.core.ingest.StorageSettings;
import io.github.iconiksdk.core.scan.FileSystemScanner;
import io.github.iconiksdk.core.scan.internal.Md5;
import io.github.iconiksdk.core.sidecar.SidecarValidator;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.sidecar.ConversionHook;
import io.github.iconiksdk.core.sidecar.Sidecars;
import io.github.iconiksdk.core.upload.internal.VersionSuffix;
import io.github.iconiksdk.core.sidecar.ValidationResult;
import io.github.iconiksdk.core.upload.IconikMetadataViews;
import io.github.iconiksdk.core.work.LocalWorkQueue;
import io.github.iconiksdk.core.work.WorkLease;
import io.github.iconiksdk.core.work.WorkQueue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One ingest pass over a storage: resume registrations a crash left unfinished, scan, read each changed file's
 * sidecar, register it, and hand it to the {@link RenditionStage}; then wait until transcodes and uploads are done.
 * Data flows one way: scanner → sidecar → registration → renditions and originals.
 */
public final class IngestPass {

    private final IconikClient client;
    private final GatewayConfig config;
    private final AssetUploader uploader;
    private final StorageSettings settings;
    private final Transcoders transcoders;
    private final Events events;
    private final BooleanSupplier stopRequested;
    private final Consumer<Duration> pause;
    private final SidecarReader sidecars;
    private final EmbeddedValues embedded = new EmbeddedValues(this::embeddedProblem);
    private final PassCounts counts = new PassCounts();
    private final Consumer<RenditionStage> current;
    private volatile RegistrationStage registrations;
    private DirectoryAssetStage directoryAssets;
    private Path passRoot;
    private Supplier<ScanStateStore> scanStateStores;
    private WorkQueue workQueue;
    private volatile FileClaims claims;
    private FileSystemScanner kept;
    private List<String> namedFolders;
    private Predicate<String> namedDescend;

    /**
     * @param client        the client (for metadata views)
     * @param config        the gateway's configuration (data dir, scanner and rendition settings)
     * @param uploader      the uploader holding the journal
     * @param settings      the storage's settings for this pass
     * @param transcoders   the transcoders
     * @param events        where reports go
     * @param stopRequested true once the pass should end at the next file boundary
     * @param pause         waits up to the given time, returning early once a stop is asked for (the pipeline's
     *                      wait on its stop signal): used between the scans that wait for growing files to settle
     * @param current       told the rendition stage of the pass when it starts and {@code null} when it ends
     */
    public IngestPass(IconikClient client, GatewayConfig config, AssetUploader uploader, StorageSettings settings,
                      Transcoders transcoders, Events events, BooleanSupplier stopRequested,
                      Consumer<Duration> pause, Consumer<RenditionStage> current) {
        this.client = client;
        this.config = config;
        this.uploader = uploader;
        this.settings = settings;
        this.sidecars = sidecarReader(settings.fileSettings(), client);
        this.transcoders = transcoders;
        this.events = events;
        this.stopRequested = stopRequested;
        this.pause = pause;
        this.current = current;
    }

    /**
     * The sidecar reader the storage's settings ask for: through its {@code metadata_conversion_url}, with its
     * {@code metadata_conversion_url_headers} and by the client's proxy, when it names one; else the built-in
     * formats.
     *
     * @param s      the storage's settings
     * @param client the client (for its proxy)
     * @return the reader
     * @throws ConfigurationException naming the setting when the URL or the headers cannot be used
     */
    public static SidecarReader sidecarReader(FileSettings s, IconikClient client) {
        String url = s.metadataConversionUrl();
        if (url == null || url.isBlank()) {
            return Sidecars.reader();
        }
        ConversionHook.Builder hook;
        try {
            hook = ConversionHook.builder().url(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("metadata_conversion_url", e.getMessage());
        }
        try {
            hook.headers(ConversionHook.parseHeaders(s.metadataConversionUrlHeaders()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("metadata_conversion_url_headers", e.getMessage());
        }
        client.proxy().ifPresent(hook::proxy);
        return Sidecars.reader(hook.build());
    }

    /**
     * Keeps the scan state in the caller's stores rather than {@code scan-state.db} in the data dir.
     *
     * @param stores gives an open store for this pass (the scanner closes it), or {@code null} for the file
     * @return this pass
     */
    public IngestPass scanStateStores(Supplier<ScanStateStore> stores) {
        this.scanStateStores = stores;
        return this;
    }

    /**
     * Registers only the files this process claims on a work queue (a shared one lets a fleet of gateways share the
     * storage's files; see {@link FileClaims}) rather than on a queue of the pass's own.
     *
     * @param queue the queue, or {@code null} for a {@link LocalWorkQueue} of this pass
     * @return this pass
     */
    public IngestPass workQueue(WorkQueue queue) {
        this.workQueue = queue;
        return this;
    }

    /**
     * Scans with a scanner the caller keeps open across passes (to keep its change hints) instead of one opened and
     * closed by this pass. It must have been opened by {@link #openScanner} for the same settings.
     *
     * @param scanner the caller's scanner, or {@code null} for one of the pass's own
     * @return this pass
     */
    public IngestPass scanner(FileSystemScanner scanner) {
        this.kept = scanner;
        return this;
    }

    /** What {@link #runChanges} did. */
    public record Changes(Optional<IngestSummary> partialPass, boolean fullPassNeeded) {
        /**
         * @param partialPass    the counts of the partial pass over the changed folders; empty when nothing was due
         *                       before the timeout, on a wake-up, or when a full pass is needed
         * @param fullPassNeeded whether notifications were lost, so that only a full pass can tell what changed
         */
        public Changes {
            Objects.requireNonNull(partialPass, "partialPass");
        }
    }

    /**
     * The storage's mount point, checked to be a folder here.
     *
     * @param settings the storage's settings
     * @return the mount point
     * @throws ConfigurationException naming {@code mount_point} if it is not a folder on this machine
     */
    public static Path root(StorageSettings settings) {
        Path root = settings.mountPoint();
        if (!Files.isDirectory(root)) {
            throw new ConfigurationException("mount_point", "storage " + settings.storageId() + " has mount_point "
                    + root + ", which is not a folder on this machine");
        }
        return root;
    }

    /**
     * Runs the pass.
     *
     * @param waitForGrowing whether to scan again until no file is still growing
     * @return what it did
     * @throws ConfigurationException if the storage has no usable mount point
     * @throws IconikException        if iconik or the local state cannot be used at all
     */
    public IngestSummary run(boolean waitForGrowing) {
        return run(waitForGrowing, null).partialPass().orElseThrow();
    }

    /**
     * Between full passes of a daemon whose scanner watches ({@link #scanner(FileSystemScanner)}, change hints on;
     * one process, not a fleet sharing a queue): waits up to {@code timeout} for folders to change and registers
     * what a partial pass over them reports (growing files are looked at again once their threshold has passed).
     * Returns after one partial pass, at the timeout, or at once after {@link FileSystemScanner#wakeUp()}. Unlike a
     * full pass it resumes nothing the journal holds, and it waits only for the renditions and uploads of the files
     * it registered.
     *
     * @param timeout the longest wait for a change
     * @return what it did
     * @throws IllegalStateException  if no scanner was given
     * @throws ConfigurationException if the storage has no usable mount point
     * @throws IconikException        if iconik or the local state cannot be used at all
     */
    public Changes runChanges(Duration timeout) {
        if (kept == null) {
            throw new IllegalStateException("runChanges needs the daemon's scanner");
        }
        return run(false, timeout);
    }

    /**
     * A partial pass over folders someone named (iconik's SCAN button naming paths): registers what changed in them,
     * scanning them again while a file in them is growing when {@code waitForGrowing}, and waits for the renditions
     * and uploads of the files it registered. Like {@link #runChanges} it resumes nothing the journal holds; unlike
     * it, it needs no watching scanner (the one given, else one of its own).
     *
     * @param folders        folders relative to the mount point ({@code ""} is all of it)
     * @param descend        whether to walk a sub-folder found under them
     * @param waitForGrowing whether to scan them again until no file in them is growing
     * @return what it did
     * @throws IllegalArgumentException if a folder leaves the mount point
     * @throws ConfigurationException   if the storage has no usable mount point
     * @throws IconikException          if iconik or the local state cannot be used at all
     */
    public IngestSummary runFolders(Collection<String> folders, Predicate<String> descend, boolean waitForGrowing) {
        this.namedFolders = List.copyOf(folders);
        this.namedDescend = Objects.requireNonNull(descend, "descend");
        return run(waitForGrowing, null).partialPass().orElseThrow();
    }

    /**
     * A full pass when {@code changesWithin} and {@link #namedFolders} are null, else a wait for changes and a
     * partial pass over them, or a partial pass over the named folders.
     */
    private Changes run(boolean waitForGrowing, Duration changesWithin) {
        Path root = root(settings);
        FileSystemScanner own = kept == null ? scanner(root) : null;
        FileSystemScanner scanner = kept == null ? own : kept;
        try (own;
             RenditionStage stage = new RenditionStage(config, uploader, () -> settings, root, transcoders, events);
             RegistrationStage registering = new RegistrationStage(config.registrationWorkers(),
                     client == null ? null : client.resilience(), events, counts, stopRequested, stage::submit);
             FileClaims fileClaims = new FileClaims(workQueue == null ? new LocalWorkQueue() : workQueue,
                     settings.storageId(), config.registrationWorkers(),
                     // on a shared queue: files held beyond what this process transcodes at once wait here while
                     // other gateways may be idle
                     settings.makeRenditions() ? 2 * config.maxTranscodingJobs() : 2 * config.registrationWorkers(),
                     lease -> registerClaimed(lease, root),
                     stopRequested, events)) {
            registrations = registering;
            claims = fileClaims;
            passRoot = root;
            directoryAssets = new DirectoryAssetStage(root, settings, uploader, events, counts);
            current.accept(stage);
            fileClaims.start();
            if (changesWithin != null) {
                return changes(scanner, changesWithin, listener(root, fileClaims, registering), fileClaims,
                        registering, stage);
            }
            if (namedFolders != null) {
                return named(scanner, waitForGrowing, listener(root, fileClaims, registering), fileClaims,
                        registering, stage);
            }
            List<String> unfinished = uploader.unfinished();
            if (fileClaims.shared()) {
                // A shared journal's unfinished and wanted work may be in another gateway's hands right now: it is
                // offered to the queue (which knows who holds what), not resumed here. (A directory asset is no
                // file: its registration is finished here; on a shared queue its renditions are made only when it
                // is registered, not resumed: untested with a fleet.)
                stage.claims(fileClaims);
                java.util.Set<String> leftOver = new java.util.LinkedHashSet<>(unfinished);
                for (PendingWork w : PendingWork.values()) {
                    leftOver.addAll(uploader.wanted(w));
                }
                leftOver.removeIf(AssetGroup::isGroupPath);
                fileClaims.offerPaths(leftOver);
            } else {
                stage.resumeWanted(false);
            }
            for (String path : unfinished) {
                checkStop();
                counts.resumed(path);
                if (AssetGroup.isGroupPath(path)) {
                    directoryAssets.fromDisk(path).ifPresent(this::submitGroup); // its files are read again
                } else if (!fileClaims.shared()) {
                    registering.submit(path, List.of(path), null,
                            () -> uploader.resume(path, metadataOf(root, path)).orElse(null));
                }
            }
            boolean scanning = fileClaims.claimScan(); // on a shared queue, one gateway scans; all register
            ScanListener listener = listener(root, fileClaims, registering);
            while (scanning) {
                int growingBefore = counts.growingCount();
                events.emit(new IngestEvent.ScanStarted());
                ScanSummary summary = scanner.scanOnce(listener);
                settle(fileClaims, registering);
                events.emit(new IngestEvent.ScanFinished(summary));
                if (!waitForGrowing || counts.growingCount() == growingBefore) {
                    break;
                }
                awaitGrowingFiles();
            }
            fileClaims.scanDone();
            fileClaims.awaitAll(this::checkStop); // the files other gateways offered or left, on a shared queue
            registering.awaitIdle();
            // Transcodes and uploads went on beside registration; the pass ends when they are done.
            checkStop(); // unless a stop was asked for: then the journal keeps them wanted for the next start
            stage.drain();
            return new Changes(Optional.of(counts.summary(stage, false)), false);
        } catch (StopRequested stop) {
            // Closing the stages cancels what is in flight; the journal keeps it wanted for the next start.
            return new Changes(Optional.of(counts.summary(null, true)), false);
        } finally {
            current.accept(null);
        }
    }

    private ScanListener listener(Path root, FileClaims fileClaims, RegistrationStage registering) {
        return new ScanListener() {
            @Override
            public void onEvent(ScanEvent event) {
                handle(event, root);
            }

            @Override
            public void flush() {
                // The scanner records the events handed over as delivered after this: they must be in iconik,
                // the journal or a shared (durable) work queue by then (a failed MOVED or REMOVED throws, and
                // is delivered again).
                settle(fileClaims, registering);
            }
        };
    }

    private Changes changes(FileSystemScanner scanner, Duration timeout, ScanListener listener, FileClaims fileClaims,
                            RegistrationStage registering, RenditionStage stage) {
        FileSystemScanner.ChangeScan scanned;
        try {
            scanned = scanner.scanChanges(timeout, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IconikException("interrupted while waiting for change hints", e);
        }
        if (scanned.partialPass() == null) {
            return new Changes(Optional.empty(), scanned.fullPassNeeded());
        }
        settle(fileClaims, registering);
        checkStop();
        stage.awaitSubmitted(); // the work of the files just registered; what the journal holds waits for a full pass
        return new Changes(Optional.of(counts.summary(stage, false)), false);
    }

    /**
     * Not a retry: growing files were seen, so the scan is run again once they may have settled (half the growing
     * threshold, 1 to 5 s); a stop ends the wait and the pass ({@link #checkStop()}).
     */
    private void awaitGrowingFiles() {
        pause.accept(Duration.ofSeconds(Math.max(1, Math.min(5, settings.growingThreshold().toSeconds() / 2))));
        checkStop();
    }

    private Changes named(FileSystemScanner scanner, boolean waitForGrowing, ScanListener listener,
                          FileClaims fileClaims, RegistrationStage registering, RenditionStage stage) {
        while (true) {
            int growingBefore = counts.growingCount();
            scanner.scanFolders(namedFolders, namedDescend, listener);
            settle(fileClaims, registering);
            if (!waitForGrowing || counts.growingCount() == growingBefore) {
                break;
            }
            awaitGrowingFiles();
        }
        checkStop();
        stage.awaitSubmitted(); // the work of the files just registered
        return new Changes(Optional.of(counts.summary(stage, false)), false);
    }

    /** Waits until what the scanner handed over is registered, or (on a shared queue) durably offered. */
    private void settle(FileClaims fileClaims, RegistrationStage registering) {
        // Held card and sequence files first: registered as their clips and sequences (or singly) before the
        // scanner records them delivered.
        directoryAssets.flush(change -> submitChange(change, passRoot), this::submitGroup);
        if (!fileClaims.shared()) {
            fileClaims.awaitAll(this::checkStop);
        }
        registering.awaitIdle();
    }

    /**
     * Registers a file this process claimed: with the change the scanner offered, else (work offered by path) by
     * finishing its unfinished journal entry, else as the file is now (a registered file whose renditions are still
     * wanted is then handed on to them). The lease is completed when the registration and, on a shared queue, the
     * file's renditions and original upload have ended.
     */
    private void registerClaimed(WorkLease lease, Path root) {
        String path = lease.item().key();
        Optional<ScanEvent.Change> change = FileClaims.changeOf(lease.item());
        List<String> paths = new ArrayList<>(List.of(path));
        Supplier<Registration> attempt;
        FileClaims fileClaims = claims;
        if (change.isPresent()) {
            ScanEvent.Change event = change.get();
            if (event.type() == ChangeType.MOVED) {
                paths.add(event.path()); // claimed under the path it left; where it went is busy too
            }
            if (Boolean.TRUE.equals(settings.fileSettings().aggregateIdenticalFiles()) && event.md5().isPresent()) {
                paths.add("content:" + event.md5().get()); // identical files one at a time, as in handle()
            }
            if (event.type() == ChangeType.NEW
                    && Boolean.TRUE.equals(settings.fileSettings().enableAutoVersioning())) {
                // clip_v2.mov may be the next version of clip.mov's asset: it waits while clip.mov (offered before
                // it: the scanner's order is sorted) is being registered. [I] In a fleet another gateway may hold
                // clip.mov; clip_v2.mov then finds it unregistered and becomes an asset of its own.
                paths.addAll(VersionSuffix.of(settings.fileSettings().assetVersionsSuffix()).predecessors(path));
            }
            Supplier<MetadataValues> md = memo(() -> event.type() == ChangeType.REMOVED ? MetadataValues.empty()
                    : metadataOf(root, event.path()));
            if (event.type() == ChangeType.MOVED || event.type() == ChangeType.REMOVED) {
                // Not journalled before registration starts: a failure gives the claim back to be tried again.
                AtomicBoolean done = new AtomicBoolean();
                String what = event.type() + " of " + event.path();
                registrations.submit(event.path(), paths, null, () -> {
                    Registration r = uploader.register(event, md.get());
                    done.set(true);
                    return r;
                }, () -> {
                    if (done.get()) {
                        fileClaims.ended(path);
                    } else {
                        fileClaims.failed(path, what);
                    }
                });
                return;
            }
            attempt = () -> uploader.register(event, md.get());
        } else {
            attempt = () -> uploader.resume(path, metadataOf(root, path))
                    .or(() -> newFile(root, path).map(e -> uploader.register(e, metadataOf(root, path))))
                    .orElse(null);
        }
        registrations.submit(path, paths, null, attempt, () -> fileClaims.ended(path));
    }

    private FileSystemScanner scanner(Path root) {
        return openScanner(config, settings, scanStateStores, false);
    }

    /**
     * Opens the scanner a pass uses for these settings: the storage's mount point, scan directories, patterns and
     * growing-files threshold, the gateway's checksum workers and scanner concurrency, the state in
     * {@code scan-state.db} in the data dir or in a store from {@code stores}.
     *
     * @param config   the gateway's configuration
     * @param settings the storage's settings
     * @param stores   gives an open store (the scanner closes it), or {@code null} for the file in the data dir
     * @param watch    whether to use change hints ({@link FileSystemScanner.Builder#watch})
     * @return the scanner; the caller closes it
     * @throws ConfigurationException if the storage's mount point is not a folder here
     * @throws IconikException        if the state cannot be opened
     */
    public static FileSystemScanner openScanner(GatewayConfig config, StorageSettings settings,
                                                Supplier<ScanStateStore> stores, boolean watch) {
        FileSystemScanner.Builder b = FileSystemScanner.builder().root(root(settings))
                .scanDirectories(settings.scanDirectories())
                .patterns(settings.patterns()).growingThreshold(settings.growingThreshold()).checksums(true)
                .checksumWorkers(config.checksumMaxWorkers()).concurrency(config.scannerConcurrency())
                .watch(watch);
        if (stores != null) {
            b.store(stores.get()); // the caller's store (the scanner closes it when it is closed)
        } else {
            b.stateFile(config.dataDir().resolve("scan-state.db"));
        }
        return b.build();
    }

    private void handle(ScanEvent scanned, Path root) {
        checkStop();
        if (scanned instanceof ScanEvent.Growing) {
            counts.growing();
            return;
        }
        if (scanned instanceof ScanEvent.Unreadable u) {
            counts.unreadable();
            events.problem(u.path(), "unreadable: " + u.path() + ": " + u.reason());
            return;
        }
        ScanEvent.Change event = (ScanEvent.Change) scanned;
        if (Sidecars.isSidecarOfNeighbour(root.resolve(event.path()))) {
            if (event.type() != ChangeType.REMOVED) {
                reapplySidecar(root, event.path());
            }
            return;
        }
        if (DirectoryAssetStage.enabled(settings) && directoryAssets.offer(event)) {
            return; // a camera card's clip or an image sequence: registered as one asset at the next flush
        }
        submitChange(event, root);
    }

    /**
     * A directory asset: one registration for all its files (paths in flight wait, as for a single file), with the
     * values of its lead file's sidecar and what that file embeds, as a single file's ({@link #metadataOf}): the lead
     * file is a clip's video essence ({@code CONTENTS/VIDEO/0001AB.MXF}), a sequence's first frame [I: iconik does not
     * say where the ISG looks for a directory asset's sidecar].
     */
    private void submitGroup(AssetGroup group) {
        List<String> paths = new ArrayList<>();
        paths.add(group.path());
        group.files().forEach(f -> paths.add(f.path()));
        Path root = passRoot;
        Supplier<MetadataValues> md = memo(() -> DirectoryAssetStage.leadFile(group)
                .map(lead -> metadataOf(root, lead)).orElse(MetadataValues.empty()));
        registrations.submit(group.path(), paths, null, () -> uploader.registerGroup(group, md.get()));
    }

    /** One file's change to registration (with its sidecar's and embedded values). */
    private void submitChange(ScanEvent.Change event, Path root) {
        List<String> paths = new ArrayList<>(List.of(event.path()));
        event.movedFrom().ifPresent(paths::add);
        if (Boolean.TRUE.equals(settings.fileSettings().aggregateIdenticalFiles()) && event.md5().isPresent()) {
            // Identical files registered at once would each find no asset to join: one at a time, by content.
            paths.add("content:" + event.md5().get());
        }
        // Not journalled before registration starts: a failure must stop the pass so the scanner delivers it again.
        String mustSucceed = event.type() == ChangeType.MOVED || event.type() == ChangeType.REMOVED
                ? event.type() + " of " + event.path() : null;
        if (sidecarRequired() && (event.type() == ChangeType.NEW || event.type() == ChangeType.MODIFIED)
                && uploader.registration(event.path()).isEmpty() && !hasUsableSidecar(root, event.path())) {
            // sidecar_metadata_required: the file waits; its sidecar's arrival (or change) registers it.
            counts.sidecarProblem();
            events.notice("waiting for a sidecar: " + event.path() + " is registered once it has a valid one"
                    + " (the storage's sidecar_metadata_required)");
            return;
        }
        if ((event.type() == ChangeType.NEW || event.type() == ChangeType.MODIFIED) || claims.shared()) {
            // registered by whichever worker claims it (this process's, or a fleet's); on a shared queue a move or
            // removal too, after any work a gateway does on the file it concerns (durable once offered)
            claims.offer(event);
            return;
        }
        Supplier<MetadataValues> md = memo(() -> event.type() == ChangeType.REMOVED ? MetadataValues.empty()
                : metadataOf(root, event.path()));
        registrations.submit(event.path(), paths, mustSucceed, () -> uploader.register(event, md.get()));
    }

    /** Computes once, on first use (the sidecar of a file is read once however often its registration is tried). */
    private static <T> Supplier<T> memo(Supplier<T> compute) {
        Object[] box = new Object[1];
        return () -> {
            synchronized (box) {
                if (box[0] == null) {
                    box[0] = compute.get();
                }
                @SuppressWarnings("unchecked")
                T value = (T) box[0];
                return value;
            }
        };
    }

    /** A sidecar that appeared or changed after its media file: write the values again on the media's asset. */
    private void reapplySidecar(Path root, String sidecarPath) {
        Path sidecar = root.resolve(sidecarPath);
        Path parent = sidecar.getParent();
        List<String> siblings = new ArrayList<>();
        try (var listing = Files.list(parent)) {
            listing.filter(Files::isRegularFile).forEach(p -> siblings.add(p.getFileName().toString()));
        } catch (IOException e) {
            events.notice("sidecar " + sidecarPath + ": cannot list its folder: " + e.getMessage());
            return;
        }
        // Only the media files that choose this sidecar in the SDK's search order read it.
        for (String mediaName : Sidecars.mediaFilesOf(sidecar.getFileName().toString(), siblings)) {
            String mediaPath = root.relativize(parent.resolve(mediaName)).toString().replace('\\', '/');
            if (sidecarRequired() && uploader.registration(mediaPath).isEmpty()) {
                // The media file waited for this sidecar (sidecar_metadata_required): register it now.
                Optional<ScanEvent.Change> waiting = newFile(root, mediaPath);
                if (waiting.isPresent() && hasUsableSidecar(root, mediaPath)) {
                    ScanEvent.Change change = waiting.get();
                    registrations.submit(mediaPath, List.of(mediaPath), null,
                            () -> uploader.register(change, metadataOf(root, mediaPath)));
                }
                continue;
            }
            // Counted only when values were written: the media file itself is counted by its own event.
            registrations.submit(mediaPath, List.of(mediaPath), null, () -> uploader.reapplyMetadata(mediaPath,
                    metadataOf(root, mediaPath)).filter(r -> r.outcome() == RegistrationOutcome.UPDATED)
                    .orElse(null));
        }
    }

    private boolean sidecarRequired() {
        return Boolean.TRUE.equals(settings.fileSettings().sidecarMetadataRequired());
    }

    /** Whether the media file has a sidecar that reads without error (values the view refuses are dropped). */
    private boolean hasUsableSidecar(Path root, String path) {
        try {
            Optional<Sidecar> found = sidecars.find(root.resolve(path));
            if (found.isEmpty()) {
                return false;
            }
            sidecars.read(found.get());
            return true;
        } catch (SidecarException e) {
            return false;
        }
    }

    /** A NEW change for a media file the scanner reported before (size, time and MD5 read here). */
    private Optional<ScanEvent.Change> newFile(Path root, String path) {
        Path file = root.resolve(path);
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            String md5 = Md5.of(file, new byte[Md5.BUFFER_SIZE]).hex();
            return Optional.of(ScanEvent.Change.of(ChangeType.NEW, path, a.size(), a.lastModifiedTime().toInstant(),
                    md5));
        } catch (IOException e) {
            events.problem(path, "unreadable: " + path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A media file's values for the storage's metadata view: its sidecar's, then what the file embeds (XMP, IPTC,
     * EXIF) for the fields the sidecar leaves unset ({@link EmbeddedValues}).
     */
    private MetadataValues metadataOf(Path root, String path) {
        return embedded.merge(root.resolve(path), sidecarValuesOf(root, path), settings.metadataViewId(),
                new IconikMetadataViews(client));
    }

    private void embeddedProblem(String message) {
        counts.sidecarProblem();
        events.notice(message);
    }

    /** Reads and validates a media file's sidecar; a problem is reported and the file registered without it. */
    private MetadataValues sidecarValuesOf(Path root, String path) {
        Optional<Sidecar> found;
        try {
            found = sidecars.find(root.resolve(path));
            if (found.isEmpty()) {
                return MetadataValues.empty();
            }
            found.get().ignoredCandidates().forEach(c -> events.notice("sidecar " + c + " ignored: "
                    + found.get().file().getFileName() + " is used for " + path));
            MetadataValues values = sidecars.read(found.get());
            Optional<String> viewId = settings.metadataViewId();
            if (viewId.isEmpty() || values.isEmpty()) {
                return values;
            }
            ValidationResult checked = SidecarValidator.of(new IconikMetadataViews(client), viewId.get())
                    .validate(values);
            checked.problems().forEach(p -> {
                counts.sidecarProblem();
                events.notice("sidecar " + found.get().file() + ": " + p);
            });
            return checked.values();
        } catch (SidecarException e) {
            counts.sidecarProblem();
            events.notice("sidecar: " + e.getMessage() + " (" + path + " is registered without its metadata)");
            return MetadataValues.empty();
        }
    }

    private void checkStop() {
        if (stopRequested.getAsBoolean()) {
            throw new StopRequested();
        }
    }

    /** Thrown inside a pass to end it early; caught by {@link #run}. */
    private static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stop requested", null, false, false);
        }
    }
}
