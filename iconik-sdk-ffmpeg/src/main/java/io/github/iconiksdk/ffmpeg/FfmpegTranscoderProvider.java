// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderConfig;
import io.github.iconiksdk.api.transcode.TranscoderProvider;

import java.util.Optional;

/**
 * Registers {@link FfmpegTranscoder} with {@link java.util.ServiceLoader} under the name {@code "ffmpeg"} at
 * priority 0, for video, audio and still images. Tools are looked up on {@code PATH}; a program that needs a
 * configured path builds its {@link FfmpegTranscoder} directly.
 *
 * <p>Unconfigured, every provider shares one transcoder per JVM with {@link FfmpegTranscoder.Builder}'s default
 * bound on concurrent jobs (a quarter of the cores). {@link #configure} with {@link TranscoderConfig#MAX_JOBS} (the
 * ingest pipeline sets it to {@code max-transcoding-jobs}) gives this provider a transcoder of its own that runs
 * that many jobs at once.
 */
public final class FfmpegTranscoderProvider implements TranscoderProvider {

    // ServiceLoader makes a new provider on every lookup; the tools are looked up once per JVM, not per lookup.
    private static FfmpegTranscoder transcoder;
    private static TranscodeException failure;

    private Integer jobs;
    private FfmpegTranscoder own;

    /** Creates the provider; nothing is looked up until it is used. Called by {@link java.util.ServiceLoader}. */
    public FfmpegTranscoderProvider() {
    }

    /**
     * Reads {@link TranscoderConfig#MAX_JOBS}, if set: this provider's transcoder then runs that many jobs at once.
     * Call it before {@link #transcoder()} (the ingest pipeline does, once).
     *
     * @param config the options
     * @throws IllegalArgumentException if {@code max-transcoding-jobs} is not a whole number of at least 1 (the
     *                                  message names the key and the value)
     */
    @Override
    public synchronized void configure(TranscoderConfig config) {
        Optional<String> value = config.option(TranscoderConfig.MAX_JOBS);
        if (value.isEmpty()) {
            return;
        }
        int n;
        try {
            n = Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException(TranscoderConfig.MAX_JOBS + " must be a whole number of at least 1, got '"
                    + value.get() + "'");
        }
        if (jobs == null || jobs != n) {
            jobs = n;
            own = null;
        }
    }

    @Override
    public String name() {
        return "ffmpeg";
    }

    @Override
    public int priority() {
        return 0;
    }

    /** @return whether ffmpeg and ffprobe were found and answered (looked up once, then remembered) */
    @Override
    public boolean isAvailable() {
        try {
            transcoder();
            return true;
        } catch (TranscodeException e) {
            return false;
        }
    }

    /** @return {@code true} for video, audio and images */
    @Override
    public boolean supports(MediaInfo media) {
        return media.kind() != MediaKind.OTHER;
    }

    /**
     * @return the shared transcoder, tools found on {@code PATH} on first use; once configured with
     *         {@link TranscoderConfig#MAX_JOBS}, this provider's own transcoder with that bound
     * @throws TranscodeException if ffmpeg or ffprobe is missing (remembered: later calls fail the same way)
     */
    @Override
    public synchronized Transcoder transcoder() {
        if (jobs == null) {
            return shared();
        }
        if (own == null) {
            own = build(FfmpegTranscoder.builder().maxConcurrentJobs(jobs));
        }
        return own;
    }

    private static synchronized Transcoder shared() {
        if (transcoder == null) {
            transcoder = build(FfmpegTranscoder.builder());
        }
        return transcoder;
    }

    /** Builds a transcoder (which runs the tools to check them); a failure is remembered for every later call. */
    private static synchronized FfmpegTranscoder build(FfmpegTranscoder.Builder builder) {
        if (failure != null) {
            throw failure;
        }
        try {
            return builder.build();
        } catch (TranscodeException e) {
            failure = e;
            throw e;
        }
    }
}
