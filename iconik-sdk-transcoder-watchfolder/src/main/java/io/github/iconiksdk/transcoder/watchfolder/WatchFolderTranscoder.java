// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import io.github.iconiksdk.api.Progress;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.transcoder.watchfolder.internal.JobJournal;
import io.github.iconiksdk.transcoder.watchfolder.internal.Placeholders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes a proxy with an outside tool that watches a folder: the source (or a job file naming it) is put in the
 * rule's input folder, the tool's proxy is awaited in the output folder, moved into the request's output folder as
 * {@code proxy.<ext>}, and everything the job put in the tool's folders is removed, on success, failure, timeout
 * or cancel alike.
 *
 * <p>Crash safety: each job is journalled in the rule's state folder before anything is staged. A job whose
 * owning process is gone (killed mid-wait) is cleaned up by the next process before it stages anything for that
 * rule: its staged input, the proxy and marker it expected are removed, so a restart leaves no stale input behind
 * and never takes a stale proxy for another source. A proxy already in the output folder that no journal explains
 * is never taken: the job fails naming it.
 *
 * <p>Jobs for sources with the same stem (which the tool would name alike) run one after the other; others run
 * at once. Thread-safe.
 *
 * <pre>{@code
 * WatchFolderRule braw = WatchFolderPresets.blackmagicRawProxyGenerator("braw", Path.of("/mnt/braw-watch"))
 *         .timeout(Duration.ofMinutes(20)).build();
 * Transcoder tool = new WatchFolderTranscoder(List.of(braw));
 * TranscodeResult r = tool.transcode(TranscodeRequest.builder(clip, renditionsDir).build(), null);
 * }</pre>
 */
public final class WatchFolderTranscoder implements Transcoder {

    /** The plugin's name, as errors and logs show it. */
    public static final String PLUGIN = "watch-folder";

    private static final Logger LOG = LoggerFactory.getLogger(WatchFolderTranscoder.class);

