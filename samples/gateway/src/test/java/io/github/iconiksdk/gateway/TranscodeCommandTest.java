// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code transcode} command with real ffmpeg on media the test makes. */
class TranscodeCommandTest {

    @TempDir
    Path tmp;

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    private int run(String... args) {
        CommandRun run = CommandRun.run(args);
        out.append(run.out());
        err.append(run.err());
        return run.exitCode();
    }

    private Path ffmpeg(String name, String... args) throws Exception {
        RequiredTools.ffmpeg();
        Path file = tmp.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
        cmd.addAll(List.of(args));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, log);
        return file;
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void video_writesProxyKeyframesMapAndPoster_andOneLinePerFile() throws Exception {
        Path clip = ffmpeg("clip.mp4", "-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30:d=3", "-f", "lavfi",
                "-i", "sine=d=3", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest");
        Path dir = tmp.resolve("out");

        assertEquals(0, run("transcode", clip.toString(), "--out", dir.toString(), "--proxy-resolution", "640x360"),
                err::toString);

        assertEquals(Set.of("proxy.mp4", "keyframes", "keyframe-map.jpg", "poster.jpg"), names(dir));
        assertEquals(6, names(dir.resolve("keyframes")).size());
        String[] lines = out.toString().split("\n");
        assertEquals("PROXY\tproxy.mp4\t640x360", lines[0]);
        assertEquals("KEYFRAME\tkeyframes/0001.jpg\t320x180\t0.250", lines[1]);
        assertTrue(lines[lines.length - 1].startsWith("transcoded " + clip + " (video, 3.0 s) with ffmpeg into 9"),
                lines[lines.length - 1]);
        assertTrue(err.toString().contains("transcoding clip.mp4: "), err.toString());
    }

    @Test
    void image_json_listsProxyAndKeyframe() throws Exception {
        Path png = ffmpeg("still.png", "-f", "lavfi", "-i", "testsrc2=s=4000x3000:d=1", "-frames:v", "1",
                "-update", "1");
        Path dir = tmp.resolve("out");

        assertEquals(0, run("transcode", png.toString(), "--out", dir.toString(), "--json"), err::toString);

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("image", json.get("kind").asText());
        assertEquals("image_proxy", json.at("/renditions/0/kind").asText());
        assertEquals("proxy.jpg", json.at("/renditions/0/file").asText());
        assertEquals(2048, json.at("/renditions/0/width").asInt());
        assertEquals(1536, json.at("/renditions/0/height").asInt());
        assertEquals("keyframe.jpg", json.at("/renditions/1/file").asText());
        assertEquals(320, json.at("/renditions/1/width").asInt());
        assertEquals(Set.of("proxy.jpg", "keyframe.jpg"), names(dir));
    }

    @Test
    void wav_makesM4aAndWaveform() throws Exception {
        Path wav = ffmpeg("tone.wav", "-f", "lavfi", "-i", "sine=d=2", "-c:a", "pcm_s16le");
        Path dir = tmp.resolve("out");

        assertEquals(0, run("transcode", wav.toString(), "--out", dir.toString(), "--json"), err::toString);

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals("audio", json.get("kind").asText());
        assertEquals(Set.of("proxy.m4a", "waveform.jpg"), names(dir));
    }

    @Test
    void truncatedMp4_exits1WithFfmpegsErrorLine_andLeavesNoProxy() throws Exception {
        Path clip = ffmpeg("whole.mp4", "-f", "lavfi", "-i", "testsrc2=s=640x360:d=2", "-c:v", "libx264",
                "-preset", "ultrafast");
        Path cut = tmp.resolve("cut.mp4");
        byte[] bytes = Files.readAllBytes(clip);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Path dir = tmp.resolve("out");

        assertEquals(1, run("transcode", cut.toString(), "--out", dir.toString()));

        assertTrue(err.toString().contains(cut + ": Invalid data found when processing input"), err.toString());
        assertEquals("", out.toString());
        assertTrue(!Files.exists(dir) || names(dir).isEmpty());
    }

    @Test
    void proxyResolutionOutOfRange_exits2NamingTheOption() {
        assertEquals(2, run("transcode", "x.mov", "--out", tmp.toString(), "--proxy-resolution", "4096x2160"));
        assertTrue(err.toString().contains("proxy-resolution 4096x2160 is outside the allowed range"),
                err.toString());
        assertEquals(2, run("transcode", "x.mov", "--out", tmp.toString(), "--proxy-resolution", "big"));
    }
}
