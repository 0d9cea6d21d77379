// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg;

import io.github.iconiksdk.api.transcode.TranscoderConfig;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider the ingest pipeline finds on the class path runs as many jobs at once as it is told. */
class FfmpegTranscoderProviderTest {

    private static TranscoderConfig jobs(String value) {
        return new TranscoderConfig(Map.of(TranscoderConfig.MAX_JOBS, value), Path.of(""));
    }

    @Test
    void configuredWithAJobLimit_itsTranscoderRunsThatManyAtOnce() {
        RequiredTools.ffmpeg();
        FfmpegTranscoderProvider told = new FfmpegTranscoderProvider();
        told.configure(jobs("7"));
        FfmpegTranscoder transcoder = (FfmpegTranscoder) told.transcoder();
        assertEquals(7, transcoder.maxConcurrentJobs());
        assertSame(transcoder, told.transcoder(), "one transcoder per provider, not one per call");

        FfmpegTranscoderProvider other = new FfmpegTranscoderProvider();
        other.configure(jobs("3"));
        assertEquals(3, ((FfmpegTranscoder) other.transcoder()).maxConcurrentJobs());

        FfmpegTranscoderProvider untold = new FfmpegTranscoderProvider();
        untold.configure(TranscoderConfig.empty());
        assertNotSame(transcoder, untold.transcoder());
        assertSame(untold.transcoder(), new FfmpegTranscoderProvider().transcoder(),
                "unconfigured providers share one transcoder per JVM");
    }

    @Test
    void aJobLimitThatIsNoWholeNumberOfAtLeastOne_isRefusedNamingTheKeyAndValue() {
        for (String bad : new String[] {"0", "-2", "two", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FfmpegTranscoderProvider().configure(jobs(bad)));
            assertTrue(e.getMessage().contains("max-transcoding-jobs") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }
}
