// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.api.AuthenticationException;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.pattern.InvalidPatternException;
import io.github.iconiksdk.api.scan.ScanListener;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.scan.ScanStateStore;
import io.github.iconiksdk.api.transcode.TranscoderConfig;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.api.upload.AssetUploader;
import io.github.iconiksdk.api.upload.PendingWork;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationStore;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.Storage;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.internal.Backoff;
import io.github.iconiksdk.core.ingest.internal.Events;
import io.github.iconiksdk.core.ingest.internal.IngestPass;
import io.github.iconiksdk.core.ingest.internal.RenditionStage;
import io.github.iconiksdk.core.ingest.internal.Transcoders;
import io.github.iconiksdk.core.scan.FileSystemScanner;
import io.github.iconiksdk.core.upload.IconikAssetUploader;
import io.github.iconiksdk.core.work.LocalWorkQueue;
import io.github.iconiksdk.core.work.WorkQueue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the iconik Storage Gateway does for one File storage, as a library: read the storage's settings from
 * iconik, scan its mount point, read each file's sidecar, register every change exactly once, make and upload
 * renditions and upload originals as the settings ask. Stages run scan → sidecar → register → renditions →
 * originals; everything a user may want to see is reported to the {@link IngestListener}.
 *
 * <pre>{@code
 * try (IngestPipeline pipeline = IngestPipeline.builder()
 *         .client(client)
 *         .storageId(storageId)
 *         .config(GatewayConfig.builder().flag("data-dir", "/var/lib/ingest").build())
 *         .listener(event -> System.out.println(event))
 *         .build()) {
 *     IngestSummary summary = pipeline.runOnce();    // or pipeline.start() for the periodic daemon
 * }
 * }</pre>
 *
 * <p>The scan state ({@code scan-state.db}) and the registration journal ({@code registrations.db}) live in the
 * configuration's data dir, unless the builder is given stores of the caller's ({@link Builder#scanStateStores},
 * {@link Builder#registrationStore}: a server database, for example); they make a pass that a crash interrupted
 * resume without registering anything twice.
 * One pipeline per data dir at a time. Thread-safe: {@link #requestStop()} and the queue gauges may be called from
 * any thread; passes never overlap.
 */
public final class IngestPipeline implements AutoCloseable {

    private final IconikClient client;
    private final String storageId;
    private final GatewayConfig config;
    private final Transcoders transcoders;
    private final Events events;
    private final Object passLock = new Object();
    private final Object wake = new Object();
    private volatile StorageSettings settings;
    private volatile RenditionStage stage;
    private volatile boolean stopRequested;
    private volatile int passes;
    private volatile IconikException settingsFailure;
    private volatile AssetUploader uploader;
    private final Supplier<ScanStateStore> scanStateStores;
    private final RegistrationStore registrationStore;
    private final WorkQueue workQueue;
    private Thread daemon;
    /** The daemon's scanner while it watches (change hints), kept across passes; only the daemon thread sets it. */
    private volatile FileSystemScanner watcher;
    private StorageSettings watcherSettings; // set with watcher, under passLock

    private IngestPipeline(Builder b) {
        this.client = b.client;
        this.storageId = b.storageId;
        this.config = b.config;
        this.transcoders = new Transcoders(b.transcoders);
        this.events = new Events(b.listener);
        this.scanStateStores = b.scanStateStores;
        this.registrationStore = b.registrationStore;
        this.workQueue = b.workQueue != null ? b.workQueue : new LocalWorkQueue();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one complete pass: reads the storage's settings, finishes registrations a crash left unfinished, scans
     * and registers every change, and scans again until no file is growing; returns when the pass's transcodes and
     * uploads are done. A file that cannot be registered is reported and
     * left for the next pass; it does not fail the pass.
     *
     * @return what the pass did
     * @throws ConfigurationException if the storage's mount point is missing or not a folder here (names
     *                                {@code mount_point})
     * @throws InvalidPatternException if a pattern list of the storage holds an invalid pattern (names it)
     * @throws IconikException        if iconik or the local state cannot be used at all (the storage cannot be
     *                                read: {@link NotFoundException}, {@link AuthenticationException})
     */
    public IngestSummary runOnce() {
        return runOnce(true);
    }

    /**
     * Runs one complete pass as {@link #runOnce()} does, optionally without waiting for growing files (they are
     * counted in {@link IngestSummary#growing()} and registered by a later pass).
     *
     * @param waitForGrowingFiles whether to scan again until no file is growing
     * @return what the pass did
     * @throws ConfigurationException  as {@link #runOnce()}
     * @throws InvalidPatternException as {@link #runOnce()}
     * @throws IconikException         as {@link #runOnce()}
     */
    public IngestSummary runOnce(boolean waitForGrowingFiles) {
        try {
            StorageSettings s = readSettings();
            return pass(s, waitForGrowingFiles, keptFor(s));
        } catch (RuntimeException e) {
            events.emit(new IngestEvent.PassFailed(message(e), e, Optional.empty()));
            throw e;
        }
    }

    /**
     * Scans some files and folders now and registers what changed in them (iconik's SCAN button naming paths): a
     * partial pass that looks at nothing else, so a file elsewhere is neither registered nor reported removed by
     * it. A named folder is scanned with all it holds; a named file (or a path that is no folder: a file since
     * deleted) by the files directly in its folder. Files in them still growing are scanned again until they
     * settle, as in {@link #runOnce()}; the call returns when the renditions and uploads of what it registered are
     * done. Naming nothing, or {@code ""}, runs a complete pass ({@link #runOnce()}). Reads the storage's settings
     * first; only what lies inside the scan directories and is not ignored is scanned. Passes never overlap: it
     * waits for a pass in progress.
     *
     * @param paths files and folders relative to the mount point, {@code /}-separated
     * @return what the partial pass did
     * @throws IllegalArgumentException if a path leaves the mount point ({@code ..}) or is absolute
     * @throws ConfigurationException  as {@link #runOnce()}
     * @throws InvalidPatternException as {@link #runOnce()}
     * @throws IconikException         as {@link #runOnce()}
     */
    public IngestSummary scanPaths(Collection<String> paths) {
        List<String> named = new ArrayList<>();
        for (String p : paths) {
            String rel = Objects.requireNonNull(p, "path").replace('\\', '/');
            while (rel.endsWith("/")) {
                rel = rel.substring(0, rel.length() - 1);
            }
            if (rel.startsWith("/") || Arrays.asList(rel.split("/")).contains("..")) {
                throw new IllegalArgumentException("scan path " + p + " is absolute or leaves the mount point");
            }
            named.add(rel);
        }
        if (named.isEmpty() || named.contains("")) {
            return runOnce(true);
        }
        try {
            StorageSettings s = readSettings();
            Path root = IngestPass.root(s);
            List<String> deep = new ArrayList<>();
            Set<String> folders = new TreeSet<>();
            for (String rel : named) {
                if (Files.isDirectory(root.resolve(rel), LinkOption.NOFOLLOW_LINKS)) {
                    deep.add(rel);
                    folders.add(rel);
                } else {
                    int slash = rel.lastIndexOf('/');
                    folders.add(slash < 0 ? "" : rel.substring(0, slash));
                }
            }
            // a sub-folder is walked when it lies in a named folder; a named file's folder is looked at alone
            Predicate<String> descend = sub -> deep.stream()
                    .anyMatch(d -> sub.equals(d) || sub.startsWith(d + "/"));
            IngestSummary result;
            synchronized (passLock) {
                result = newPass(s).scanner(keptFor(s)).runFolders(folders, descend, true);
            }
            events.emit(new IngestEvent.PartialPassFinished(result));
            return result;
        } catch (RuntimeException e) {
            events.emit(new IngestEvent.PassFailed(message(e), e, Optional.empty()));
            throw e;
        }
    }

    /**
     * Runs the daemon on the calling thread: a pass every {@code scan_interval_seconds}, the storage's settings read
     * before each (a change made in iconik applies from the next pass, without a restart), until
     * {@link #requestStop()}. While {@code scan} is off in iconik no pass runs.
     *
     * <p>With the configuration's {@link GatewayConfig#watch() watch} on (the default) and a file system that gives
     * change hints (inotify on Linux; not network mounts), the daemon keeps its scanner between passes and, while it
     * waits for the next one, registers what changed in the folders the hints name at once: a file written and
     * closed is registered about the growing-files threshold after its last write instead of at the next full pass.
     * The full pass every interval stays the source of truth (hints can be lost; lost hints start it at once).
     * Gateways sharing a {@link Builder#workQueue work queue} use no hints: one of them scans at a time.
     * Once the pipeline has worked,
     * failures never end it: iconik unreachable or failing, settings it cannot use, are reported
     * ({@link IngestEvent.PassFailed} with the wait) and tried again after a wait that doubles from 2 s to 60 s.
     *
     * @throws AuthenticationException if iconik refuses the credentials before it was ever reached successfully
     * @throws NotFoundException       if iconik knows no such storage, likewise
     * @throws ConfigurationException  if the storage's settings are unusable before the first successful pass
     * @throws InvalidPatternException if a pattern is invalid before the first successful pass
     */
    public void run() {
        try {
            loop();
        } finally {
            closeWatcher();
        }
    }

    private void loop() {
        StorageSettings previous = null;
        boolean contacted = false;
        boolean workedOnce = false;
        int failures = 0;
        boolean scanOffReported = false;
        long registered = 0;
        long failed = 0;
        while (!stopRequested) {
            Duration wait;
            try {
                StorageSettings s = readSettings();
                contacted = true;
                if (previous != null) {
                    List<String> changed = s.changedSince(previous);
                    if (!changed.isEmpty()) {
                        events.emit(new IngestEvent.SettingsChanged(changed));
                    }
                }
                previous = s;
                if (!s.scanEnabled()) {
                    closeWatcher(); // no watches held while scanning is off
                    if (!scanOffReported) {
                        events.emit(new IngestEvent.ScanningOff());
                        scanOffReported = true;
                    }
                } else {
                    scanOffReported = false;
                    FileSystemScanner kept = watcher(s);
                    IngestSummary result = pass(s, false, kept);
                    registered += result.registered();
                    failed += result.failed().size();
                    if (kept != null && kept.isWatching()) {
                        failures = 0;
                        workedOnce = true;
                        long[] more = changesUntilNextPass(s, kept, s.scanInterval());
                        registered += more[0];
                        failed += more[1];
                        continue; // the next full pass is due, or notifications were lost, or stop
                    }
                }
                failures = 0;
                workedOnce = true;
                wait = s.scanInterval();
            } catch (ConfigurationException | InvalidPatternException e) {
                if (!workedOnce) {
                    throw fatal(e);
                }
                wait = retry(e, ++failures);
            } catch (AuthenticationException | NotFoundException e) {
                if (!contacted) {
                    throw fatal(e);
                }
                wait = retry(e, ++failures);
            } catch (IconikException e) {
                wait = retry(e, ++failures);
            }
            pause(wait);
        }
        closeWatcher();
        events.emit(new IngestEvent.Stopped(passes, registered, failed));
    }

    /**
     * The daemon's scanner for these settings when {@code watch} is on (opened again when the settings changed), or
     * {@code null} for a scanner of each pass's own.
     */
    private FileSystemScanner watcher(StorageSettings s) {
        if (!config.watch() || !(workQueue instanceof LocalWorkQueue)) {
            return null; // a fleet sharing a queue scans one gateway at a time, at the interval (docs/scale-out.md)
        }
        if (watcher != null && watcherSettings == s) {
            return watcher; // readSettings gives the same settings object while iconik's are unchanged
        }
        closeWatcher();
        IngestPass.root(s); // a mount point that is no folder here fails the pass before the scanner opens
        FileSystemScanner opened = IngestPass.openScanner(config, s, scanStateStores, true);
        synchronized (passLock) {
            watcher = opened;
            watcherSettings = s;
        }
        if (stopRequested) {
            opened.wakeUp(); // a stop asked for before the scanner existed still cuts its first wait short
        }
        return opened;
    }

    private void closeWatcher() {
        FileSystemScanner w;
        synchronized (passLock) {
            w = watcher;
            watcher = null;
            watcherSettings = null;
        }
        if (w != null) {
            w.close();
        }
    }

    /**
     * A pass over the storage with these settings, wired to this pipeline's stages, stores, queue and stop signal.
     *
     * @param s the storage's settings for this pass
     * @return the pass; give it its scanner, then run it
     */
    private IngestPass newPass(StorageSettings s) {
        return new IngestPass(client, config, uploader(), s, transcoders, events, () -> stopRequested, this::pause,
                st -> stage = st).scanStateStores(scanStateStores).workQueue(workQueue);
    }

    /** The daemon's scanner if it was opened for these settings (a pass asked for while the daemon waits). */
    private FileSystemScanner keptFor(StorageSettings s) {
        synchronized (passLock) {
            return watcherSettings == s ? watcher : null;
        }
    }

    /**
     * Between full passes: partial passes over the folders the change hints name, until the interval is over,
     * notifications were lost, the storage's settings changed, or a stop is asked for. The settings are read before
     * each partial pass, so that a change made in iconik applies to it (it ends the wait: the full pass applies
     * it). The wait holds no lock: a pass asked for meanwhile ({@link #runOnce}) runs. Returns the files
     * registered and failed.
     */
    private long[] changesUntilNextPass(StorageSettings s, FileSystemScanner scanner, Duration interval) {
        long[] counts = new long[2];
        long end = System.nanoTime() + interval.toNanos();
        long left;
        while (!stopRequested && (left = end - System.nanoTime()) > 0) {
            boolean due;
            try {
                due = scanner.awaitChanges(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requestStop();
                break;
            }
            if (!due || stopRequested) {
                continue;
            }
            if (readSettings() != s) {
                break; // changed in iconik: the full pass applies them (readSettings keeps the object otherwise)
            }
            IngestPass.Changes changes;
            synchronized (passLock) {
                changes = newPass(s).scanner(scanner).runChanges(Duration.ZERO);
            }
            changes.partialPass().ifPresent(summary -> {
                events.emit(new IngestEvent.PartialPassFinished(summary));
                counts[0] += summary.registered();
                counts[1] += summary.failed().size();
            });
            if (changes.fullPassNeeded()) {
                break;
            }
        }
        return counts;
    }

    /**
     * Starts {@link #run()} on a thread of its own and returns. A failure that ends the daemon is reported as an
     * {@link IngestEvent.PassFailed} without a retry; {@link #close()} stops it.
     *
     * @throws IllegalStateException if the daemon was started already
     */
    public synchronized void start() {
        if (daemon != null) {
            throw new IllegalStateException("the ingest daemon was started already");
        }
        daemon = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                // reported as PassFailed by run()
            }
        }, "ingest-daemon-" + storageId);
        daemon.setDaemon(true);
        daemon.start();
    }

    /**
     * Asks a running pass (and the daemon) to end at the next file boundary: the file in hand is finished or left
     * to the journal, what the scanner had not handed over is reported again next time, and the wait between
     * passes is cut short. Any thread.
     */
    public void requestStop() {
        stopRequested = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        FileSystemScanner w = watcher;
        if (w != null) {
            w.wakeUp();
        }
    }

    /**
     * Reads the storage's settings from iconik (every pass does this first) and derives the pipeline's settings
     * from them, compiling the patterns only when they changed.
     *
     * @return the settings now in force
     * @throws IconikException        if iconik cannot be asked
     * @throws ConfigurationException if {@code mount_point} is missing
     * @throws InvalidPatternException if a pattern is invalid
     */
    public StorageSettings refreshSettings() {
        try {
            return readSettings();
        } catch (RuntimeException e) {
            events.emit(new IngestEvent.PassFailed(message(e), e, Optional.empty()));
            throw e;
        }
    }

    /**
     * A dry run: reads the storage's settings and scans its mount point as a pass would (scan directories, scan
     * patterns, growing-files threshold), reporting every file found to the listener, and registers nothing. The
     * scan uses a temporary state of its own, so each file is reported {@code NEW} (or {@code GROWING}) and the
     * pipeline's own scan state and journal are neither read nor changed: the next {@link #runOnce()} registers as
     * if this had never run. For a scan that remembers what it saw, use {@link StorageScan} with a state file.
     *
     * @param listener receives every event, in the calling thread
     * @return the scan's counts
     * @throws ConfigurationException  if the mount point is missing or not a folder here (names {@code mount_point})
     * @throws InvalidPatternException if a pattern list of the storage holds an invalid pattern (names it)
     * @throws IconikException         if iconik cannot be asked or the mount point cannot be scanned
     */
    public ScanSummary scanOnly(ScanListener listener) {
        Objects.requireNonNull(listener, "listener");
        StorageSettings s = refreshSettings();
        IngestPass.root(s);
        return StorageScan.forStorage(s).build().scanOnce(listener);
    }

    /**
     * The registration journal's record of one file, for status displays. Any thread.
     *
     * @param path the file's path relative to the storage root
     * @return its registration when complete; empty when unknown, unfinished, or before the first pass opened the
     *         journal
     */
    public Optional<Registration> registration(String path) {
        AssetUploader u = uploader;
        return u == null ? Optional.empty() : u.registration(Objects.requireNonNull(path, "path"));
    }

    /**
     * The work still owed to one registered file (renditions, the original's upload), for status displays. Any
     * thread.
     *
     * @param path the file's path relative to the storage root
     * @return the pending work, in {@link PendingWork} order; empty before the first pass opened the journal
     */
    public List<PendingWork> pendingWork(String path) {
        Objects.requireNonNull(path, "path");
        AssetUploader u = uploader;
        if (u == null) {
            return List.of();
        }
        List<PendingWork> out = new ArrayList<>();
        for (PendingWork w : PendingWork.values()) {
            if (u.wanted(w).contains(path)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Asks for a registered file's renditions (a keyframes request from iconik): the next pass makes and uploads
     * them, even when local proxy and keyframe creation are off in the storage settings (the request is explicit).
     * Any thread.
     *
     * @param path the file's path relative to the storage root
     * @return false when its renditions are already done for its current content
     * @throws IllegalStateException if the file's registration is not complete, or no pass has read the settings
     */
    public boolean wantRenditions(String path) {
        Objects.requireNonNull(path, "path");
        if (settings == null) {
            throw new IllegalStateException("no pass has read the storage settings yet");
        }
        AssetUploader u = uploader;
        if (u == null) {
            synchronized (passLock) {
                u = uploader();
            }
        }
        return u.want(path, PendingWork.RENDITIONS);
    }

    /**
     * Adds a listener beside the builder's: it receives every event from now on, after the builder's listener
     * (for parts built around a pipeline that already exists, such as the command loop of
     * {@link io.github.iconiksdk.core.command.TwoWayGateway}). Any thread.
     *
     * @param listener the listener; the same rules as {@link Builder#listener} (thread-safe, quick)
     */
    public void addListener(IngestListener listener) {
        events.add(listener);
    }

    /**
     * Removes a listener {@link #addListener added} earlier; it receives no event that starts after this returns.
     * Any thread.
     *
     * @param listener the listener; nothing happens when it was not added
     */
    public void removeListener(IngestListener listener) {
        events.remove(listener);
    }

    /** @return the settings read last, if any */
    public Optional<StorageSettings> settings() {
        return Optional.ofNullable(settings);
    }

    /** @return how many passes have completed (of {@link #runOnce()} and the daemon) */
    public int passes() {
        return passes;
    }

    /** @return files waiting for or in a transcode in the pass running now (0 between passes) */
    public int transcodeBacklog() {
        RenditionStage s = stage;
        return s == null ? 0 : s.transcodeBacklog();
    }

    /** @return files waiting for or in an upload in the pass running now (0 between passes) */
    public int uploadBacklog() {
        RenditionStage s = stage;
        return s == null ? 0 : s.uploadBacklog();
    }

    /**
     * Stops the daemon if it runs (waiting for the pass in flight to reach a file boundary) and closes the
     * registration journal.
     */
    @Override
    public void close() {
        requestStop();
        Thread d;
        synchronized (this) {
            d = daemon;
        }
        if (d != null && d != Thread.currentThread()) {
            try {
                d.join(TimeUnit.MINUTES.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (d == null || !d.isAlive()) {
            closeWatcher(); // the daemon closes it as it ends; this is for a daemon that never got going
        }
        synchronized (passLock) {
            if (uploader != null) {
                uploader.close();
                uploader = null;
            }
        }
    }

    private RuntimeException fatal(RuntimeException e) {
        events.emit(new IngestEvent.PassFailed(message(e), e, Optional.empty()));
        return e;
    }

    private Duration retry(RuntimeException e, int failures) {
        Duration wait = Backoff.after(failures);
        events.emit(new IngestEvent.PassFailed(message(e), e, Optional.of(wait)));
        return wait;
    }

    private String message(RuntimeException e) {
        return e == settingsFailure ? "cannot read the storage's settings from iconik: " + e.getMessage()
                : String.valueOf(e.getMessage());
    }

    private StorageSettings readSettings() {
        Storage storage;
        try {
            storage = client.getStorage(storageId);
        } catch (IconikException e) {
            settingsFailure = e; // reported as such; thrown as it is, so that its kind tells what went wrong
            throw e;
        }
        events.emit(new IngestEvent.StorageRead(storage.id(), storage.name()));
        StorageSettings before = settings;
        if (before == null || !before.fileSettings().equals(storage.fileSettings())) {
            settings = StorageSettings.of(storageId, storage.fileSettings());
        }
        return settings;
    }

    private IngestSummary pass(StorageSettings s, boolean waitForGrowingFiles) {
        return pass(s, waitForGrowingFiles, null);
    }

    private IngestSummary pass(StorageSettings s, boolean waitForGrowingFiles, FileSystemScanner kept) {
        synchronized (passLock) {
            IngestPass.root(s); // a mount point that is no folder here fails the pass before the journal opens
            IngestSummary result = newPass(s).scanner(kept).run(waitForGrowingFiles);
            passes++;
            events.emit(new IngestEvent.PassFinished(result));
            return result;
        }
    }

    private AssetUploader uploader() {
        if (uploader == null) {
            IconikAssetUploader.Builder b = IconikAssetUploader.builder().client(client).storageId(storageId)
                    .settings(() -> settings.fileSettings())
                    .storageRoot(() -> settings.mountPoint()) // a changed mount_point applies at once
                    .chunkSize(config.uploadChunkSize() / (256 << 10) * (256 << 10))
                    // parts of one file at once, and a bulkhead for every file being uploaded at once
                    .parallelParts(config.parallelUploadThreads(),
                            config.parallelUploads() * config.parallelUploadThreads());
            if (registrationStore != null) {
                b.registrationStore(registrationStore); // the caller's: the uploader leaves it open
            } else {
                b.journal(config.dataDir().resolve("registrations.db"));
            }
            uploader = b.build();
        }
        return uploader;
    }

    /**
     * Waits up to {@code d} on the stop signal ({@link #requestStop} wakes it): a blocking wait, not a retry, for
     * the waits between passes and between the scans that let growing files settle.
     */
    private void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        synchronized (wake) {
            long left;
            while (!stopRequested && (left = end - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    requestStop();
                }
            }
        }
    }

    /** Builds an {@link IngestPipeline}. */
    public static final class Builder {
        private IconikClient client;
        private String storageId;
        private GatewayConfig config = GatewayConfig.builder().build();
        private List<TranscoderProvider> transcoders;
        private IngestListener listener = IngestListener.NONE;
        private Supplier<ScanStateStore> scanStateStores;
        private RegistrationStore registrationStore;
        private WorkQueue workQueue;
        private TranscodeBudget transcodeBudget;

        private Builder() {
        }

        /**
         * Shares a process's transcode budget with other pipelines: every transcode of this pipeline takes a job of
         * the budget, so pipelines serving several storages in one process together run at most
         * {@link TranscodeBudget#jobs()} transcodes at once (each still at most its own
         * {@link GatewayConfig#maxTranscodingJobs()}).
         *
         * @param budget the process's budget; default none (this pipeline's own {@code max-transcoding-jobs} only)
         * @return this builder
         */
        public Builder transcodeBudget(TranscodeBudget budget) {
            this.transcodeBudget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * Registers only the files this pipeline claims on a work queue: each NEW or MODIFIED file the scan finds is
         * offered as a {@link io.github.iconiksdk.core.work.WorkItem#FILE} item, and the pipeline registers (and
         * makes renditions of) what it claims. On a queue shared by several gateways (PostgreSQL's, with the
         * scan state and the journal on the same database) they share a storage's files: one of them scans at a
         * time, all of them register, transcode and upload, and the files a gateway that died had claimed are
         * taken over when its leases run out (see docs/scale-out.md). The caller keeps the queue: closing the
         * pipeline leaves it open.
         *
         * @param queue the queue; default a {@link LocalWorkQueue} of this pipeline (one process)
         * @return this builder
         */
        public Builder workQueue(WorkQueue queue) {
            this.workQueue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /**
         * Keeps the scan state in stores of the caller's instead of {@code scan-state.db} in the data dir (a server
         * database shared by several gateways, for example). Each pass's scanner takes a store from the supplier
         * and closes it when the pass ends, so the supplier must give an open store each time; the daemon's
         * scanner, while it watches for changes ({@link GatewayConfig#watch()}), keeps its store from one pass to
         * the next and takes a new one when the storage's settings change.
         *
         * @param stores gives the store of this pipeline's storage, once per pass
         * @return this builder
         */
        public Builder scanStateStores(Supplier<ScanStateStore> stores) {
            this.scanStateStores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        /**
         * Journals registrations and uploads in a store of the caller's instead of {@code registrations.db} in the
         * data dir. The caller keeps it: closing the pipeline leaves it open.
         *
         * @param store the registration store of this pipeline's storage
         * @return this builder
         */
        public Builder registrationStore(RegistrationStore store) {
            this.registrationStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param client the client to reach iconik with (its rate limit and retries apply to every request)
         * @return this builder
         */
        public Builder client(IconikClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * @param storageId the iconik File storage served
         * @return this builder
         */
        public Builder storageId(String storageId) {
            this.storageId = Objects.requireNonNull(storageId, "storageId");
            return this;
        }

        /**
         * The gateway's own settings: the data dir holding the scan state and the registration journal, the
         * scanner's and checksummers' concurrency, transcode and upload jobs, rendition sizes, upload chunk size.
         * Its iconik URL, credentials and storage id are not used (the client and {@link #storageId} are).
         *
         * @param config the configuration; default every key at its default
         * @return this builder
         */
        public Builder config(GatewayConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The transcoders renditions are made with. {@link #build()} configures each once with the configuration's
         * {@link GatewayConfig#transcoderOptions()} and {@link TranscoderConfig#MAX_JOBS} set to
         * {@code max-transcoding-jobs} ({@link TranscoderProvider#configure}); for each file, the
         * first available provider (highest priority first) that {@link TranscoderProvider#claims claims} it makes
         * its renditions without a probe, and otherwise the file is probed (with the {@code "ffmpeg"} provider's
         * transcoder, else the highest-priority one's) and the first that supports the media is used.
         *
         * @param providers the providers, in any order; default {@link TranscoderProvider#installed()}
         * @return this builder
         */
        public Builder transcoders(List<TranscoderProvider> providers) {
            this.transcoders = List.copyOf(providers);
            return this;
        }

        /**
         * @param listener receives every event; default {@link IngestListener#NONE}
         * @return this builder
         */
        public Builder listener(IngestListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @return the pipeline; nothing is read or opened until the first pass
         * @throws NullPointerException   if the client or the storage id is missing
         * @throws ConfigurationException if a transcoder provider refuses its options; the message names the
         *                                plugin and the key
         */
        public IngestPipeline build() {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(storageId, "storageId");
            if (transcoders == null) {
                transcoders = TranscoderProvider.installed();
            }
            // Paths in the options are absolute already (GatewayConfig resolves them against its file's folder).
            Map<String, String> values = new LinkedHashMap<>(config.transcoderOptions());
            values.putIfAbsent(TranscoderConfig.MAX_JOBS, String.valueOf(config.maxTranscodingJobs()));
            TranscoderConfig options = new TranscoderConfig(values, Path.of("").toAbsolutePath());
            for (TranscoderProvider p : transcoders) {
                try {
                    p.configure(options);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(p.name(),
                            "transcoder plugin '" + p.name() + "': " + e.getMessage());
                }
            }
            if (transcodeBudget != null) {
                transcoders = transcodeBudget.limit(transcoders);
            }
            return new IngestPipeline(this);
        }
    }
}
