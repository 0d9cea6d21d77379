package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.sidecar.Sidecar;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarReader;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.Credentials;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.pattern.PatternSet;
import io.github.iconiksdk.core.scan.FileSystemScanner;
import io.github.iconiksdk.core.sidecar.SidecarValidator;
import io.github.iconiksdk.core.sidecar.Sidecars;
import io.github.iconiksdk.core.sidecar.ValidationResult;
import io.github.iconiksdk.core.upload.IconikAssetUploader;
import io.github.iconiksdk.core.upload.IconikMetadataViews;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sample gateway's work, composed from the SDK's parts: read the storage's settings from iconik, scan its
 * mount point, read each file's sidecar, and register the file. One instance serves one storage; {@link #ingest}
 * runs one complete pass.
 */
final class Gateway implements AutoCloseable {

    /** How often one file's registration is tried within a pass before it is left for the next one. */
    private static final int ATTEMPTS = 4;

    private final GatewayConfig config;
    private final IconikClient client;
    private final String storageId;
    private final PrintWriter err;
    private final SidecarReader sidecars = Sidecars.reader();
    private volatile FileSettings settings;
    private volatile boolean stopRequested;
    private volatile boolean reportIdlePasses = true;
    private volatile PatternSet patterns;
    private volatile IconikAssetUploader uploader;
    private volatile RenditionPipeline pipeline;
    private volatile GatewayListener listener = GatewayListener.NONE;

    Gateway(GatewayConfig config, PrintWriter err) {
        this.config = config;
        this.err = err;
        this.storageId = config.storageId().orElseThrow();
        IconikClient.Builder b = IconikClient.builder().endpoint(config.iconikUrl().toString())
                .credentials(Credentials.of(config.appId().orElseThrow(), config.authToken().orElseThrow()));
        config.httpProxy().ifPresent(p -> b.proxy(new InetSocketAddress(p.getHost(), p.getPort() < 0 ? 80 : p.getPort())));
        this.client = b.build();
    }

    /** The counts of one ingest pass, and the summary line the {@code ingest} command prints. */
    static final class Result {
        final Map<RegistrationOutcome, Integer> outcomes = new EnumMap<>(RegistrationOutcome.class);
        final List<String> failed = new ArrayList<>();
        int growing;
        int unreadable;
        int sidecarProblems;
        int renditionsFailed;
        int uploads;
        int uploadsFailed;
        /** Whether the pass ended early because {@link #requestStop()} was called. */
        boolean stopped;

        int registered() {
            return outcomes.values().stream().mapToInt(Integer::intValue).sum()
                    - outcomes.getOrDefault(RegistrationOutcome.REMOVED, 0);
        }

        String summaryLine() {
            return "registered " + registered() + " files (" + outcomes.getOrDefault(RegistrationOutcome.CREATED, 0)
                    + " new, " + outcomes.getOrDefault(RegistrationOutcome.AGGREGATED, 0) + " aggregated, "
                    + outcomes.getOrDefault(RegistrationOutcome.UPDATED, 0) + " updated, "
                    + outcomes.getOrDefault(RegistrationOutcome.MOVED, 0) + " moved, "
                    + outcomes.getOrDefault(RegistrationOutcome.ALREADY_REGISTERED, 0) + " unchanged; "
                    + outcomes.getOrDefault(RegistrationOutcome.REMOVED, 0) + " removed), " + renditionsFailed
                    + " renditions failed, " + uploads + " uploads, " + failed.size() + " failed";
        }
    }

    /**
     * Runs one pass: resume registrations a crash left unfinished, scan, register every change, and (unless
     * {@code waitForGrowing} is false) scan again until no file is still growing.
     *
     * @throws ConfigurationException if the storage has no usable mount point or an invalid pattern
     * @throws IconikException        if iconik or the local state cannot be used at all
     */
    Result ingest(boolean waitForGrowing) {
        try {
            return pass(waitForGrowing);
        } catch (RuntimeException e) {
            listener.passFailed(e.getMessage());
            throw e;
        }
    }

