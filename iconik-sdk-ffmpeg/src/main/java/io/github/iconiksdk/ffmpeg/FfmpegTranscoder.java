// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg;

import io.github.iconiksdk.api.Progress;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.StreamInfo;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.ffmpeg.internal.FfmpegLog;
import io.github.iconiksdk.ffmpeg.internal.FfmpegTools;
import io.github.iconiksdk.ffmpeg.internal.OutputFolder;
import io.github.iconiksdk.ffmpeg.internal.ProbeParser;
import io.github.iconiksdk.ffmpeg.internal.ProcessRunner;
import io.github.iconiksdk.ffmpeg.internal.ProgressParser;
import io.github.iconiksdk.ffmpeg.internal.RenditionPlanner;
import io.github.iconiksdk.ffmpeg.internal.SequenceInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;

/**
 * The {@link Transcoder} that drives the {@code ffmpeg} and {@code ffprobe} executables: one ffprobe run to learn
 * what the source is, then one ffmpeg run that makes every rendition (for a video: proxy, keyframes, keyframe map
 * and poster in a single decode of the source).
 *
 * <p>Outputs in the request's folder: video {@code proxy.mp4}, {@code keyframes/NNNN.jpg}, {@code keyframe-map.jpg},
 * {@code poster.jpg}; image {@code proxy.jpg}, {@code keyframe.jpg}; audio {@code proxy.m4a},
 * {@code waveform.jpg}. Thread-safe; at most {@link Builder#maxConcurrentJobs(int)} transcodes run at once, the
 * others wait their turn.
 *
 * <pre>{@code
 * Transcoder ffmpeg = FfmpegTranscoder.builder().maxConcurrentJobs(2).build();
 * TranscodeResult result = ffmpeg.transcode(TranscodeRequest.builder(clip, proxiesDir).build(),
 *         p -> log.info("{} {}%", p.task(), (int) (100 * p.fraction())));
 * }</pre>
 */
