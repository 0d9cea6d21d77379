// SPDX-License-Identifier: Apache-2.0
/**
 * The FFmpeg transcoder: {@link io.github.iconiksdk.ffmpeg.FfmpegTranscoder} (built with
 * {@code FfmpegTranscoder.builder()}) and its {@link io.github.iconiksdk.ffmpeg.FfmpegTranscoderProvider} for
 * {@link java.util.ServiceLoader}.
 */
package io.github.iconiksdk.ffmpeg;
