// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.media.Ffmpeg;
import io.github.iconiksdk.ffmpeg.FfmpegTranscoderProvider;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance (issue 22), through an ingest: after {@code runOnce} over media ffmpeg generates here, each file's
 * ORIGINAL format in the fake holds the codec, duration, resolution and frame rate (video), the codec, duration,
 * channels and sample rate (audio), and the codec and resolution (still) that ffprobe prints for that file (read
 * here with Jackson, not through the SDK's parser).
 */
class IngestTechnicalMetadataTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    /** The general metadata of the ORIGINAL format of the asset holding the named file. */
    private JsonNode technical(String name) {
        String asset = fake.allFiles().stream().filter(f -> f.path("original_name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not registered"))
                .path("asset_id").asText();
        JsonNode original = fake.formats(asset).stream().filter(f -> "ORIGINAL".equals(f.path("name").asText()))
                .findFirst().orElseThrow();
        return original.path("metadata").get(0);
    }

    private static long millis(JsonNode probe) {
        return Math.round(probe.path("format").path("duration").asDouble() * 1000);
    }

    @Test
    void afterIngest_eachOriginalFormatHoldsWhatFfprobeSaysOfItsFile() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Path video = root.resolve("Clips/take1.mov");
        Ffmpeg.make(video, "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=2", "-f", "lavfi", "-i",
                "sine=f=440:sample_rate=48000:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt",
                "yuv420p", "-c:a", "aac", "-shortest");
        Path audio = root.resolve("Audio/tone.wav");
        Ffmpeg.make(audio, "-f", "lavfi", "-i", "sine=f=220:sample_rate=44100:d=1.5", "-ac", "1");
        Path still = root.resolve("Stills/frame.png");
        Ffmpeg.make(still, "-f", "lavfi", "-i", "testsrc2=s=400x300:d=1", "-frames:v", "1");
        fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").build().start();
        try (IngestPipeline pipeline = IngestPipeline.builder().client(TestClients.fast(fake))
                .storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of(new FfmpegTranscoderProvider())).build()) {
            IngestSummary summary = pipeline.runOnce();
            assertTrue(summary.failed().isEmpty() && summary.renditionsFailed() == 0, summary.summaryLine());
        }

        JsonNode vp = Ffmpeg.probe(video);
        JsonNode v = Ffmpeg.stream(vp, "video");
        JsonNode vt = technical("take1.mov");
        assertEquals(v.path("codec_name").asText(), vt.path("video_codec").asText());
        assertEquals(millis(vp), vt.path("duration_milliseconds").asLong());
        assertEquals(v.path("width").asText(), vt.path("width").asText());
        assertEquals(v.path("height").asText(), vt.path("height").asText());
        assertEquals(Ffmpeg.rate(v.path("avg_frame_rate").asText()), vt.path("frame_rate").asText());
        assertEquals(Ffmpeg.stream(vp, "audio").path("codec_name").asText(), vt.path("audio_codec").asText());

        JsonNode ap = Ffmpeg.probe(audio);
        JsonNode a = Ffmpeg.stream(ap, "audio");
        JsonNode at = technical("tone.wav");
        assertEquals(a.path("codec_name").asText(), at.path("audio_codec").asText());
        assertEquals(millis(ap), at.path("duration_milliseconds").asLong());
        assertEquals(a.path("channels").asText(), at.path("channels").asText());
        assertEquals(a.path("sample_rate").asText(), at.path("sample_rate").asText());

        JsonNode s = Ffmpeg.stream(Ffmpeg.probe(still), "video");
        JsonNode st = technical("frame.png");
        assertEquals(s.path("codec_name").asText(), st.path("video_codec").asText());
        assertEquals(s.path("width").asText(), st.path("width").asText());
        assertEquals(s.path("height").asText(), st.path("height").asText());
    }
}
