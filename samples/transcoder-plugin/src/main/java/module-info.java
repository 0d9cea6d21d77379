// SPDX-License-Identifier: Apache-2.0
/**
 * A sample third-party transcoder: still images to iconik's image proxy and keyframe with the JDK's ImageIO.
 * It depends on the SDK's API only and registers itself as a
 * {@link io.github.iconiksdk.api.transcode.TranscoderProvider}.
 */
module io.github.iconiksdk.samples.plugin {
    requires io.github.iconiksdk.api;
    requires java.desktop;

    provides io.github.iconiksdk.api.transcode.TranscoderProvider
            with io.github.iconiksdk.samples.plugin.ImageIoTranscoderProvider;
}
