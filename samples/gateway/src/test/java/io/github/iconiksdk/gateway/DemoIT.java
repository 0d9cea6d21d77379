// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo} from the runnable jar on a machine without ffmpeg (PATH emptied): it says how, and does the rest. */
class DemoIT {

    @TempDir
    Path tmp;

    @Test
    void demoWithoutFfmpeg_saysHowToInstallIt_andRegistersEverythingElse() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("gateway.jar"), "demo", "--dir", tmp.resolve("media").toString());
        pb.environment().put("PATH", tmp.resolve("no-tools-here").toString());
        pb.redirectError(tmp.resolve("err.log").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String err = java.nio.file.Files.readString(tmp.resolve("err.log"));
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(err.contains("apt-get install ffmpeg"), err);
        Matcher m = DemoCommandTest.SUMMARY.matcher(out.lines().findFirst().orElse(""));
        assertTrue(m.matches(), out);
        assertEquals(5, Integer.parseInt(m.group(1)), "2 card WAVs, 1 WAV, 2 stills: " + out);
        assertEquals(0, Integer.parseInt(m.group(4)), "no proxies without ffmpeg");
        assertEquals(9, Integer.parseInt(m.group(6)), "sidecar values are read all the same");
        assertTrue(err.contains("0 renditions failed"), "transcoding is not even tried: " + err);
    }
}
