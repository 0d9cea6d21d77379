// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg;

import io.github.iconiksdk.api.transcode.ImageSequence;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.StreamInfo;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A numbered DPX sequence made here by ffmpeg becomes one video proxy of all its frames. */
class ImageSequenceTranscodeTest {

    @TempDir
    Path tmp;

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, cmd + ": " + log);
    }

    /** Frames 1001…1049 of a 320x180 test pattern, without 1025: 48 frames with a gap. */
    private List<Path> frames(Path dir) throws Exception {
        Files.createDirectories(dir);
        run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=s=320x180:r=24:d=" + 49.0 / 24, "-frames:v", "49", "-start_number", "1001",
                dir.resolve("shot 100%_%04d.dpx").toString().replace("%_", "%%_")));
        Files.delete(dir.resolve("shot 100%_1025.dpx"));
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static long countFrames(Path video) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video.toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffprobe on " + video);
        return Long.parseLong(out);
    }

    @Test
    void dpxSequenceWithAGap_becomesOneVideoProxyOfEveryFramePresent() throws Exception {
        RequiredTools.ffmpeg();
        FfmpegTranscoder ffmpeg = FfmpegTranscoder.builder().build();
        List<Path> frames = frames(tmp.resolve("seq"));
        assertEquals(48, frames.size());
        Path out = tmp.resolve("out");
        TranscodeResult result = ffmpeg.transcode(TranscodeRequest.builder(frames.get(0), out)
                .sequence(new ImageSequence(frames, 24)).build(), null);

        assertEquals(MediaKind.VIDEO, result.source().kind());
        assertEquals(2000, result.source().duration().toMillis(), "48 frames at 24 fps");
        StreamInfo described = result.source().video().orElseThrow();
        assertEquals("dpx", described.codec());
        assertEquals(24.0, described.frameRate(), 0.001);
        Path proxy = result.first(RenditionKind.PROXY).orElseThrow().file();
        assertEquals(48, countFrames(proxy), "one proxy frame per frame present");
        StreamInfo v = ffmpeg.probe(proxy).video().orElseThrow();
        assertEquals("h264", v.codec());
        assertEquals(24.0, v.frameRate(), 0.01);
        assertFalse(result.all(RenditionKind.KEYFRAME).isEmpty());
        assertTrue(result.first(RenditionKind.POSTER).isPresent());
        try (Stream<Path> left = Files.list(out)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".transcode-")),
                    "the linked frames go with the working folder");
        }
    }

    @Test
    void sourceOtherThanTheFirstFrame_isRefusedNamingBoth() throws Exception {
        Path a = Files.writeString(tmp.resolve("a_0001.png"), "x");
        Path b = Files.writeString(tmp.resolve("a_0002.png"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                TranscodeRequest.builder(b, tmp).sequence(new ImageSequence(List.of(a, b), 24)).build());
        assertTrue(e.getMessage().contains("a_0002.png") && e.getMessage().contains("a_0001.png"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageSequence(new ArrayList<>(), 24));
        assertThrows(IllegalArgumentException.class, () -> new ImageSequence(List.of(a), 0));
    }
}
