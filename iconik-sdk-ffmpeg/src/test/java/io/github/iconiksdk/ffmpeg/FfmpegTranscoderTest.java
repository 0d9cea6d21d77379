// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg;

import io.github.iconiksdk.api.Progress;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.StreamInfo;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real ffmpeg on media the tests generate. */
class FfmpegTranscoderTest {

    static FfmpegTranscoder ffmpeg;

    @TempDir
    Path out;

    @BeforeEach
    void findFfmpeg() {
        RequiredTools.ffmpeg(); // here, not in a @BeforeAll: each test is then reported as skipped
        if (ffmpeg == null) {
            ffmpeg = FfmpegTranscoder.builder().maxConcurrentJobs(2).build();
        }
    }

    private TranscodeResult transcode(Path source) {
        return ffmpeg.transcode(TranscodeRequest.builder(source, out).build(), null);
    }

    private static StreamInfo videoOf(Path file) {
        return ffmpeg.probe(file).video().orElseThrow();
    }

    @Test
    void video1080p_makesProxyKeyframesMapAndPoster() throws IOException {
        Path clip = TestMedia.video("1920x1080", "30", 4);

        TranscodeResult result = transcode(clip);

        MediaInfo proxy = ffmpeg.probe(out.resolve("proxy.mp4"));
        StreamInfo v = proxy.video().orElseThrow();
        assertEquals("h264", v.codec());
        assertEquals(1280, v.width());
        assertEquals(720, v.height());
        assertEquals(30.0, v.frameRate(), 0.01);
        StreamInfo a = proxy.audio().orElseThrow();
        assertEquals("aac", a.codec());
        assertEquals(2, a.channels());
        // ~3 Mb/s: x264's rate control may overshoot a little at the start of a clip this short (4 s)
        assertTrue(proxy.bitRate() <= 3_150_000, "proxy bit rate " + proxy.bitRate());

        List<Rendition> keyframes = result.all(RenditionKind.KEYFRAME);
        assertEquals(8, keyframes.size(), "two per second of a 4 s clip");
        Set<String> contents = new HashSet<>();
        for (int k = 0; k < keyframes.size(); k++) {
            Path file = out.resolve("keyframes").resolve(String.format("%04d.jpg", k + 1));
            assertEquals(file, keyframes.get(k).file());
            StreamInfo frame = videoOf(file);
            assertEquals(320, frame.width());
            assertEquals(180, frame.height());
            contents.add(Arrays.toString(Files.readAllBytes(file)));
        }
        assertEquals(8, contents.size(), "every keyframe shows a different moment");
        assertTrue(keyframes.get(0).position().toMillis() == 250 && keyframes.get(7).position().toMillis() == 3750);

        StreamInfo map = videoOf(out.resolve("keyframe-map.jpg"));
        assertEquals(8 * 320, map.width(), "8 frames fit one row of the 10-column grid");
        assertEquals(180, map.height());
        StreamInfo poster = videoOf(out.resolve("poster.jpg"));
        assertEquals(1280, poster.width());
        assertEquals(720, poster.height());
        assertEquals(Set.of("proxy.mp4", "keyframes", "keyframe-map.jpg", "poster.jpg"), names(out),
                "no working files are left behind");
    }

    @Test
    void video4K_isScaledToFitTheConfiguredProxyResolution() {
        Path clip = TestMedia.video("3840x2160", "5", 1);

        TranscodeResult result = ffmpeg.transcode(TranscodeRequest.builder(clip, out).proxyResolution(1920, 1080)
                .proxyBitrate(6_000_000).build(), null);

        StreamInfo v = videoOf(out.resolve("proxy.mp4"));
        assertEquals(1920, v.width());
        assertEquals(1080, v.height());
        assertEquals(2, result.all(RenditionKind.KEYFRAME).size());
    }

    @Test
    void rotatedVideo_proxyAndKeyframesAreUpright() {
        Path clip = TestMedia.rotatedVideo();
        assertEquals(360, ffmpeg.probe(clip).video().orElseThrow().displayWidth());

        transcode(clip);

        StreamInfo proxy = videoOf(out.resolve("proxy.mp4"));
        assertEquals(360, proxy.width(), "portrait proxy, never scaled up");
        assertEquals(640, proxy.height());
        StreamInfo keyframe = videoOf(out.resolve("keyframes/0001.jpg"));
        assertEquals(320, keyframe.width());
        assertEquals(568, keyframe.height());
    }

    @Test
    void ntscFrameRates_areKeptInTheProxy() {
        for (String rate : List.of("24000/1001", "60000/1001")) {
            Path clip = TestMedia.video("640x360", rate, 2);
            Path dir = out.resolve(rate.substring(0, 5));

            ffmpeg.transcode(TranscodeRequest.builder(clip, dir).build(), null);

            double expected = Double.parseDouble(rate.substring(0, 5)) / 1001;
            assertEquals(expected, videoOf(dir.resolve("proxy.mp4")).frameRate(), 0.001, rate);
        }
    }

    @Test
    void pqSource_keyframesAreToneMappedUnlessTurnedOff() throws IOException {
        Path clip = TestMedia.pqVideo();
        StreamInfo source = ffmpeg.probe(clip).video().orElseThrow();
        assertTrue(source.isHdr());
        assertEquals("yuv420p10le", source.pixelFormat());

        ffmpeg.transcode(TranscodeRequest.builder(clip, out.resolve("sdr")).build(), null);
        ffmpeg.transcode(TranscodeRequest.builder(clip, out.resolve("raw")).hdrToSdrKeyframes(false).build(), null);

        byte[] mapped = Files.readAllBytes(out.resolve("sdr/keyframes/0001.jpg"));
        byte[] raw = Files.readAllBytes(out.resolve("raw/keyframes/0001.jpg"));
        assertFalse(Arrays.equals(mapped, raw), "tone mapping changes the picture");
        assertEquals(4, Files.list(out.resolve("sdr/keyframes")).count());
    }

