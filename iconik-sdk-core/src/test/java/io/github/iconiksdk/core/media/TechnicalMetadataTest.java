// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.upload.IconikAssetUploader;
import io.github.iconiksdk.ffmpeg.FfmpegTranscoder;
import io.github.iconiksdk.testing.RequiredTools;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Technical metadata on the ORIGINAL format, from real files ffmpeg makes here: each value is compared with what
 * ffprobe itself prints for the file (read in this test with Jackson, not through the SDK's parser), then the
 * format in the fake is read back after the uploader describes it.
 */
class TechnicalMetadataTest {

    @TempDir
    static Path dir;
    private static FfmpegTranscoder ffmpeg;
    private static FakeIconik fake;
    private static IconikClient client;
    private static IconikAssetUploader uploader;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(dir.resolve("storage"));
        fake = FakeIconik.builder().mountPoint(dir.resolve("storage").toString()).seed(5).build().start();
        client = TestClients.fast(fake);
        var settings = client.getStorage(fake.storageId()).fileSettings();
        uploader = IconikAssetUploader.builder().client(client).storageId(fake.storageId()).settings(() -> settings)
                .journal(dir.resolve("journal.db")).searchSettleTime(Duration.ofMillis(20)).build();
    }

    @BeforeEach
    void findFfmpeg() {
        RequiredTools.ffmpeg(); // here, not in start(): each test is then reported as skipped
        if (ffmpeg == null) {
            ffmpeg = FfmpegTranscoder.builder().build();
        }
    }

    @AfterAll
    static void stop() {
        uploader.close();
        fake.stop();
    }

    private static Path make(String name, String... args) throws Exception {
        return Ffmpeg.make(dir.resolve("storage").resolve(name), args);
    }

    /** Registers the file, describes it through the uploader, and returns the ORIGINAL format the fake holds. */
    private static JsonNode describedFormat(Path file) throws Exception {
        String name = file.getFileName().toString();
        Registration reg = uploader.register(ScanEvent.Change.of(ChangeType.NEW, name, Files.size(file),
                Instant.ofEpochMilli(1_700_000_000_000L), null), MetadataValues.empty());
        MediaInfo media = ffmpeg.probe(file);
        uploader.uploadRenditions(reg, new TranscodeResult(media, List.of()), p -> { });
        return fake.formats(reg.assetId()).stream().filter(f -> "ORIGINAL".equals(f.path("name").asText()))
                .findFirst().orElseThrow();
    }

    private static JsonNode component(JsonNode format, String type) {
        for (JsonNode c : format.path("components")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("metadata");
            }
        }
        throw new AssertionError("no " + type + " component in " + format);
    }

    @Test
    void video_withTimecode_formatHoldsWhatFfprobeSays() throws Exception {
        Path file = make("tc.mov", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30000/1001:d=2", "-f", "lavfi",
                "-i", "sine=f=440:sample_rate=48000:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-profile:v",
                "high", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", "-timecode", "01:00:00;00", "-shortest");
        JsonNode probe = Ffmpeg.probe(file);
        JsonNode v = Ffmpeg.stream(probe, "video");
        JsonNode a = Ffmpeg.stream(probe, "audio");
        JsonNode format = describedFormat(file);
        JsonNode general = format.path("metadata").get(0);

        assertEquals("ffprobe", general.path("source").asText());
        assertEquals(probe.path("format").path("format_name").asText(), general.path("format").asText());
        assertEquals(Math.round(probe.path("format").path("duration").asDouble() * 1000),
                general.path("duration_milliseconds").asLong());
        assertEquals(probe.path("format").path("bit_rate").asText(), general.path("overall_bit_rate").asText());
        assertEquals(v.path("codec_name").asText(), general.path("video_codec").asText());
        assertEquals("h264", general.path("video_codec").asText());
        assertEquals(v.path("width").asText(), general.path("width").asText());
        assertEquals(v.path("height").asText(), general.path("height").asText());
        assertEquals(Ffmpeg.rate(v.path("avg_frame_rate").asText()), general.path("frame_rate").asText());
        assertEquals("29.97", general.path("frame_rate").asText());
        assertEquals("01:00:00;00", general.path("time_code").asText());
        assertEquals(a.path("codec_name").asText(), general.path("audio_codec").asText());
        assertEquals("2", general.path("channels").asText());
        assertEquals("48000", general.path("sample_rate").asText());

        JsonNode vc = component(format, "VIDEO");
        assertEquals(v.path("profile").asText(), vc.path("profile").asText());
        assertFalse(vc.path("profile").asText().isEmpty());
        assertEquals("yuv420p", vc.path("pixel_format").asText());
        assertEquals("SDR", vc.path("hdr_format").asText());
        JsonNode ac = component(format, "AUDIO");
        assertEquals(a.path("sample_rate").asText(), ac.path("sample_rate").asText());
        assertEquals(a.path("channel_layout").asText(), ac.path("channel_layout").asText());
        assertEquals(a.path("profile").asText(), ac.path("profile").asText());
    }

    @Test
    void hdrPq_componentCarriesTransferPrimariesAndMatrix() throws Exception {
        Path file = make("pq.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=1", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p10le", "-color_trc", "smpte2084",
                "-color_primaries", "bt2020", "-colorspace", "bt2020nc");
        JsonNode v = Ffmpeg.stream(Ffmpeg.probe(file), "video");
        JsonNode format = describedFormat(file);
        JsonNode vc = component(format, "VIDEO");
        assertEquals(v.path("color_transfer").asText(), vc.path("transfer_characteristics").asText());
        assertEquals("smpte2084", vc.path("transfer_characteristics").asText());
        assertEquals("bt2020", vc.path("color_primaries").asText());
        assertEquals("bt2020nc", vc.path("color_space").asText());
        assertEquals("yuv420p10le", vc.path("pixel_format").asText());
        assertEquals("PQ", vc.path("hdr_format").asText());
        assertEquals("PQ", format.path("metadata").get(0).path("hdr_format").asText());
        assertEquals("25", vc.path("frame_rate").asText());
    }

    @Test
    void audio_formatHoldsCodecDurationChannelsAndRate() throws Exception {
        Path file = make("tone.wav", "-f", "lavfi", "-i", "sine=f=220:sample_rate=44100:d=1.5", "-ac", "1",
                "-c:a", "pcm_s16le");
        JsonNode probe = Ffmpeg.probe(file);
        JsonNode a = Ffmpeg.stream(probe, "audio");
        JsonNode format = describedFormat(file);
        JsonNode general = format.path("metadata").get(0);
        assertEquals("AUDIO", general.path("media_kind").asText());
        assertEquals("pcm_s16le", general.path("audio_codec").asText());
        assertEquals(a.path("codec_name").asText(), general.path("audio_codec").asText());
        assertEquals("1.500", general.path("duration").asText());
        assertEquals("1", general.path("channels").asText());
        assertEquals("44100", general.path("sample_rate").asText());
        assertFalse(general.has("video_codec"));
        assertEquals(1, format.path("components").size());
        assertEquals("Audio 1", format.path("components").get(0).path("name").asText());
    }

    @Test
    void still_isOneImageComponentWithoutDurationOrFrameRate() throws Exception {
        Path file = make("still.jpg", "-f", "lavfi", "-i", "testsrc2=s=400x300:r=1:d=1", "-frames:v", "1");
        JsonNode v = Ffmpeg.stream(Ffmpeg.probe(file), "video");
        JsonNode format = describedFormat(file);
        JsonNode general = format.path("metadata").get(0);
        assertEquals("IMAGE", general.path("media_kind").asText());
        assertEquals(v.path("codec_name").asText(), general.path("video_codec").asText());
        assertEquals("400", general.path("width").asText());
        assertEquals("300", general.path("height").asText());
        assertFalse(general.has("duration"), general.toString());
        assertFalse(general.has("frame_rate"), general.toString());
        JsonNode ic = component(format, "IMAGE");
        assertEquals(v.path("pix_fmt").asText(), ic.path("pixel_format").asText());
    }

    @Test
    void describingAgain_setsTheSameValues_andEveryValueIsAString() throws Exception {
        Path file = make("again.mp4", "-f", "lavfi", "-i", "testsrc2=s=160x90:r=24:d=1", "-c:v", "libx264",
                "-preset", "ultrafast");
        JsonNode first = describedFormat(file);
        Registration reg = uploader.registration("again.mp4").orElseThrow();
        uploader.describe(reg, ffmpeg.probe(file));
        JsonNode again = fake.formats(reg.assetId()).get(0);
        assertEquals(first.path("metadata"), again.path("metadata"));
        assertEquals(first.path("components").size(), again.path("components").size());
        for (JsonNode m : again.path("metadata")) {
            m.properties().forEach(e -> assertTrue(e.getValue().isTextual(), e.getKey()));
        }
    }
}
