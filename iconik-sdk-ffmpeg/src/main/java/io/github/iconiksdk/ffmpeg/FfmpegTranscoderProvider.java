package io.github.iconiksdk.ffmpeg;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderProvider;

/**
 * Registers {@link FfmpegTranscoder} with {@link java.util.ServiceLoader} under the name {@code "ffmpeg"} at
 * priority 0, for video, audio and still images. Tools are looked up on {@code PATH}; a program that needs a
 * configured path builds its {@link FfmpegTranscoder} directly.
 */
public final class FfmpegTranscoderProvider implements TranscoderProvider {

    // ServiceLoader makes a new provider on every lookup; the tools are looked up once per JVM, not per lookup.
    private static FfmpegTranscoder transcoder;
    private static TranscodeException failure;

    /** Creates the provider; nothing is looked up until it is used. Called by {@link java.util.ServiceLoader}. */
    public FfmpegTranscoderProvider() {
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
     * @return the shared transcoder, tools found on {@code PATH} on first use
     * @throws TranscodeException if ffmpeg or ffprobe is missing (remembered: later calls fail the same way)
     */
    @Override
    public Transcoder transcoder() {
        return shared();
    }

    private static synchronized Transcoder shared() {
        if (transcoder == null) {
            if (failure != null) {
                throw failure;
            }
            try {
                transcoder = FfmpegTranscoder.builder().build();
            } catch (TranscodeException e) {
                failure = e;
                throw e;
            }
        }
        return transcoder;
    }
}