    @Test
    void audioOnly_makesM4aProxyAndWaveform() {
        Path wav = TestMedia.wav(3);
        assertEquals(MediaKind.AUDIO, ffmpeg.probe(wav).kind());

        TranscodeResult result = transcode(wav);

        MediaInfo proxy = ffmpeg.probe(out.resolve("proxy.m4a"));
        assertTrue(proxy.video().isEmpty());
        assertEquals("aac", proxy.audio().orElseThrow().codec());
        assertEquals(2, proxy.audio().orElseThrow().channels());
        StreamInfo wave = videoOf(out.resolve("waveform.jpg"));
        assertEquals(320, wave.width());
        assertEquals(out.resolve("waveform.jpg"), result.first(RenditionKind.WAVEFORM).orElseThrow().file());
        assertEquals(Set.of("proxy.m4a", "waveform.jpg"), names(out));
    }

    @Test
    void stillImage_makesJpegProxyAndKeyframe() {
        Path png = TestMedia.png(4000, 3000);
        assertEquals(MediaKind.IMAGE, ffmpeg.probe(png).kind());

        TranscodeResult result = transcode(png);

        StreamInfo proxy = videoOf(out.resolve("proxy.jpg"));
        assertEquals(2048, proxy.width());
        assertEquals(1536, proxy.height());
        StreamInfo keyframe = videoOf(out.resolve("keyframe.jpg"));
        assertEquals(320, keyframe.width());
        assertEquals(240, keyframe.height());
        assertEquals(2048, result.first(RenditionKind.IMAGE_PROXY).orElseThrow().width());
        assertEquals(Set.of("proxy.jpg", "keyframe.jpg"), names(out));
    }

    @Test
    void imageNamedLikeASequencePattern_isReadAsOnePicture() throws IOException {
        Path odd = Files.copy(TestMedia.png(640, 480), out.resolve("frame%d.png"));
        Path dir = out.resolve("renditions");

        ffmpeg.transcode(TranscodeRequest.builder(odd, dir).build(), null);

        assertEquals(640, videoOf(dir.resolve("proxy.jpg")).width());
    }

    @Test
    void truncatedMp4_failsWithFfmpegsErrorLineAndLeavesNothing() {
        Path whole = TestMedia.video("640x360", "30", 2);
        Path cut = TestMedia.truncated(whole, 20_000, "cut.mp4");

        TranscodeException e = assertThrows(TranscodeException.class, () -> transcode(cut));

        assertEquals(1, e.exitCode());
        assertTrue(e.errorLines().stream().anyMatch(l -> l.contains("moov atom not found")), e.errorLines()::toString);
        assertTrue(e.getMessage().contains("Invalid data found when processing input"), e.getMessage());
        assertEquals(Set.of(), names(out));
    }

    @Test
    void truncatedFaststartMp4_decodeErrorFailsTheRunAndLeavesNothing() throws IOException {
        Path whole = TestMedia.faststartVideo();
        Path cut = TestMedia.truncated(whole, Files.size(whole) / 2, "cut-faststart.mp4");
        assertEquals(MediaKind.VIDEO, ffmpeg.probe(cut).kind(), "the index is intact, only media data is missing");

        TranscodeException e = assertThrows(TranscodeException.class, () -> transcode(cut));

        assertTrue(e.exitCode() > 0);
        assertFalse(e.errorLines().isEmpty());
        assertEquals(Set.of(), names(out), "the half-made proxy is removed");
    }

    @Test
    void textFileNamedMov_failsWithFfmpegsErrorLine() {
        TranscodeException e = assertThrows(TranscodeException.class, () -> transcode(TestMedia.textAsMov()));

        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().endsWith("notes.mov: Invalid data found when processing input"), e.getMessage());
        assertEquals(Set.of(), names(out));
    }

    @Test
    void missingSource_failsNamingIt() {
        TranscodeException e = assertThrows(TranscodeException.class,
                () -> transcode(out.resolve("absent.mov")));
        assertTrue(e.getMessage().contains("absent.mov"), e.getMessage());
    }

    @Test
    void progress_isReportedInMicrosecondsOfTheSource() {
        Path clip = TestMedia.video("640x360", "30", 2);
        List<Progress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        ffmpeg.transcode(TranscodeRequest.builder(clip, out).build(), seen::add);

        assertFalse(seen.isEmpty());
        Progress last = seen.get(seen.size() - 1);
        assertEquals(Progress.Unit.MICROSECONDS, last.unit());
        assertEquals(last.total(), last.done());
        assertEquals(2_000_000, last.total(), 50_000);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).done() >= seen.get(i - 1).done(), "progress never goes back");
        }
    }

    @Test
    void secondRunIntoSameFolder_replacesTheFirstRunsFiles() throws IOException {
        transcode(TestMedia.video("640x360", "30", 4));
        assertEquals(8, Files.list(out.resolve("keyframes")).count());

        transcode(TestMedia.video("640x360", "30", 2));

        assertEquals(4, Files.list(out.resolve("keyframes")).count(), "old frames beyond the new ones are gone");
    }

    static Set<String> names(Path dir) {
        if (!Files.exists(dir)) {
            return Set.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertSameBytes(Path a, Path b) throws IOException {
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