    private static final Map<String, String> VIDEO_TYPES = Map.of("mp4", "video/mp4", "m4v", "video/mp4",
            "mov", "video/quicktime", "mxf", "application/mxf", "webm", "video/webm", "mkv", "video/x-matroska");
    private static final Map<String, String> AUDIO_TYPES = Map.of("m4a", "audio/mp4", "mp3", "audio/mpeg",
            "wav", "audio/wav");
    private static final Map<String, String> IMAGE_TYPES = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
            "png", "image/png");

    private final List<WatchFolderRule> rules;
    private final Map<String, ReentrantLock> stemLocks = new ConcurrentHashMap<>();
    private final Set<String> recovered = ConcurrentHashMap.newKeySet();

    /**
     * Creates the transcoder. Nothing is touched on disk until the first transcode or {@link #recoverStaleJobs()}.
     *
     * @param rules the rules, first match wins
     * @throws NullPointerException     if {@code rules} or a rule is null
     * @throws IllegalArgumentException if two rules share a name
     */
    public WatchFolderTranscoder(List<WatchFolderRule> rules) {
        this.rules = List.copyOf(rules);
        if (this.rules.stream().map(WatchFolderRule::name).distinct().count() != this.rules.size()) {
            throw new IllegalArgumentException("watch-folder rule names must be unique: "
                    + this.rules.stream().map(WatchFolderRule::name).toList());
        }
    }

    /** @return the rules, in order */
    public List<WatchFolderRule> rules() {
        return rules;
    }

    /**
     * @param source a source file
     * @return the first rule that claims it by name, if any
     */
    public Optional<WatchFolderRule> ruleFor(Path source) {
        return rules.stream().filter(r -> r.claims(source)).findFirst();
    }

    /**
     * Describes a claimed source without reading it: the tool, not ffprobe, knows the format. The container is the
     * file's extension and the stream list is empty.
     *
     * @param source the source
     * @return a {@link MediaKind#VIDEO} description
     * @throws TranscodeException if no rule claims the source
     */
    @Override
    public MediaInfo probe(Path source) {
        WatchFolderRule rule = requireRule(source);
        String ext = Placeholders.of(source, rule.input(), rule.output()).fileName("{ext}").toLowerCase(Locale.ROOT);
        return new MediaInfo(MediaKind.VIDEO, ext, Duration.ZERO, 0, List.of());
    }

    /**
     * Hands the source to the tool of the first rule that claims it and waits for the proxy, at most the rule's
     * timeout (the request's timeout is not used: the rule's is the one people configure for the tool).
     *
     * @param request  the source and output folder
     * @param progress told when the source is handed over (0 of 1 files) and when the proxy is taken (1 of 1)
     * @return the proxy ({@link RenditionKind#PROXY}, or {@link RenditionKind#IMAGE_PROXY} for a JPEG or PNG);
     *         its width and height are 0, the tool does not tell them
     * @throws TranscodeException if no rule claims the source, the hand-over fails, the tool does not finish within
     *                            the timeout, or the calling thread is interrupted; the message names the plugin,
     *                            the rule, the source and, for a timeout, the timeout
     */
    @Override
    public TranscodeResult transcode(TranscodeRequest request, ProgressListener progress) {
        Objects.requireNonNull(request, "request");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        Path source = request.source();
        WatchFolderRule rule = requireRule(source);
        recoverOnce(rule);
        Placeholders ph = Placeholders.of(source, rule.input(), rule.output());
        String key = rule.name() + "--" + ph.stem();
        ReentrantLock lock = stemLocks.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(rule, source, "cancelled while waiting for another job of the same name", e);
        }
        try {
            return run(rule, ph, key, request, listener);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cleans up every journalled job of every rule whose owning process is gone: removes the inputs it staged and
     * the proxies and markers it expected. Runs by itself once per rule before the rule's first job; call it at
     * start to clean up before any source arrives.
     *
     * @return how many stale jobs were cleaned up
     * @throws TranscodeException if a state folder cannot be read or a stale file cannot be removed
     */
    public int recoverStaleJobs() {
        int cleaned = 0;
        for (WatchFolderRule rule : rules) {
            cleaned += recover(rule);
            recovered.add(rule.name());
        }
        return cleaned;
    }

    private void recoverOnce(WatchFolderRule rule) {
        if (!recovered.contains(rule.name())) {
            synchronized (recovered) {
                if (!recovered.contains(rule.name())) {
                    recover(rule);
                    recovered.add(rule.name());
                }
            }
        }
    }

    private int recover(WatchFolderRule rule) {
        JobJournal journal = new JobJournal(rule.stateDir());
        int cleaned = 0;
        try {
            for (JobJournal.Entry stale : journal.all()) {
                if (stale.ownerGone()) {
                    LOG.info("{} rule '{}': cleaning up the job for {} left by process {}", PLUGIN, rule.name(),
                            stale.source(), stale.pid());
                    cleanUp(stale, true);
                    journal.end(stale);
                    cleaned++;
                }
            }
        } catch (IOException e) {
            throw failure(rule, rule.stateDir(), "cannot clean up jobs left by a stopped process in "
                    + rule.stateDir(), e);
        }
        return cleaned;
    }

    private TranscodeResult run(WatchFolderRule rule, Placeholders ph, String key, TranscodeRequest request,
                                ProgressListener listener) {
        Path source = request.source();
        String task = "transcode " + source.getFileName() + " with " + PLUGIN + " rule '" + rule.name() + "'";
        Path staged = rule.input().resolve(rule.handOver() == WatchFolderRule.HandOver.JOB_FILE
                ? ph.fileName(rule.jobFileName()) : source.getFileName().toString());
        Path expected = rule.output().resolve(ph.fileName(rule.outputPattern()));
        Path marker = rule.done() == WatchFolderRule.DoneDetection.MARKER_FILE
                ? rule.output().resolve(ph.fileName(rule.markerPattern())) : null;
        JobJournal journal = new JobJournal(rule.stateDir());
        JobJournal.Entry job = begin(rule, journal, key, source, staged, expected, marker);
        try {
            // files no journal explains are someone else's: refuse them, and leave them where they are
            refuseUnexplained(rule, source, expected, "the output folder already holds " + expected
                    + ", which no job of this gateway made; it is not taken as this source's proxy");
            if (marker != null) {
                refuseUnexplained(rule, source, marker, "the output folder already holds the marker " + marker
                        + ", which no job of this gateway made");
            }
            refuseUnexplained(rule, source, staged, "the input folder already holds " + staged
                    + ", which no job of this gateway put there");
        } catch (TranscodeException e) {
            try {
                journal.end(job);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        boolean done = false;
        try {
            stage(rule, ph, source, staged);
            listener.onProgress(new Progress(task, 0, 1, Progress.Unit.FILES));
            LOG.debug("{} rule '{}': handed {} over as {}; waiting for {}", PLUGIN, rule.name(), source, staged,
                    expected);
            awaitDone(rule, source, expected, marker);
            Files.createDirectories(request.outputDir());
            String ext = extensionOf(expected.getFileName().toString());
            Path proxy = request.outputDir().resolve(ext.isEmpty() ? "proxy" : "proxy." + ext);
            Files.move(expected, proxy, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            listener.onProgress(new Progress(task, 1, 1, Progress.Unit.FILES));
            return new TranscodeResult(probe(source), List.of(renditionOf(proxy, ext)));
        } catch (IOException e) {
            throw failure(rule, source, "cannot hand the source over or take the proxy: " + e, e);
        } finally {
            try {
                cleanUp(job, !done);
                journal.end(job);
            } catch (IOException e) {
                LOG.warn("{} rule '{}': could not clean up after {}: {}", PLUGIN, rule.name(), source, e.toString());
            }
        }
    }

    private JobJournal.Entry begin(WatchFolderRule rule, JobJournal journal, String key, Path source, Path staged,
                                   Path expected, Path marker) {
        long deadline = System.nanoTime() + rule.timeout().toNanos();
        while (true) {
            try {
                return journal.begin(key, source, staged, expected, marker);
            } catch (FileAlreadyExistsException busy) {
                try {
                    Optional<JobJournal.Entry> other = journal.find(key);
                    if (other.isPresent() && (other.get().ownerGone() || other.get().ownedByThisProcess())) {
                        // left by a killed process, or by this one before a failed cleanup: never a live job, since
                        // this process runs one job per name at a time
                        cleanUp(other.get(), true);
                        journal.end(other.get());
                        continue;
                    }
                } catch (IOException e) {
                    throw failure(rule, source, "cannot read the job journal in " + rule.stateDir(), e);
                }
                if (System.nanoTime() > deadline) {
                    throw failure(rule, source, "another gateway process kept a job of the same name in "
                            + rule.stateDir() + " for longer than the " + rule.timeout().toSeconds()
                            + " s timeout", null);
                }
                sleep(rule, source);
            } catch (IOException e) {
                throw failure(rule, source, "cannot journal the job in " + rule.stateDir(), e);
            }
        }
    }

    private static void refuseUnexplained(WatchFolderRule rule, Path source, Path file, String why) {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw failure(rule, source, why, null);
        }
    }

    private static void stage(WatchFolderRule rule, Placeholders ph, Path source, Path staged) throws IOException {
        Files.createDirectories(rule.input());
        Files.createDirectories(rule.output());
        switch (rule.handOver()) {
            case HARD_LINK -> Files.createLink(staged, source);
            case SYMLINK -> Files.createSymbolicLink(staged, source.toAbsolutePath());
            case COPY -> {
                // the tool must never see a half-copied file: copy beside it under a hidden name, then rename
                Path part = rule.input().resolve("." + staged.getFileName() + ".iconik-part");
                try {
                    Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
                    moveAtomically(part, staged);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            case JOB_FILE -> {
                Path part = rule.input().resolve("." + staged.getFileName() + ".iconik-part");
                try {
                    Files.writeString(part, ph.job(rule.jobTemplate(), rule.jobFileName()), StandardCharsets.UTF_8);
                    moveAtomically(part, staged);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            default -> throw new IllegalStateException("unknown hand-over " + rule.handOver());
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Waits until the tool has finished the proxy: its done-marker exists, or else the proxy has kept its size and
     * time for {@code stable-seconds}. A poll every {@code poll-millis}, not a retry and not a
     * {@code WatchService}: the tool is another process, its folders are often network shares (SMB, NFS) where no
     * change events arrive, and a size that stops changing is itself only seen by looking twice. The wait blocks
     * the transcode's own thread (bounded by the SDK's transcode bulkhead, {@code iconik-transcodes}) and ends at
     * the rule's timeout or on interrupt (cancellation). The plugin depends on the api alone, so no Resilience4j
     * scheduler is used here.
     */
    private static void awaitDone(WatchFolderRule rule, Path source, Path expected, Path marker) throws IOException {
        long start = System.nanoTime();
        long deadline = start + rule.timeout().toNanos();
        long lastSize = -1;
        FileTime lastModified = null;
        long stableSince = 0;
        while (true) {
            long now = System.nanoTime();
            if (Files.isRegularFile(expected)) {
                if (marker != null) {
                    if (Files.exists(marker)) {
                        return;
                    }
                } else {
                    long size = Files.size(expected);
                    FileTime modified = Files.getLastModifiedTime(expected);
                    if (size > 0 && size == lastSize && modified.equals(lastModified)) {
                        if (now - stableSince >= rule.stableFor().toNanos()) {
                            return;
                        }
                    } else {
                        lastSize = size;
                        lastModified = modified;
                        stableSince = now;
                    }
                }
            }
            if (now > deadline) {
                throw failure(rule, source, "the tool wrote no finished proxy (" + expected + ") within the "
                        + rule.timeout().toSeconds() + " s timeout (timeout-seconds); is it running and watching "
                        + rule.input() + "?", null);
            }
            sleep(rule, source);
        }
    }

    private static void sleep(WatchFolderRule rule, Path source) {
        try {
            Thread.sleep(rule.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(rule, source, "cancelled while waiting for the tool", e);
        }
    }

    /** Removes what a job put in the tool's folders; the proxy too when the job did not take it. */
    private static void cleanUp(JobJournal.Entry job, boolean removeOutput) throws IOException {
        if (job.staged() != null) {
            Files.deleteIfExists(job.staged());
            Path parent = job.staged().getParent();
            if (parent != null) {
                Files.deleteIfExists(parent.resolve("." + job.staged().getFileName() + ".iconik-part"));
            }
        }
        if (job.marker() != null) {
            Files.deleteIfExists(job.marker());
        }
        if (removeOutput && job.output() != null) {
            Files.deleteIfExists(job.output());
        }
    }

    private static Rendition renditionOf(Path proxy, String ext) {
        String lower = ext.toLowerCase(Locale.ROOT);
        if (IMAGE_TYPES.containsKey(lower)) {
            return new Rendition(RenditionKind.IMAGE_PROXY, proxy, IMAGE_TYPES.get(lower), 0, 0, null);
        }
        String type = VIDEO_TYPES.getOrDefault(lower, AUDIO_TYPES.getOrDefault(lower, "application/octet-stream"));
        return new Rendition(RenditionKind.PROXY, proxy, type, 0, 0, null);
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1) : "";
    }

    private WatchFolderRule requireRule(Path source) {
        return ruleFor(source).orElseThrow(() -> new TranscodeException(PLUGIN + ": no rule claims " + source
                + " (rules: " + rules.stream().map(r -> r.name() + " " + r.patterns()).toList() + ")", -1,
                List.of(), null));
    }

    private static TranscodeException failure(WatchFolderRule rule, Path source, String what, Throwable cause) {
        return new TranscodeException(PLUGIN + " rule '" + rule.name() + "' failed for " + source + ": " + what, -1,
                List.of(), cause);
    }
}
