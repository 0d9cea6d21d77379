// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code demo} end to end in-process, with the real ffmpeg: the README's first command. */
class DemoCommandTest {

    static final Pattern SUMMARY = Pattern.compile("iconik now holds: (\\d+) assets, (\\d+) formats, (\\d+) files, "
            + "(\\d+) proxies, (\\d+) keyframes, (\\d+) metadata values, (\\d+) collections");

    @TempDir
    Path tmp;

    @Test
    void demo_registersTranscodesAndReadsSidecars_andPrintsTheSummaryLineFirst() {
        RequiredTools.ffmpeg(); // without it the demo does everything but transcoding: DemoIT covers that
        Path dir = tmp.resolve("demo media");
        CommandRun r = CommandRun.run("demo", "--dir", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        String first = r.out().lines().findFirst().orElse("");
        Matcher m = SUMMARY.matcher(first);
        assertTrue(m.matches(), first);
        // 4 clips, 1 WAV, 2 stills; sidecars and the NLE cache are not assets
        assertEquals(7, Integer.parseInt(m.group(1)), r.out());
        assertEquals(7, Integer.parseInt(m.group(2)), "one ORIGINAL format each");
        assertEquals(7, Integer.parseInt(m.group(3)), "one file record each");
        assertEquals(7, Integer.parseInt(m.group(4)), "one proxy each");
        assertTrue(Integer.parseInt(m.group(5)) >= 7, "keyframes: " + m.group(5));
        assertEquals(9, Integer.parseInt(m.group(6)), "three sidecars (JSON, XML, CSV) of three fields each");
        assertTrue(Integer.parseInt(m.group(7)) >= 4, "a collection per folder: " + m.group(7));
        assertTrue(r.out().contains("CARD_A/A001C002_240101.MOV: 1 formats, 1 files, 1 proxies"), r.out());
        assertTrue(r.out().contains("location=Harbour, lighthouse"), "the XML sidecar's values: " + r.out());
        assertFalse(r.out().contains("Media Cache Files/harbour_wide 48000.cfa: "), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("CARD_A/A001C001_240101.MOV.json")));
        assertTrue(Files.isRegularFile(dir.resolve("Project/Media Cache Files/harbour_wide 48000.cfa")));
    }

    @Test
    void demo_portOutOfRange_exit2NamingTheOption() {
        CommandRun r = CommandRun.run("demo", "--dir", tmp.toString(), "--port", "70000");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--port"), r.err());
    }
}
