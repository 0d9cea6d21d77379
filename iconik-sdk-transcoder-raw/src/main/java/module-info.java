// SPDX-License-Identifier: Apache-2.0
/**
 * A transcoder plugin for camera RAW stills (DNG, CR2, CR3, NEF, ARW and the other formats LibRaw reads): an image
 * proxy and a keyframe, from the file's embedded preview JPEG when it is large enough, else decoded by LibRaw's
 * {@code dcraw_emu} (Debian package {@code libraw-bin}), orientation honoured either way.
 */
module io.github.iconiksdk.transcoder.raw {
    requires transitive io.github.iconiksdk.api;
    requires java.desktop;
    requires org.slf4j;

    exports io.github.iconiksdk.transcoder.raw;

    provides io.github.iconiksdk.api.transcode.TranscoderProvider
            with io.github.iconiksdk.transcoder.raw.RawTranscoderProvider;
}
