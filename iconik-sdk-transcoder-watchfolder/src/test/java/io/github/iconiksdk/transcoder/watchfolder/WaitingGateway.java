// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import io.github.iconiksdk.api.transcode.TranscodeRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A gateway process reduced to one watch-folder job, for the test that kills it mid-wait: hands the source over
 * and waits (up to two minutes) for a tool that is not running. Arguments: input, output, source, renditions folder.
 */
public final class WaitingGateway {

    private WaitingGateway() {
    }

    /**
     * @param args input folder, output folder, source, renditions folder
     */
    public static void main(String[] args) {
        WatchFolderRule rule = WatchFolderRuleTestSupport.rule(Path.of(args[0]), Path.of(args[1]))
                .timeout(Duration.ofMinutes(2)).build();
        new WatchFolderTranscoder(List.of(rule))
                .transcode(TranscodeRequest.builder(Path.of(args[2]), Path.of(args[3])).build(), null);
    }
}
