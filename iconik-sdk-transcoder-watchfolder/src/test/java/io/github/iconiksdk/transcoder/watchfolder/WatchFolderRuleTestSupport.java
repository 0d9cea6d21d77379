// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The rule the tests use: {@code *.braw}, proxies {@code {stem}_proxy.mp4}, short waits. */
final class WatchFolderRuleTestSupport {

    private WatchFolderRuleTestSupport() {
    }

    static WatchFolderRule.Builder rule(Path in, Path out) {
        return WatchFolderRule.builder("braw").patterns(List.of("*.braw")).input(in).output(out)
                .outputPattern("{stem}_proxy.mp4").stableFor(Duration.ofMillis(400))
                .pollInterval(Duration.ofMillis(50)).timeout(Duration.ofSeconds(60));
    }
}
