// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code Transcoder} that drives the {@code ffmpeg} and {@code ffprobe} executables. Exports only
 * {@code io.github.iconiksdk.ffmpeg}; the command, process and parsing code stays internal.
 */
module io.github.iconiksdk.ffmpeg {
    requires transitive io.github.iconiksdk.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.github.iconiksdk.ffmpeg;

    provides io.github.iconiksdk.api.transcode.TranscoderProvider
            with io.github.iconiksdk.ffmpeg.FfmpegTranscoderProvider;
}
