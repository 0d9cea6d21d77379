// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance lines for {@code transcode}, run on the runnable jar (so the FFmpeg provider must be
 * found through the merged {@code META-INF/services}) and checked with ffprobe from outside.
 */
class TranscodeIT {

    @TempDir
    Path tmp;

    @BeforeEach
    void needsFfmpeg() {
        RequiredTools.ffmpeg();
    }

    private static String exec(List<String> command, int expectedExit) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finished: " + command);
        assertEquals(expectedExit, p.exitValue(), () -> command + "\n" + output);
        return output;
    }

    private static String gateway(int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", System.getProperty("gateway.jar")));
        command.addAll(Arrays.asList(args));
        return exec(command, expectedExit);
    }

    private static String probe(Path file, String entries) throws Exception {
        return probe(file, "v:0", entries);
    }

    private static String probe(Path file, String streams, String entries) throws Exception {
        return exec(List.of("ffprobe", "-v", "error", "-select_streams", streams, "-show_entries", entries,
                "-of", "default=nw=1", file.toString()), 0);
    }

    @Test
    void twelveSecond1080p30Clip_givesTheAcceptedProxyKeyframesMapAndPoster() throws Exception {
        Path clip = tmp.resolve("clip.mp4");
        exec(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=12", "-f", "lavfi", "-i", "sine=d=12",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", clip.toString()), 0);
        Path dir = tmp.resolve("DIR");

        gateway(0, "transcode", clip.toString(), "--out", dir.toString());

        Path proxy = dir.resolve("proxy.mp4");
        assertEquals("codec_name=h264\nwidth=1280\nheight=720\navg_frame_rate=30/1\n",
                probe(proxy, "stream=codec_name,width,height,avg_frame_rate"));
        assertEquals("codec_name=aac\nchannels=2\n", probe(proxy, "a:0", "stream=codec_name,channels"));
        String format = probe(proxy, "format=bit_rate");
        long bitRate = Long.parseLong(format.strip().substring("bit_rate=".length()));
        // "no more than ~3 Mb/s": 2.98 Mb/s here; x264's threading (core count) moves it by a percent or so
        assertTrue(bitRate <= 3_100_000, "proxy at " + bitRate + " b/s");
        try (Stream<Path> frames = Files.list(dir.resolve("keyframes"))) {
            List<Path> list = frames.toList();
            assertEquals(24, list.size());
            for (Path frame : list) {
                assertTrue(probe(frame, "stream=width").contains("width=320"), frame.toString());
            }
        }
        assertEquals("width=3200\nheight=540\n", probe(dir.resolve("keyframe-map.jpg"), "stream=width,height"));
        assertTrue(Files.size(dir.resolve("poster.jpg")) > 0);
    }

    @Test
    void truncatedMp4_exits1WithFfmpegsErrorLine_andLeavesNoProxy() throws Exception {
        Path clip = tmp.resolve("whole.mp4");
        exec(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi",
                "-i", "testsrc2=s=640x360:d=2", "-c:v", "libx264", "-preset", "ultrafast", clip.toString()), 0);
        Path cut = tmp.resolve("cut.mp4");
        byte[] bytes = Files.readAllBytes(clip);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Path dir = tmp.resolve("DIR");

        String output = gateway(1, "transcode", cut.toString(), "--out", dir.toString());

        assertTrue(output.contains("Invalid data found when processing input"), output);
        assertTrue(!Files.exists(dir.resolve("proxy.mp4")));
    }
}
