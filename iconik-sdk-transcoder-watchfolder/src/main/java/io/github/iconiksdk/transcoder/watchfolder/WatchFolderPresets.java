// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starting points for the watch-folder tools iconik's documentation names. Each returns a builder, so any value can
 * be changed before {@code build()}.
 *
 * <p>The folder layouts are our reading of the vendors' documentation, marked [I] (inferred) as in the project's
 * research notes: check them against the tool's version in use and override what differs.
 */
public final class WatchFolderPresets {

    private WatchFolderPresets() {
    }

    /**
     * The Blackmagic Proxy Generator (with DaVinci Resolve): it watches a folder and writes each clip's proxy into
     * a {@code Proxy} folder beside the clip, named after it. [I] The preset hands a clip over as a hard link (no
     * bytes copied; the watch folder must be on the source's file system, else use
     * {@link WatchFolderRule.HandOver#COPY}), expects {@code Proxy/{stem}.mov} under the watch folder, and takes it
     * once its size has been stable for 5 seconds (the generator writes the file in place, with no marker).
     *
     * @param name        the rule's name
     * @param watchFolder the folder the generator watches
     * @return a builder for {@code *.braw} with a 30-minute timeout
     */
    public static WatchFolderRule.Builder blackmagicRawProxyGenerator(String name, Path watchFolder) {
        return WatchFolderRule.builder(name).patterns(List.of("*.braw")).input(watchFolder)
                .output(watchFolder.resolve("Proxy")).outputPattern("{stem}.mov")
                .handOver(WatchFolderRule.HandOver.HARD_LINK).stableFor(Duration.ofSeconds(5))
                .timeout(Duration.ofMinutes(30));
    }

    /**
     * A Telestream Vantage watch-folder workflow: a Receive (watch) action on a hot folder, a transcode, and a
     * Deploy or Copy action that writes {@code [OriginalFileName]} plus the proxy's extension to a target folder.
     * [I] The preset copies the source into the hot folder (Vantage usually runs on another machine and reads the
     * hot folder over a share, so links would not resolve there), expects {@code {stem}.mp4} in the target folder,
     * and takes it once its size has been stable for 10 seconds (writes over a share arrive in bursts).
     *
     * @param name      the rule's name
     * @param hotFolder the folder the workflow's Receive action watches
     * @param target    the folder the workflow's Deploy action writes to
     * @return a builder with no patterns yet (a Vantage workflow takes any media: set them) and a 1-hour timeout
     */
    public static WatchFolderRule.Builder vantage(String name, Path hotFolder, Path target) {
        return WatchFolderRule.builder(name).input(hotFolder).output(target).outputPattern("{stem}.mp4")
                .handOver(WatchFolderRule.HandOver.COPY).stableFor(Duration.ofSeconds(10))
                .timeout(Duration.ofHours(1));
    }
}
