// SPDX-License-Identifier: Apache-2.0
/**
 * A transcoder plugin that hands sources to an outside tool through its watch folders (the Blackmagic RAW proxy
 * generator, Telestream Vantage, or any tool that watches a folder) and takes the proxy the tool writes. Exports
 * {@code io.github.iconiksdk.transcoder.watchfolder}; the staging and waiting code stays internal.
 */
module io.github.iconiksdk.transcoder.watchfolder {
    requires transitive io.github.iconiksdk.api;
    requires org.slf4j;

    exports io.github.iconiksdk.transcoder.watchfolder;

    provides io.github.iconiksdk.api.transcode.TranscoderProvider
            with io.github.iconiksdk.transcoder.watchfolder.WatchFolderTranscoderProvider;
}
