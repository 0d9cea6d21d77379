package io.github.iconiksdk.api.transcode;

import java.util.Objects;

/**
 * One stream of a media file, as a prober reports it. Numeric fields a stream type does not have are zero.
 *
 * @param index         the stream's index in the container
 * @param type          {@code "video"}, {@code "audio"}, {@code "subtitle"}, {@code "data"} …
 * @param codec         the codec's short name ({@code "h264"}, {@code "pcm_s16le"}, {@code "png"})
 * @param width         coded width in pixels (video and images)
 * @param height        coded height in pixels
 * @param frameRate     average frames per second, 0 when unknown
 * @param rotation      display rotation in degrees, 0 to 359, as the container's display matrix gives it (ffprobe's
 *                      sign convention); a quarter turn (90 or 270) swaps the displayed width and height
 * @param colorTransfer the transfer characteristic ({@code "smpte2084"} for PQ, {@code "arib-std-b67"} for HLG),
 *                      or {@code null}
 * @param pixelFormat   the pixel format ({@code "yuv420p10le"}), or {@code null}
 * @param channels      audio channels
 * @param sampleRate    audio samples per second
 */
public record StreamInfo(int index, String type, String codec, int width, int height, double frameRate,
                         int rotation, String colorTransfer, String pixelFormat, int channels, int sampleRate) {

    /**
     * Validates the stream.
     *
     * @param index the stream's index in the container
     * @param type {@code "video"}, {@code "audio"}, {@code "subtitle"}, {@code "data"} …
     * @param codec the codec's short name ({@code "h264"}, {@code "pcm_s16le"}, {@code "png"})
     * @param width coded width in pixels (video and images)
     * @param height coded height in pixels
     * @param frameRate average frames per second, 0 when unknown
     * @param rotation display rotation in degrees, 0 to 359, as the container's display matrix gives it (ffprobe's sign
     *                 convention); a quarter turn (90 or 270) swaps the displayed width and height
     * @param colorTransfer the transfer characteristic ({@code "smpte2084"} for PQ, {@code "arib-std-b67"} for HLG), or
     *                      {@code null}
     * @param pixelFormat the pixel format ({@code "yuv420p10le"}), or {@code null}
     * @param channels audio channels
     * @param sampleRate audio samples per second
     * @throws NullPointerException if {@code type} is null
     */
    public StreamInfo {
        Objects.requireNonNull(type, "type");
    }

    /** @return whether the transfer characteristic is HDR (PQ or HLG) */
    public boolean isHdr() {
        return "smpte2084".equals(colorTransfer) || "arib-std-b67".equals(colorTransfer);
    }

    /** @return the width as displayed, after rotation */
    public int displayWidth() {
        return rotation % 180 == 0 ? width : height;
    }

    /** @return the height as displayed, after rotation */
    public int displayHeight() {
        return rotation % 180 == 0 ? height : width;
    }
}
