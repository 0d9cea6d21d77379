// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to transcode, where to put the results, and how. Immutable; build with {@link #builder(Path, Path)}.
 *
 * @param source               the media file
 * @param outputDir            the folder the renditions go to (created if needed)
 * @param proxyWidth           largest video proxy width (ISG {@code proxy-resolution}, default 1280)
 * @param proxyHeight          largest video proxy height (default 720)
 * @param proxyBitrate         largest video proxy bit rate in bit/s (ISG {@code proxy-bitrate}, default 3,000,000)
 * @param imageProxyWidth      largest image proxy width (ISG {@code image-proxy-resolution}, default 2048)
 * @param imageProxyHeight     largest image proxy height (default 2048)
 * @param hdrToSdrKeyframes    tone-map HDR keyframes to SDR (ISG {@code enable-hdr-to-sdr-keyframe-conversion},
 *                             default true)
 * @param timeout              the longest the whole transcode may take, default one hour
 * @param sequence             for a numbered image sequence, all of its frames ({@code source} is the first), made
 *                             into one video proxy; {@code null} for a single file
 * @param audioTracks          sound kept in files of its own beside a video source (a P2 card clip's
 *                             {@code CONTENTS/AUDIO/<id>00.MXF}, {@code <id>01.MXF} …), mixed in track order into the
 *                             video proxy in place of the source's own sound; empty for most requests
 */
