// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.samples.plugin;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderProvider;

import java.util.Set;

/**
 * Offers {@link ImageIoTranscoder} for PNG, JPEG, BMP and GIF stills, at priority 10: above the bundled FFmpeg
 * provider (0), so these images no longer start an ffmpeg process; everything else still goes to FFmpeg.
 */
public final class ImageIoTranscoderProvider implements TranscoderProvider {

    /** Codec names (as ffprobe reports them) that ImageIO reads without extra plugins. */
    private static final Set<String> CODECS = Set.of("png", "mjpeg", "bmp", "gif");

    private final ImageIoTranscoder transcoder = new ImageIoTranscoder();

    /** Called by {@link java.util.ServiceLoader}. */
    public ImageIoTranscoderProvider() {
    }

    @Override
    public String name() {
        return "imageio";
    }

    @Override
    public int priority() {
        return 10;
    }

    /** @return always {@code true}: ImageIO is part of the JDK */
    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public boolean supports(MediaInfo media) {
        return media.kind() == MediaKind.IMAGE
                && media.video().map(v -> CODECS.contains(v.codec())).orElse(false);
    }

    @Override
    public Transcoder transcoder() {
        return transcoder;
    }
}
