// SPDX-License-Identifier: Apache-2.0
/**
 * The stable public contract of the iconik SDK: the five interfaces ({@code StorageScanner},
 * {@code IgnoreMatcher}, {@code SidecarWriter}/{@code SidecarReader}, {@code Transcoder}, {@code AssetUploader}),
 * the immutable values they exchange, the SPIs, and the unchecked exception tree rooted in
 * {@link io.github.iconiksdk.api.IconikException}. Depends on nothing but the JDK.
 */
module io.github.iconiksdk.api {
    exports io.github.iconiksdk.api;
    exports io.github.iconiksdk.api.pattern;
    exports io.github.iconiksdk.api.scan;
    exports io.github.iconiksdk.api.metadata;
    exports io.github.iconiksdk.api.sidecar;
    exports io.github.iconiksdk.api.transcode;
    exports io.github.iconiksdk.api.upload;

    uses io.github.iconiksdk.api.transcode.TranscoderProvider;
}
