// SPDX-License-Identifier: Apache-2.0
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
 * @param profile       the codec profile ({@code "High"}, {@code "LC"}, {@code "HQ"}), or {@code null}
 * @param colorSpace    the colour matrix ({@code "bt709"}, {@code "bt2020nc"}), or {@code null}
 * @param colorPrimaries the colour primaries ({@code "bt709"}, {@code "bt2020"}), or {@code null}
 * @param bitRate       the stream's bits per second, 0 when unknown
 * @param channelLayout the audio channel layout ({@code "stereo"}, {@code "5.1"}), or {@code null}
 * @since 0.2.0 for {@code profile}, {@code colorSpace}, {@code colorPrimaries}, {@code bitRate} and
 *        {@code channelLayout}
 */
public record StreamInfo(int index, String type, String codec, int width, int height, double frameRate,
                         int rotation, String colorTransfer, String pixelFormat, int channels, int sampleRate,
                         String profile, String colorSpace, String colorPrimaries, long bitRate,
                         String channelLayout) {

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
     * @param profile the codec profile ({@code "High"}, {@code "LC"}, {@code "HQ"}), or {@code null}
     * @param colorSpace the colour matrix ({@code "bt709"}, {@code "bt2020nc"}), or {@code null}
     * @param colorPrimaries the colour primaries ({@code "bt709"}, {@code "bt2020"}), or {@code null}
     * @param bitRate the stream's bits per second, 0 when unknown
     * @param channelLayout the audio channel layout ({@code "stereo"}, {@code "5.1"}), or {@code null}
     * @throws NullPointerException if {@code type} is null
     * @throws IllegalArgumentException if {@code bitRate} is negative
     */
    public StreamInfo {
        Objects.requireNonNull(type, "type");
        if (bitRate < 0) {
            throw new IllegalArgumentException("bitRate of stream " + index + " is negative: " + bitRate);
        }
    }

    /**
     * A stream without profile, colour matrix and primaries, stream bit rate and channel layout (the 0.1 shape).
     *
     * @param index the stream's index in the container
     * @param type {@code "video"}, {@code "audio"}, {@code "subtitle"}, {@code "data"} …
     * @param codec the codec's short name
     * @param width coded width in pixels (video and images)
     * @param height coded height in pixels
     * @param frameRate average frames per second, 0 when unknown
     * @param rotation display rotation in degrees, 0 to 359
     * @param colorTransfer the transfer characteristic, or {@code null}
     * @param pixelFormat the pixel format, or {@code null}
     * @param channels audio channels
     * @param sampleRate audio samples per second
     * @throws NullPointerException if {@code type} is null
     */
    public StreamInfo(int index, String type, String codec, int width, int height, double frameRate, int rotation,
                      String colorTransfer, String pixelFormat, int channels, int sampleRate) {
        this(index, type, codec, width, height, frameRate, rotation, colorTransfer, pixelFormat, channels,
                sampleRate, null, null, null, 0, null);
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
