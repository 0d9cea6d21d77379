// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.ImageSequence;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.api.upload.AssetGroup;
import io.github.iconiksdk.api.upload.AssetUploader;
import io.github.iconiksdk.api.upload.PendingWork;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.api.upload.UploadResult;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.StorageSettings;
import io.github.iconiksdk.core.media.DirectoryAssets;
import io.github.iconiksdk.core.media.DirectoryAssets.DirectoryAsset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What happens to a file after its registration: renditions (probe, transcode into a work folder under the data
 * dir, upload, close) and the original's upload, each in its own bounded pool: {@code max-transcoding-jobs}
 * transcodes and {@code file-upload-parallel-uploads-num} uploads at once.
 *
 * <p>Registration never waits on this: {@link #submit} records in the journal that the work is wanted (a quick
 * local write), then offers it to a bounded queue without blocking. When the queue is full the work simply stays
 * recorded, and {@link #drain} (or the next run, after a crash) picks it up from the journal. A failed transcode is
 * reported on the file and given up until the file changes; a failed upload stays wanted for the next pass.
 * Everything is reported as {@link IngestEvent}s.
 */
public final class RenditionStage implements AutoCloseable {

    private static final int QUEUE = 64;

    private final GatewayConfig config;
    private final AssetUploader uploader;
    private final Supplier<StorageSettings> settings;
    private final Path root;
    private final Transcoders transcoders;
    private final Events events;
    private final ThreadPoolExecutor transcodes;
    private final ThreadPoolExecutor uploads;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> triedThisPass = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private final Object idle = new Object();
    private final Semaphore transcodeSlots;
    private final Semaphore uploadSlots;
    private final AtomicInteger renditionsFailed = new AtomicInteger();
    private final AtomicInteger uploadCount = new AtomicInteger();
    private final AtomicInteger uploadsFailed = new AtomicInteger();
    private volatile boolean overflowed;
    private volatile FileClaims claims;

    /**
     * @param config      the gateway's configuration (jobs, uploads, rendition settings, data dir)
     * @param uploader    the uploader holding the journal
     * @param settings    the storage's current settings
     * @param root        the storage's mount point
     * @param transcoders the transcoders to probe and transcode with
     * @param events      where reports go
     */
    public RenditionStage(GatewayConfig config, AssetUploader uploader, Supplier<StorageSettings> settings,
                          Path root, Transcoders transcoders, Events events) {
        this.config = config;
        this.uploader = uploader;
        this.settings = settings;
        this.root = root;
        this.transcoders = transcoders;
        this.events = events;
        this.transcodes = pool(config.maxTranscodingJobs(), "transcode");
        this.uploads = pool(config.parallelUploads(), "upload");
        this.transcodeSlots = new Semaphore(config.maxTranscodingJobs() + QUEUE);
        this.uploadSlots = new Semaphore(config.parallelUploads() + QUEUE);
    }

    private static ThreadPoolExecutor pool(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "ingest-" + name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    /**
     * Ties the stage to a shared queue's claims: every job of a claimed file is reported to them (its lease is
     * completed when the last ends), {@link #submit} waits for room in the pools rather than leaving the work to
     * {@link #drain} (a lease must not be completed with its work undone), and only work of files claimed here is
     * resumed from the journal (the rest is another gateway's, or offered to the queue).
     *
     * @param claims the pass's claims on a shared queue
     */
    void claims(FileClaims claims) {
        this.claims = claims;
    }

    /** @return files waiting for or in a transcode */
    public int transcodeBacklog() {
        return transcodes.getQueue().size() + transcodes.getActiveCount();
    }

    /** @return files waiting for or in an upload */
    public int uploadBacklog() {
        return uploads.getQueue().size() + uploads.getActiveCount();
    }

    /** @return how many files got no renditions because their transcode failed (or no transcoder was found) */
    public int renditionsFailed() {
        return renditionsFailed.get();
    }

    /** @return how many objects were uploaded (proxies, keyframes, originals) */
    public int uploads() {
        return uploadCount.get();
    }

    /** @return how many uploads failed and are left for the next pass */
    public int uploadsFailed() {
        return uploadsFailed.get();
    }

    /**
     * Takes a file just registered: records and queues its renditions and original upload as the storage's settings
     * and patterns ask. Never blocks on the pools.
     *
     * @param reg the registration
     */
    public void submit(Registration reg) {
        if (reg.outcome() == RegistrationOutcome.REMOVED || reg.assetId() == null) {
            return;
        }
        if (reg.outcome() == RegistrationOutcome.AGGREGATED) {
            // The shared asset has its proxies, keyframes and original from the file that made it; an identical
            // copy adds only its file record ("consider identical files the same").
            return;
        }
        StorageSettings s = settings.get();
        boolean group = AssetGroup.isGroupPath(reg.path());
        // A directory asset's transcode patterns are tried on its key (a sequence's ends in its extension) [I].
        if (s.makeRenditions() && s.patterns().shouldTranscode(group ? AssetGroup.keyOf(reg.path()) : reg.path())
                && uploader.want(reg.path(), PendingWork.RENDITIONS)) {
            offer(reg.path(), PendingWork.RENDITIONS, false);
        }
        if (!s.uploadOriginals()) {
            return;
        }
        // A directory asset's originals are its files: each registered file is uploaded once (its own upload
        // work, as a single file's), into one file set of the group on iconik's storage.
        List<String> files = group ? groupFiles(reg.path()) : List.of(reg.path());
        for (String p : files) {
            if (s.patterns().shouldUpload(p) && uploader.want(p, PendingWork.ORIGINAL)) {
                offer(p, PendingWork.ORIGINAL, false);
            }
        }
    }

    /** The registered files of a directory asset as they are on disk now. */
    private List<String> groupFiles(String groupPath) {
        try {
            return new DirectoryAssetsOnDisk(root, settings.get().patterns(), DirectoryAssets.defaults())
                    .find(AssetGroup.keyOf(groupPath)).map(DirectoryAsset::files).orElse(List.of()).stream()
                    .filter(p -> uploader.registration(p).isPresent()).toList();
        } catch (java.io.UncheckedIOException e) {
            problem(groupPath, "the originals of " + groupPath + " are not uploaded now: " + e.getMessage()
                    + " (tried again when the group is registered again)");
            return List.of();
        }
    }

    /** Queues every piece of work the journal holds as wanted (left by a crash, or by a full queue). */
    public void resumeWanted(boolean blocking) {
        for (PendingWork w : PendingWork.values()) {
            for (String path : uploader.wanted(w)) {
                FileClaims c = claims;
                if (!triedThisPass.contains(w + ":" + path) && (c == null || c.holds(path))) {
                    offer(path, w, blocking);
                }
            }
        }
    }

    /** Waits until every piece of work wanted is done or was tried once in this pass. */
    public void drain() {
        do {
            overflowed = false;
            resumeWanted(true);
            waitIdle();
        } while (overflowed);
    }

    /**
     * Waits until the work submitted so far is done, without queueing what the journal holds as wanted (a partial
     * pass between full passes: the full pass retries what failed).
     */
    public void awaitSubmitted() {
        waitIdle();
    }

    private void waitIdle() {
        synchronized (idle) {
            while (active.get() > 0) {
                try {
                    idle.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IconikException("interrupted while waiting for transcodes and uploads", e);
                }
            }
        }
    }

    private void ended() {
        if (active.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private void offer(String path, PendingWork work, boolean blocking) {
        String key = work + ":" + path;
        if (!inFlight.add(key)) {
            return;
        }
        triedThisPass.add(key);
        FileClaims c = claims;
        if (c != null) {
            c.started(path);
            blocking = true;
        }
        ThreadPoolExecutor pool = work == PendingWork.RENDITIONS ? transcodes : uploads;
        Semaphore slots = work == PendingWork.RENDITIONS ? transcodeSlots : uploadSlots;
        Runnable job = () -> {
            try {
                if (work == PendingWork.RENDITIONS) {
                    renditions(path);
                } else {
                    original(path);
                }
            } finally {
                slots.release();
                inFlight.remove(key);
                ended();
                if (c != null) {
                    c.ended(path);
                }
            }
        };
        active.incrementAndGet();
        boolean admitted = false;
        try {
            // A slot (a worker or a place in the queue) first: a blocking offer waits for one, never polls.
            admitted = blocking ? acquire(slots) : slots.tryAcquire();
            if (!admitted) {
                throw new RejectedExecutionException(work + " queue full");
            }
            pool.execute(job);
        } catch (RejectedExecutionException full) {
            // The work stays recorded as wanted; drain() or the next run takes it from the journal.
            if (admitted) {
                slots.release();
            }
            ended();
            inFlight.remove(key);
            triedThisPass.remove(key);
            overflowed = true;
            if (c != null) {
                c.ended(path);
            }
        }
    }

    /** Waits for a slot; false when interrupted (the stage is closing: the work stays wanted in the journal). */
    private static boolean acquire(Semaphore slots) {
        try {
            slots.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }


    private void renditions(String path) {
        Optional<Registration> reg = uploader.registration(path);
        if (reg.isEmpty()) {
            return;
        }
        Path file = root.resolve(path);
        ImageSequence sequence = null;
        List<Path> soundFiles = List.of();
        if (AssetGroup.isGroupPath(path)) {
            // A directory asset: the proxy comes from the clip's essence, or from every frame of the sequence.
            String key = AssetGroup.keyOf(path);
            Optional<DirectoryAsset> asset = new DirectoryAssetsOnDisk(root, settings.get().patterns(),
                    DirectoryAssets.defaults()).find(key);
            Optional<String> essence = asset.flatMap(DirectoryAsset::essence);
            if (essence.isEmpty()) {
                renditionsFailed.incrementAndGet();
                problem(path, "no renditions for directory asset " + key + ": " + (asset.isEmpty()
                        ? "its files are no longer on disk" : "it holds none of its card's video essence files"));
                uploader.giveUp(path, PendingWork.RENDITIONS);
                return;
            }
            file = root.resolve(essence.get());
            soundFiles = asset.get().soundEssences().stream().map(root::resolve).toList();
            if (asset.get().kind() == DirectoryAssets.Kind.IMAGE_SEQUENCE) {
                // [I] iconik's storage settings name no frame rate for sequences: 24 fps, as the issue asks.
                sequence = new ImageSequence(asset.get().files().stream().map(root::resolve).toList(),
                        ImageSequence.DEFAULT_FRAME_RATE);
            }
        }
        Path work = config.dataDir().resolve("work").resolve(hash(path));
        // A plugin that claims the file by name or first bytes makes its renditions without a probe (ffprobe cannot
        // read a .braw, a PDF or a CR3); otherwise the probe decides, and FFmpeg takes what no plugin wants. A
        // sequence's frames are never offered to a plugin one by one.
        Optional<TranscoderProvider> provider = sequence == null ? transcoders.claimant(file) : Optional.empty();
        Optional<Transcoder> prober = provider.isPresent() ? Optional.empty() : transcoders.prober();
        if (provider.isEmpty() && prober.isEmpty()) {
            renditionsFailed.incrementAndGet();
            problem(path, "no renditions for " + path + ": " + transcoders.missing());
            return; // stays wanted: installing ffmpeg and running again makes them
        }
        try {
            if (provider.isEmpty()) {
                MediaInfo media;
                try {
                    media = prober.get().probe(file);
                } catch (TranscodeException e) {
                    renditionsFailed.incrementAndGet();
                    problem(path, "no renditions for " + path + ": " + e.getMessage());
                    uploader.giveUp(path, PendingWork.RENDITIONS);
                    return;
                }
                if (sequence != null && media.kind() != MediaKind.OTHER) {
                    // chosen as the clip it becomes, so that an image-only plugin does not make a still of frame 1
                    media = new MediaInfo(MediaKind.VIDEO, media.container(), media.duration(), media.bitRate(),
                            media.streams());
                }
                provider = media.kind() == MediaKind.OTHER ? Optional.empty() : transcoders.select(media);
                if (provider.isEmpty()) {
                    report("no renditions for " + path + ": not video, audio or an image");
                    uploader.giveUp(path, PendingWork.RENDITIONS);
                    return;
                }
            }
            Transcoder transcoder = provider.get().transcoder();
            deleteTree(work);
            TranscodeRequest request = TranscodeRequest.builder(file, work)
                    .proxyResolution(config.proxyResolution().width(), config.proxyResolution().height())
                    .proxyBitrate(config.proxyBitrate())
                    .imageProxyResolution(config.imageProxyResolution().width(),
                            config.imageProxyResolution().height())
                    .hdrToSdrKeyframes(config.hdrToSdrKeyframes()).sequence(sequence).audioTracks(soundFiles)
                    .build();
            if (!stillOurs(path)) {
                return; // another gateway took the file over: its renditions are that one's
            }
            TranscodeResult result;
            try {
                result = transcoder.transcode(request, ProgressListener.NONE);
            } catch (TranscodeException e) {
                renditionsFailed.incrementAndGet();
                problem(path, "renditions failed for " + path + ": " + e.getMessage());
                uploader.giveUp(path, PendingWork.RENDITIONS);
                return;
            } catch (RuntimeException e) {
                // A transcoder's own bug (the FFmpeg planner refuses a 0x0 image) is this file's failure, not a
                // dead worker thread with the work wanted again on every pass.
                renditionsFailed.incrementAndGet();
                problem(path, "renditions failed for " + path + ": the transcoder failed: " + e);
                uploader.giveUp(path, PendingWork.RENDITIONS);
                return;
            }
            if (!stillOurs(path)) {
                return; // taken over while it transcoded (this process stalled past the lease): not committed twice
            }
            // Uploads of renditions share the upload pool's limit; this worker waits for its own file's upload.
            try {
                List<UploadResult> done = uploads.submit(() -> uploader.uploadRenditions(reg.get(), result,
                        ProgressListener.NONE)).get();
                uploadCount.addAndGet(done.size());
                done.forEach(u -> events.emit(new IngestEvent.Uploaded(path, u.bytes())));
            } catch (RejectedExecutionException full) {
                List<UploadResult> done = uploader.uploadRenditions(reg.get(), result, ProgressListener.NONE);
                uploadCount.addAndGet(done.size());
                done.forEach(u -> events.emit(new IngestEvent.Uploaded(path, u.bytes())));
            }
        } catch (java.util.concurrent.ExecutionException e) {
            uploadsFailed.incrementAndGet();
            problem(path, "upload of renditions failed for " + path + ": " + e.getCause().getMessage()
                    + " (tried again on the next pass)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IconikException | IllegalStateException e) {
            uploadsFailed.incrementAndGet();
            problem(path, "upload of renditions failed for " + path + ": " + e.getMessage()
                    + " (tried again on the next pass)");
        } finally {
            deleteTree(work);
        }
    }

    private void original(String path) {
        Optional<Registration> reg = uploader.registration(path);
        if (reg.isEmpty() || !stillOurs(path)) {
            return;
        }
        try {
            UploadResult done = uploader.uploadOriginal(reg.get(), ProgressListener.NONE);
            uploadCount.incrementAndGet();
            events.emit(new IngestEvent.Uploaded(path, done.bytes()));
            if (!settings.get().makeRenditions()) {
                cloudTranscode(path);
            }
        } catch (IconikException | IllegalStateException e) {
            uploadsFailed.incrementAndGet();
            problem(path, "upload of the original failed for " + path + ": " + e.getMessage()
                    + " (tried again on the next pass)");
        }
    }

    /**
     * Asks iconik to make the proxy and keyframes from the uploaded original, as the ISG does when it makes none
     * itself; a refusal is reported, not fatal (the original is uploaded).
     */
    private void cloudTranscode(String path) {
        try {
            uploader.requestCloudTranscode(path).ifPresent(job -> report("iconik transcodes the uploaded original of "
                    + path + " (job " + job + ")"));
        } catch (IconikException | IllegalStateException e) {
            problem(path, "iconik was not asked to transcode the uploaded original of " + path + ": " + e.getMessage()
                    + " (its proxy and keyframes are missing)");
        }
    }

    /**
     * The fence before work is committed (on a shared queue): false once another gateway took the file over because
     * this process held it past its lease; the work is then that one's.
     */
    private boolean stillOurs(String path) {
        FileClaims c = claims;
        return c == null || c.fence(path);
    }

    private void problem(String path, String line) {
        events.problem(path, line);
    }

    private void report(String line) {
        events.notice(line);
    }

    private static String hash(String path) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(path.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover work file is removed by the next transcode of the same source
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }

    @Override
    public void close() {
        transcodes.shutdownNow();
        uploads.shutdownNow();
    }
}