public record TranscodeRequest(Path source, Path outputDir, int proxyWidth, int proxyHeight, long proxyBitrate,
                               int imageProxyWidth, int imageProxyHeight, boolean hdrToSdrKeyframes,
                               Duration timeout, ImageSequence sequence, List<Path> audioTracks) {

    /**
     * Validates the request against the ISG's documented ranges.
     *
     * @param source the media file
     * @param outputDir the folder the renditions go to (created if needed)
     * @param proxyWidth largest video proxy width (ISG {@code proxy-resolution}, default 1280)
     * @param proxyHeight largest video proxy height (default 720)
     * @param proxyBitrate largest video proxy bit rate in bit/s (ISG {@code proxy-bitrate}, default 3,000,000)
     * @param imageProxyWidth largest image proxy width (ISG {@code image-proxy-resolution}, default 2048)
     * @param imageProxyHeight largest image proxy height (default 2048)
     * @param hdrToSdrKeyframes tone-map HDR keyframes to SDR (ISG {@code enable-hdr-to-sdr-keyframe-conversion},
     *                          default true)
     * @param timeout the longest the whole transcode may take, default one hour
     * @param sequence for an image sequence, its frames; {@code null} for a single file
     * @param audioTracks separate sound files mixed into the video proxy; {@code null} or empty for none
     * @throws NullPointerException     if a path or the timeout is null
     * @throws IllegalArgumentException if a size or bit rate is outside the ISG's range, or the timeout is not
     *                                  positive (the message names the setting, the value and the range), or
     *                                  {@code source} is not the sequence's first frame
     */
    public TranscodeRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(timeout, "timeout");
        audioTracks = audioTracks == null ? List.of() : List.copyOf(audioTracks);
        check("proxy-resolution", proxyWidth, proxyHeight, 640, 360, 1920, 1080);
        check("image-proxy-resolution", imageProxyWidth, imageProxyHeight, 180, 180, 16000, 16000);
        if (proxyBitrate < 200_000 || proxyBitrate > 99_000_000) {
            throw new IllegalArgumentException(
                    "proxy-bitrate " + proxyBitrate + " is outside the allowed range 200000 to 99000000");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (sequence != null && !sequence.frames().get(0).equals(source)) {
            throw new IllegalArgumentException("source " + source + " is not the first frame of its sequence ("
                    + sequence.frames().get(0) + ")");
        }
    }

    /**
     * A request without separate sound files, as before they existed.
     *
     * @param source the media file
     * @param outputDir the folder the renditions go to
     * @param proxyWidth largest video proxy width
     * @param proxyHeight largest video proxy height
     * @param proxyBitrate largest video proxy bit rate in bit/s
     * @param imageProxyWidth largest image proxy width
     * @param imageProxyHeight largest image proxy height
     * @param hdrToSdrKeyframes tone-map HDR keyframes to SDR
     * @param timeout the longest the whole transcode may take
     * @param sequence for an image sequence, its frames; {@code null} for a single file
     * @throws NullPointerException     if a path or the timeout is null
     * @throws IllegalArgumentException if a value is outside its range, or {@code source} is not the sequence's
     *                                  first frame
     */
    public TranscodeRequest(Path source, Path outputDir, int proxyWidth, int proxyHeight, long proxyBitrate,
                            int imageProxyWidth, int imageProxyHeight, boolean hdrToSdrKeyframes, Duration timeout,
                            ImageSequence sequence) {
        this(source, outputDir, proxyWidth, proxyHeight, proxyBitrate, imageProxyWidth, imageProxyHeight,
                hdrToSdrKeyframes, timeout, sequence, List.of());
    }

    /**
     * A request for a single file (no sequence), as before sequences existed.
     *
     * @param source the media file
     * @param outputDir the folder the renditions go to
     * @param proxyWidth largest video proxy width
     * @param proxyHeight largest video proxy height
     * @param proxyBitrate largest video proxy bit rate in bit/s
     * @param imageProxyWidth largest image proxy width
     * @param imageProxyHeight largest image proxy height
     * @param hdrToSdrKeyframes tone-map HDR keyframes to SDR
     * @param timeout the longest the whole transcode may take
     * @throws NullPointerException     if a path or the timeout is null
     * @throws IllegalArgumentException if a size, bit rate or the timeout is outside its range
     */
    public TranscodeRequest(Path source, Path outputDir, int proxyWidth, int proxyHeight, long proxyBitrate,
                            int imageProxyWidth, int imageProxyHeight, boolean hdrToSdrKeyframes, Duration timeout) {
        this(source, outputDir, proxyWidth, proxyHeight, proxyBitrate, imageProxyWidth, imageProxyHeight,
                hdrToSdrKeyframes, timeout, null, List.of());
    }

    private static void check(String key, int w, int h, int minW, int minH, int maxW, int maxH) {
        if (w < minW || h < minH || w > maxW || h > maxH) {
            throw new IllegalArgumentException(key + " " + w + "x" + h + " is outside the allowed range "
                    + minW + "x" + minH + " to " + maxW + "x" + maxH);
        }
    }

    /**
     * Starts a request with the ISG's defaults.
     *
     * @param source    the media file
     * @param outputDir the folder for the renditions
     * @return a builder
     */
    public static Builder builder(Path source, Path outputDir) {
        return new Builder(source, outputDir);
    }

    /** @return a builder holding this request's values */
    public Builder toBuilder() {
        return new Builder(source, outputDir).proxyResolution(proxyWidth, proxyHeight).proxyBitrate(proxyBitrate)
                .imageProxyResolution(imageProxyWidth, imageProxyHeight).hdrToSdrKeyframes(hdrToSdrKeyframes)
                .timeout(timeout).sequence(sequence).audioTracks(audioTracks);
    }

    /** Builds a {@link TranscodeRequest}; not thread-safe. */
    public static final class Builder {
        private final Path source;
        private final Path outputDir;
        private int proxyWidth = 1280;
        private int proxyHeight = 720;
        private long proxyBitrate = 3_000_000;
        private int imageProxyWidth = 2048;
        private int imageProxyHeight = 2048;
        private boolean hdrToSdrKeyframes = true;
        private Duration timeout = Duration.ofHours(1);
        private ImageSequence sequence;
        private List<Path> audioTracks = List.of();

        private Builder(Path source, Path outputDir) {
            this.source = source;
            this.outputDir = outputDir;
        }

        /**
         * @param width  largest proxy width
         * @param height largest proxy height
         * @return this builder
         */
        public Builder proxyResolution(int width, int height) {
            this.proxyWidth = width;
            this.proxyHeight = height;
            return this;
        }

        /**
         * @param bitsPerSecond largest proxy bit rate
         * @return this builder
         */
        public Builder proxyBitrate(long bitsPerSecond) {
            this.proxyBitrate = bitsPerSecond;
            return this;
        }

        /**
         * @param width  largest image proxy width
         * @param height largest image proxy height
         * @return this builder
         */
        public Builder imageProxyResolution(int width, int height) {
            this.imageProxyWidth = width;
            this.imageProxyHeight = height;
            return this;
        }

        /**
         * @param enabled whether HDR keyframes are tone-mapped to SDR
         * @return this builder
         */
        public Builder hdrToSdrKeyframes(boolean enabled) {
            this.hdrToSdrKeyframes = enabled;
            return this;
        }

        /**
         * @param timeout the longest the transcode may take
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Makes the request one for a numbered image sequence: the proxy and keyframes come from all its frames.
         *
         * @param sequence the sequence (its first frame is the builder's source), or {@code null} for a single file
         * @return this builder
         */
        public Builder sequence(ImageSequence sequence) {
            this.sequence = sequence;
            return this;
        }

        /**
         * Mixes sound kept in separate files (a P2 clip's AUDIO essences) into the video proxy, in this order, in
         * place of the source's own sound. A transcoder may leave out a file that holds no sound it can read.
         *
         * @param tracks the sound files, or {@code null} or empty for none
         * @return this builder
         */
        public Builder audioTracks(List<Path> tracks) {
            this.audioTracks = tracks == null ? List.of() : List.copyOf(tracks);
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException if a value is out of range (see {@link TranscodeRequest})
         */
        public TranscodeRequest build() {
            return new TranscodeRequest(source, outputDir, proxyWidth, proxyHeight, proxyBitrate, imageProxyWidth,
                    imageProxyHeight, hdrToSdrKeyframes, timeout, sequence, audioTracks);
        }
    }
}