public final class FfmpegTranscoder implements Transcoder {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegTranscoder.class);

    private final FfmpegTools tools;
    private final Semaphore jobs;
    private final int maxConcurrentJobs;
    private final Duration probeTimeout;
    private final ProcessRunner runner;
    private final RenditionPlanner planner;

    private FfmpegTranscoder(Builder b, FfmpegTools tools) {
        this.tools = tools;
        this.maxConcurrentJobs = b.maxConcurrentJobs;
        this.jobs = new Semaphore(b.maxConcurrentJobs, true);
        this.probeTimeout = b.probeTimeout;
        this.runner = new ProcessRunner(b.cancelGracePeriod);
        this.planner = new RenditionPlanner(tools);
    }

    /** @return a builder with the defaults: tools on {@code PATH}, jobs as the ISG sizes them (see builder) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the ffmpeg executable in use */
    public Path ffmpegPath() {
        return tools.ffmpeg();
    }

    /** @return the ffprobe executable in use */
    public Path ffprobePath() {
        return tools.ffprobe();
    }

    /** @return the version ffmpeg reported ({@code "5.1.9-0+deb12u1"}) */
    public String ffmpegVersion() {
        return tools.ffmpegVersion();
    }

    /** @return how many transcodes may run at once */
    public int maxConcurrentJobs() {
        return maxConcurrentJobs;
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code source} is null
     */
    @Override
    public MediaInfo probe(Path source) {
        Objects.requireNonNull(source, "source");
        return probe(source, probeTimeout);
    }

    private MediaInfo probe(Path source, Duration timeout) {
        StringBuilder json = new StringBuilder();
        List<String> args = List.of(tools.ffprobe().toString(), "-hide_banner", "-loglevel", "level+error",
                "-print_format", "json", "-show_format", "-show_streams", "-pattern_type", "none",
                source.toAbsolutePath().toString());
        ProcessRunner.Outcome out = runner.run(args, timeout, line -> json.append(line).append('\n'),
                "ffprobe on " + source);
        if (out.exitCode() != 0) {
            throw new TranscodeException("ffprobe cannot read " + source + " (exit " + out.exitCode() + ")",
                    out.exitCode(), errorsOrTail(out.stderr()), null);
        }
        try {
            return ProbeParser.parse(json.toString(), source.toString());
        } catch (IllegalArgumentException e) {
            throw new TranscodeException(e.getMessage(), 0, List.of(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Media of kind {@link MediaKind#OTHER} (no picture or sound ffmpeg can decode) fails with a
     * {@link TranscodeException} before ffmpeg runs.
     *
     * @throws NullPointerException if {@code request} is null
     */
    @Override
    public TranscodeResult transcode(TranscodeRequest request, ProgressListener progress) {
        Objects.requireNonNull(request, "request");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        Path source = request.source();
        long started = System.nanoTime();
        try {
            jobs.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeException("transcode of " + source + " was cancelled while waiting for a job slot",
                    -1, List.of(), e);
        }
        try {
            MediaInfo media = probe(source, min(probeTimeout, request.timeout()));
            if (request.sequence() != null) {
                media = SequenceInput.describe(media, request.sequence(), source);
            }
            if (media.kind() == MediaKind.OTHER) {
                throw new TranscodeException(source + " holds no video, audio or image that ffmpeg can make "
                        + "renditions of (container " + media.container() + ")", -1, List.of(), null);
            }
            warnIfToneMappingUnavailable(media, request);
            if (!request.audioTracks().isEmpty()) {
                request = request.toBuilder().audioTracks(media.kind() == MediaKind.VIDEO
                        ? soundFiles(request.audioTracks(), min(probeTimeout, request.timeout())) : List.of())
                        .build();
            }
            Duration remaining = request.timeout().minusNanos(System.nanoTime() - started);
            if (remaining.isNegative() || remaining.isZero()) {
                throw new TranscodeException("transcode of " + source + " timed out after " + request.timeout(),
                        -1, List.of(), null);
            }
            return run(request, media, remaining, listener);
        } finally {
            jobs.release();
        }
    }

    /**
     * The separate sound files that hold sound ffprobe can read; the others are left out with a warning (a stand-in
     * or damaged track does not cost the clip its proxy).
     */
    private List<Path> soundFiles(List<Path> tracks, Duration timeout) {
        List<Path> kept = new java.util.ArrayList<>();
        for (Path track : tracks) {
            try {
                if (probe(track, timeout).audio().isPresent()) {
                    kept.add(track);
                } else {
                    LOG.warn("{} holds no sound ffmpeg can read; it is left out of the proxy", track);
                }
            } catch (TranscodeException e) {
                LOG.warn("{} is left out of the proxy: {}", track, e.getMessage());
            }
        }
        return kept;
    }

    private TranscodeResult run(TranscodeRequest request, MediaInfo media, Duration timeout,
                                ProgressListener listener) {
        Path source = request.source();
        OutputFolder folder;
        try {
            folder = OutputFolder.create(request.outputDir());
        } catch (UncheckedIOException e) {
            throw new TranscodeException(e.getMessage(), -1, List.of(), e);
        }
        try (folder) {
            if (request.sequence() != null) {
                SequenceInput.link(request.sequence(), folder.workDir());
            }
            RenditionPlanner.Plan plan = planner.plan(media, request, folder.workDir());
            if (media.kind() == MediaKind.VIDEO) {
                Files.createDirectories(folder.workDir().resolve(RenditionPlanner.KEYFRAMES_DIR));
            }
            String task = "transcode " + source.getFileName();
            long total = media.duration().toNanos() / 1000;
            ProcessRunner.Outcome out = runner.run(plan.command().arguments(), timeout, request.timeout(),
                    line -> report(line, task, total, listener), "ffmpeg on " + source);
            if (out.exitCode() != 0) {
                throw new TranscodeException("ffmpeg failed on " + source + " (exit " + out.exitCode() + ")",
                        out.exitCode(), errorsOrTail(out.stderr()), null);
            }
            List<Rendition> made = madeFiles(plan.renditions(), source);
            List<Rendition> published = folder.publish(made);
            listener.onProgress(new Progress(task, Math.max(total, 0), total > 0 ? total : -1,
                    Progress.Unit.MICROSECONDS));
            LOG.debug("transcoded {} into {} renditions in {}", source, published.size(), request.outputDir());
            return new TranscodeResult(media, published);
        } catch (IOException | UncheckedIOException e) {
            throw new TranscodeException("cannot write renditions of " + source + " to " + request.outputDir()
                    + ": " + e.getMessage(), -1, List.of(), e);
        }
    }

    private static void report(String line, String task, long total, ProgressListener listener) {
        OptionalLong done = ProgressParser.outTimeMicros(line);
        if (done.isPresent()) {
            long value = total > 0 ? Math.min(done.getAsLong(), total) : done.getAsLong();
            listener.onProgress(new Progress(task, value, total > 0 ? total : -1, Progress.Unit.MICROSECONDS));
        }
    }

    /** Every planned file that exists; keyframes may be fewer than planned when the video ends early. */
    private static List<Rendition> madeFiles(List<Rendition> planned, Path source) throws IOException {
        List<Rendition> made = new ArrayList<>();
        boolean anyKeyframe = false;
        for (Rendition r : planned) {
            boolean exists = Files.isRegularFile(r.file()) && Files.size(r.file()) > 0;
            if (r.kind() == RenditionKind.KEYFRAME && r.position() != null) {
                if (exists) {
                    made.add(r);
                    anyKeyframe = true;
                }
                continue;
            }
            if (!exists) {
                throw new TranscodeException("ffmpeg exited without error but made no " + r.file().getFileName()
                        + " for " + source, 0, List.of(), null);
            }
            made.add(r);
        }
        if (!anyKeyframe && planned.stream().anyMatch(r -> r.kind() == RenditionKind.KEYFRAME
                && r.position() != null)) {
            throw new TranscodeException("ffmpeg exited without error but made no keyframes for " + source, 0,
                    List.of(), null);
        }
        return made;
    }

    private void warnIfToneMappingUnavailable(MediaInfo media, TranscodeRequest request) {
        boolean hdr = media.video().map(StreamInfo::isHdr).orElse(false);
        if (hdr && request.hdrToSdrKeyframes() && !tools.hasZscale() && media.kind() == MediaKind.VIDEO) {
            LOG.warn("{} is HDR but {} has no zscale filter (libzimg); its keyframes are not tone-mapped",
                    request.source(), tools.ffmpeg());
        }
    }

    private static List<String> errorsOrTail(List<String> stderr) {
        List<String> errors = FfmpegLog.errorLines(stderr);
        if (!errors.isEmpty()) {
            return errors;
        }
        List<String> tail = stderr.subList(Math.max(0, stderr.size() - 5), stderr.size());
        return tail.stream().map(FfmpegLog::clean).filter(s -> !s.isEmpty()).toList();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Configures an {@link FfmpegTranscoder}; not thread-safe. */
    public static final class Builder {
        private Path ffmpegPath;
        private Path ffprobePath;
        private int maxConcurrentJobs = Math.max(1, Runtime.getRuntime().availableProcessors() / 4);
        private Duration probeTimeout = Duration.ofSeconds(30);
        private Duration cancelGracePeriod = Duration.ofSeconds(5);
        private String searchPath = System.getenv("PATH");

        private Builder() {
        }

        /**
         * @param path the ffmpeg executable to use before looking on {@code PATH}; {@code null} for none
         * @return this builder
         */
        public Builder ffmpegPath(Path path) {
            this.ffmpegPath = path;
            return this;
        }

        /**
         * @param path the ffprobe executable to use before looking beside ffmpeg and on {@code PATH}
         * @return this builder
         */
        public Builder ffprobePath(Path path) {
            this.ffprobePath = path;
            return this;
        }

        /**
         * The ISG's {@code max-transcoding-jobs}. The default is one job per four processors (at least one), as
         * the ISG's sizing guide allows about four cores per near-real-time HD transcode.
         *
         * @param jobs how many transcodes may run at once
         * @return this builder
         * @throws IllegalArgumentException if {@code jobs} is below 1
         */
        public Builder maxConcurrentJobs(int jobs) {
            if (jobs < 1) {
                throw new IllegalArgumentException("max-transcoding-jobs must be at least 1, got " + jobs);
            }
            this.maxConcurrentJobs = jobs;
            return this;
        }

        /**
         * @param timeout the longest one ffprobe run may take (default 30 s)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = positive(timeout, "probeTimeout");
            return this;
        }

        /**
         * @param grace how long ffmpeg may take to quit after being asked ({@code q}) on cancel or timeout before
         *              it is terminated (default 5 s)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder cancelGracePeriod(Duration grace) {
            Objects.requireNonNull(grace, "cancelGracePeriod");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("cancelGracePeriod must not be negative, got " + grace);
            }
            this.cancelGracePeriod = grace;
            return this;
        }

        /**
         * @param path the search path used instead of the {@code PATH} environment variable ({@code null}: no
         *             search)
         * @return this builder
         */
        public Builder searchPath(String path) {
            this.searchPath = path;
            return this;
        }

        /**
         * Finds the executables and checks their versions.
         *
         * @return the transcoder
         * @throws TranscodeException if ffmpeg or ffprobe is missing or broken; the message names every place
         *                            looked at and what to install
         */
        public FfmpegTranscoder build() {
            return new FfmpegTranscoder(this, FfmpegTools.locate(ffmpegPath, ffprobePath, searchPath));
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