    /**
     * Tells the gateway who watches it (the status page, the progress display, the report to iconik); set before
     * the first pass.
     *
     * @param listener the listener; {@link GatewayListener#NONE} for nobody
     */
    void listener(GatewayListener listener) {
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** @return the client the gateway talks to iconik with (for the status report to share its rate limit) */
    IconikClient client() {
        return client;
    }

    /** @return files waiting for or in a transcode in the pass running now (0 between passes) */
    int transcodeQueue() {
        RenditionPipeline p = pipeline;
        return p == null ? 0 : p.transcodeBacklog();
    }

    /** @return files waiting for or in an upload in the pass running now (0 between passes) */
    int uploadQueue() {
        RenditionPipeline p = pipeline;
        return p == null ? 0 : p.uploadBacklog();
    }

    private Result pass(boolean waitForGrowing) {
        FileSettings s = refreshSettings();
        Path root = mountPoint(s);
        Result result = new Result();
        try (FileSystemScanner scanner = scanner(s, root);
             RenditionPipeline renditions = new RenditionPipeline(config, uploader(root), () -> settings,
                     () -> patterns, root, err)) {
            renditions.listener(listener);
            pipeline = renditions;
            IconikAssetUploader up = uploader();
            renditions.resumeWanted(false);
            for (String path : up.unfinished()) {
                checkStop();
                registerWithRetries(path, result, () -> up.resume(path, metadataOf(root, path, result))
                        .orElse(null));
            }
            while (true) {
                int growingBefore = result.growing;
                listener.scanStarted();
                ScanSummary summary = scanner.scanOnce(event -> handle(event, root, result));
                listener.scanFinished(summary);
                if (reportIdlePasses || summary.added() + summary.modified() + summary.removed() + summary.moved()
                        + summary.growing() > 0) {
                    err.printf("scanned %d files in %.1f s: %d new, %d modified, %d removed, %d moved, %d growing%n",
                            summary.filesScanned(), summary.elapsed().toMillis() / 1000.0, summary.added(),
                            summary.modified(), summary.removed(), summary.moved(), summary.growing());
                    err.flush();
                }
                if (!waitForGrowing || result.growing == growingBefore) {
                    break;
                }
                sleep(Duration.ofSeconds(Math.max(1, Math.min(5, thresholdSeconds(s) / 2))));
                checkStop();
            }
            // Transcodes and uploads went on beside registration; the pass ends when they are done.
            checkStop(); // unless a stop was asked for: then the journal keeps them wanted for the next start
            renditions.drain();
            result.renditionsFailed = renditions.renditionsFailed();
            result.uploads = renditions.uploads();
            result.uploadsFailed = renditions.uploadsFailed();
        } catch (StopRequested stop) {
            // Closing the pipeline cancels what is in flight; the journal keeps it wanted for the next start.
            result.stopped = true;
        } finally {
            pipeline = null;
        }
        return result;
    }

    private void handle(ScanEvent scanned, Path root, Result result) {
        checkStop();
        if (scanned instanceof ScanEvent.Growing) {
            result.growing++;
            return;
        }
        if (scanned instanceof ScanEvent.Unreadable u) {
            result.unreadable++;
            err.println("unreadable: " + u.path() + ": " + u.reason());
            listener.problem("unreadable: " + u.path() + ": " + u.reason());
            return;
        }
        ScanEvent.Change event = (ScanEvent.Change) scanned;
        if (Sidecars.isSidecarOfNeighbour(root.resolve(event.path()))) {
            if (event.type() != ChangeType.REMOVED) {
                reapplySidecar(root, event.path(), result);
            }
            return;
        }
        MetadataValues md = event.type() == ChangeType.REMOVED ? MetadataValues.empty()
                : metadataOf(root, event.path(), result);
        boolean registered = registerWithRetries(event.path(), result, () -> uploader().register(event, md));
        if (!registered && (event.type() == ChangeType.MOVED || event.type() == ChangeType.REMOVED)) {
            // Not journalled yet: stop the pass so the scanner delivers this event again next time.
            throw new IconikException("could not record " + event.type() + " of " + event.path()
                    + " in iconik; the pass stops and the change is reported again on the next one");
        }
    }

    /** A sidecar that appeared or changed after its media file: write the values again on the media's asset. */
    private void reapplySidecar(Path root, String sidecarPath, Result result) {
        Path sidecar = root.resolve(sidecarPath);
        Path parent = sidecar.getParent();
        List<String> siblings = new ArrayList<>();
        try (var listing = Files.list(parent)) {
            listing.filter(Files::isRegularFile).forEach(p -> siblings.add(p.getFileName().toString()));
        } catch (IOException e) {
            err.println("sidecar " + sidecarPath + ": cannot list its folder: " + e.getMessage());
            return;
        }
        // Only the media files that choose this sidecar in the SDK's search order read it.
        for (String mediaName : Sidecars.mediaFilesOf(sidecar.getFileName().toString(), siblings)) {
            String mediaPath = root.relativize(parent.resolve(mediaName)).toString().replace('\\', '/');
            // Counted only when values were written: the media file itself is counted by its own event.
            registerWithRetries(mediaPath, result, () -> uploader().reapplyMetadata(mediaPath,
                    metadataOf(root, mediaPath, result)).filter(r -> r.outcome() == RegistrationOutcome.UPDATED)
                    .orElse(null));
        }
    }

    /** Reads and validates a media file's sidecar; a problem is reported and the file registered without it. */
    private MetadataValues metadataOf(Path root, String path, Result result) {
        Optional<Sidecar> found;
        try {
            found = sidecars.find(root.resolve(path));
            if (found.isEmpty()) {
                return MetadataValues.empty();
            }
            found.get().ignoredCandidates().forEach(c -> err.println("sidecar " + c + " ignored: "
                    + found.get().file().getFileName() + " is used for " + path));
            MetadataValues values = sidecars.read(found.get());
            String viewId = settings.metadataViewId();
            if (viewId == null || viewId.isBlank() || values.isEmpty()) {
                return values;
            }
            ValidationResult checked = SidecarValidator.of(new IconikMetadataViews(client), viewId).validate(values);
            checked.problems().forEach(p -> {
                result.sidecarProblems++;
                err.println("sidecar " + found.get().file() + ": " + p);
            });
            return checked.values();
        } catch (SidecarException e) {
            result.sidecarProblems++;
            err.println("sidecar: " + e.getMessage() + " (" + path + " is registered without its metadata)");
            return MetadataValues.empty();
        }
    }

    private boolean registerWithRetries(String path, Result result,
                                        Supplier<Registration> attempt) {
        IconikException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                Registration r = attempt.get();
                if (r != null) {
                    result.outcomes.merge(r.outcome(), 1, Integer::sum);
                    listener.fileRegistered(r.path(), r.outcome());
                    if (pipeline != null) {
                        pipeline.submit(r);
                    }
                }
                return true;
            } catch (IconikException e) {
                last = e;
                checkStop(); // the journal holds the file's progress; the next pass resumes it
                sleep(Duration.ofMillis(500L << i));
            }
        }
        result.failed.add(path);
        err.println("failed: " + path + ": " + last.getMessage());
        listener.fileFailed(path, last.getMessage());
        return false;
    }

    /**
     * Reads the storage's settings from iconik; {@link #ingest} does this at the start of every pass.
     *
     * @return the settings now in force
     * @throws IconikException if iconik cannot be asked
     */
    FileSettings refreshSettings() {
        io.github.iconiksdk.core.client.model.Storage storage;
        try {
            storage = client.getStorage(storageId);
        } catch (IconikException e) {
            listener.passFailed("cannot read the storage's settings from iconik: " + e.getMessage());
            throw e;
        }
        listener.storageRead(storage.id(), storage.name());
        settings = storage.fileSettings();
        return settings;
    }

    /**
     * Asks a running pass to end at the next file boundary: the file in hand is finished (or left to the journal
     * for the next pass), and what the scanner had not handed over is reported again next time. Any thread.
     */
    void requestStop() {
        stopRequested = true;
    }

    /**
     * Whether a pass that found nothing changed still prints its "scanned N files" line (on by default; the
     * daemon turns it off, so that a quiet storage makes a quiet log).
     *
     * @param report true to print every pass
     */
    void reportIdlePasses(boolean report) {
        reportIdlePasses = report;
    }

    private void checkStop() {
        if (stopRequested) {
            throw new StopRequested();
        }
    }

    /** Thrown inside a pass to end it early; caught by {@link #ingest}. */
    private static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stop requested", null, false, false);
        }
    }

    private IconikAssetUploader uploader(Path root) {
        if (uploader == null) {
            uploader = IconikAssetUploader.builder().client(client).storageId(storageId).settings(() -> settings)
                    .journal(config.dataDir().resolve("registrations.db")).storageRoot(root)
                    .chunkSize(config.uploadChunkSize() / (256 << 10) * (256 << 10)).build();
        }
        return uploader;
    }

    private IconikAssetUploader uploader() {
        return uploader(mountPoint(settings));
    }

    private FileSystemScanner scanner(FileSettings s, Path root) {
        patterns = PatternSet.builder().scanIgnore(orEmpty(s.scanIgnore()))
                .scanInclude(orEmpty(s.scanInclude())).transcodeIgnore(orEmpty(s.transcodeIgnore()))
                .transcodeInclude(orEmpty(s.transcodeInclude())).uploadIgnore(orEmpty(s.uploadIgnore())).build();
        return FileSystemScanner.builder().root(root).scanDirectories(orEmpty(s.scanDirectories()))
                .patterns(patterns).growingThreshold(Duration.ofSeconds(thresholdSeconds(s))).checksums(true)
                .checksumWorkers(config.checksumMaxWorkers()).concurrency(config.scannerConcurrency())
                .stateFile(config.dataDir().resolve("scan-state.db")).build();
    }

    private static long thresholdSeconds(FileSettings s) {
        return s.growingFilesThreshold() == null ? 10 : Math.max(0, s.growingFilesThreshold().longValue());
    }

    private Path mountPoint(FileSettings s) {
        String mount = s.mountPoint();
        if (mount == null || mount.isBlank()) {
            throw new ConfigurationException("mount_point", "storage " + storageId + " has no mount_point");
        }
        Path root = Path.of(mount);
        if (!Files.isDirectory(root)) {
            throw new ConfigurationException("mount_point", "storage " + storageId + " has mount_point " + mount
                    + ", which is not a folder on this machine");
        }
        return root;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private void sleep(Duration d) {
        try {
            long end = System.nanoTime() + d.toNanos();
            // In slices, so that a stop request does not wait out a whole back-off.
            while (!stopRequested && System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IconikException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (uploader != null) {
            uploader.close();
        }
    }

    /**
     * The registration journal's answers for the status page's file search; nothing until the first pass opened
     * the journal. Any thread.
     *
     * @return the journal's view of one file at a time
     */
    FileReports.Journal journal() {
        return new FileReports.Journal() {
            @Override
            public Optional<Registration> registration(String path) {
                IconikAssetUploader u = uploader;
                return u == null ? Optional.empty() : u.registration(path);
            }

            @Override
            public List<String> pendingWork(String path) {
                IconikAssetUploader u = uploader;
                if (u == null) {
                    return List.of();
                }
                List<String> out = new ArrayList<>();
                for (IconikAssetUploader.Work w : IconikAssetUploader.Work.values()) {
                    if (u.wanted(w).contains(path)) {
                        out.add(w.name());
                    }
                }
                return out;
            }
        };
    }
}
