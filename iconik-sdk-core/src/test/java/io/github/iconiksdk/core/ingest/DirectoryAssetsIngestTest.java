// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.ffmpeg.FfmpegTranscoderProvider;
import io.github.iconiksdk.core.media.Ffmpeg;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance (issue 22): with the storage's {@code enable_directory_assets}, an ingest makes a P2-style card with 3
 * clips into 3 assets (one per clip, each with one file set holding all of its files; the card's LASTCLIP.TXT is no
 * asset), and a 48-frame DPX sequence into one asset with one video proxy of 48 frames, made by real ffmpeg from
 * media it generates here. A numbered still on its own stays an asset of its own; a second pass changes nothing.
 */
class DirectoryAssetsIngestTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    private static long frames(Path video) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video.toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffprobe on " + video);
        return Long.parseLong(out);
    }

    /** A P2 card: per clip its VIDEO essence (a real MXF), two AUDIO files, CLIP XML and ICON; and LASTCLIP.TXT. */
    private static void p2Card(Path card, List<String> ids, Path essence) throws Exception {
        for (String id : ids) {
            Files.createDirectories(card.resolve("CONTENTS/VIDEO"));
            Files.copy(essence, card.resolve("CONTENTS/VIDEO/" + id + ".MXF"));
            for (String sub : List.of("AUDIO/" + id + "00.MXF", "AUDIO/" + id + "01.MXF", "CLIP/" + id + ".XML",
                    "ICON/" + id + ".BMP")) {
                Path f = card.resolve("CONTENTS/" + sub);
                Files.createDirectories(f.getParent());
                Files.writeString(f, "stand-in for " + sub);
            }
        }
        Files.writeString(card.resolve("LASTCLIP.TXT"), ids.get(ids.size() - 1));
    }

    @Test
    void p2CardOf3Clips_becomes3Assets_and48FrameDpxSequence_oneAssetWithA48FrameProxy() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Path mxf = tmp.resolve("essence.mxf");
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc=s=320x180:r=25:d=1", "-c:v", "mpeg2video", "-f", "mxf", mxf.toString());
        p2Card(root.resolve("shoot/card1"), List.of("0001AB", "0002CD", "0003EF"), mxf);
        Files.createDirectories(root.resolve("vfx/shot10"));
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc=s=320x180:r=24:d=2", "-frames:v", "48", "-start_number", "1",
                root.resolve("vfx/shot10/frame_%04d.dpx").toString());
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc=s=320x180:d=1", "-frames:v", "1",
                root.resolve("vfx/poster1.png").toString());

        fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0")
                .storageSetting("enable_directory_assets", "true").build().start();
        try (IngestPipeline pipeline = IngestPipeline.builder().client(TestClients.fast(fake))
                .storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of(new FfmpegTranscoderProvider())).build()) {
            IngestSummary first = pipeline.runOnce();
            assertTrue(first.failed().isEmpty(), first.summaryLine());
            assertEquals(5, first.count(RegistrationOutcome.CREATED), first.summaryLine());

            Map<String, JsonNode> byTitle = new TreeMap<>();
            fake.assets().forEach(a -> byTitle.put(a.path("title").asText(), a));
            assertEquals(Set.of("0001AB", "0002CD", "0003EF", "frame_[0001-0048].dpx", "poster1.png"),
                    byTitle.keySet());
            for (String id : List.of("0001AB", "0002CD", "0003EF")) {
                String asset = byTitle.get(id).path("id").asText();
                List<JsonNode> sets = fake.fileSets(asset);
                assertEquals(1, sets.size(), id + ": one file set");
                assertEquals(id, sets.get(0).path("name").asText());
                assertEquals("shoot/card1", sets.get(0).path("base_dir").asText());
                Set<String> names = new TreeSet<>();
                for (JsonNode f : fake.files(asset)) {
                    assertEquals(sets.get(0).path("id").asText(), f.path("file_set_id").asText());
                    assertEquals("CLOSED", f.path("status").asText());
                    names.add(f.path("original_name").asText());
                }
                assertEquals(Set.of(id + ".MXF", id + "00.MXF", id + "01.MXF", id + ".XML", id + ".BMP"), names,
                        id + " holds all of its files");
                assertEquals(1, fake.proxies(asset).size(), id + ": a proxy from its VIDEO essence");
            }
            assertTrue(fake.allFiles().stream().noneMatch(f -> f.path("original_name").asText()
                    .equals("LASTCLIP.TXT")), "card files of no clip are no asset");

            String sequence = byTitle.get("frame_[0001-0048].dpx").path("id").asText();
            assertEquals(48, fake.files(sequence).size());
            assertEquals(1, fake.fileSets(sequence).size());
            List<JsonNode> proxies = fake.proxies(sequence);
            assertEquals(1, proxies.size(), "one video proxy for the whole sequence");
            Path proxy = tmp.resolve("sequence-proxy.mp4");
            Files.write(proxy, fake.uploadedBytes(proxies.get(0).path("id").asText()).orElseThrow());
            assertEquals(48, frames(proxy), "the proxy holds every frame");
            assertEquals(1, fake.files(byTitle.get("poster1.png").path("id").asText()).size());

            IngestSummary second = pipeline.runOnce();
            assertTrue(second.failed().isEmpty(), second.summaryLine());
            assertEquals(0, second.count(RegistrationOutcome.CREATED), second.summaryLine());
            assertEquals(5, fake.assets().size(), "a second pass makes nothing again");
            assertEquals(1, fake.proxies(sequence).size());
        }
    }

    /** The proxy's audio streams as "channels" per stream, by ffprobe. */
    private static List<String> audioStreams(Path media) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "a", "-show_entries",
                "stream=channels", "-of", "csv=p=0", media.toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffprobe on " + media);
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    @Test
    void p2ClipsProxy_carriesTheSoundOfItsSeparateAudioFiles() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Path card = root.resolve("card2");
        Files.createDirectories(card.resolve("CONTENTS/VIDEO"));
        Files.createDirectories(card.resolve("CONTENTS/AUDIO"));
        // As a P2 camera writes them: picture in one OP-Atom MXF without sound, each sound channel in its own.
        Ffmpeg.run("-f", "lavfi", "-i", "testsrc=s=320x180:r=25:d=2", "-c:v", "mpeg2video", "-f", "mxf_opatom",
                card.resolve("CONTENTS/VIDEO/0007XY.MXF").toString());
        for (int ch = 0; ch < 2; ch++) {
            Ffmpeg.run("-f", "lavfi", "-i", "sine=frequency=" + (440 + 220 * ch) + ":d=2:sample_rate=48000",
                    "-c:a", "pcm_s24le", "-f", "mxf_opatom", card.resolve("CONTENTS/AUDIO/0007XY0" + ch + ".MXF")
                            .toString());
        }
        assertEquals(List.of(), audioStreams(card.resolve("CONTENTS/VIDEO/0007XY.MXF")), "the essence is silent");

        fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0")
                .storageSetting("enable_directory_assets", "true").build().start();
        try (IngestPipeline pipeline = IngestPipeline.builder().client(TestClients.fast(fake))
                .storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of(new FfmpegTranscoderProvider())).build()) {
            IngestSummary summary = pipeline.runOnce();
            assertTrue(summary.failed().isEmpty(), summary.summaryLine());
        }
        assertEquals(1, fake.assets().size());
        String asset = fake.assets().get(0).path("id").asText();
        assertEquals("0007XY", fake.assets().get(0).path("title").asText());
        List<JsonNode> proxies = fake.proxies(asset);
        assertEquals(1, proxies.size());
        Path proxy = tmp.resolve("p2-proxy.mp4");
        Files.write(proxy, fake.uploadedBytes(proxies.get(0).path("id").asText()).orElseThrow());
        assertEquals(List.of("2"), audioStreams(proxy), "one stereo sound track from CH1 and CH2");
        assertEquals(50, frames(proxy), "every frame of the 2 s clip");
    }

    @Test
    void sequenceWithAFrameStillBeingWritten_isGrowing_andRegisteredWholeOnceItSettles() throws Exception {
        Path shot = Files.createDirectories(tmp.resolve("storage/vfx/shot20"));
        FileTime settled = FileTime.from(Instant.now().minusSeconds(600));
        for (int f = 1; f <= 6; f++) {
            Path frame = Files.writeString(shot.resolve(String.format("plate.%04d.exr", f)), "frame " + f);
            Files.setLastModifiedTime(frame, f < 6 ? settled : FileTime.from(Instant.now()));
        }
        fake = FakeIconik.builder().port(0).mountPoint(tmp.resolve("storage").toString())
                .storageSetting("growing_files_threshold", "60").storageSetting("local_proxy_creation", "false")
                .storageSetting("local_keyframe_creation", "false")
                .storageSetting("enable_directory_assets", "true").build().start();
        try (IngestPipeline pipeline = IngestPipeline.builder().client(TestClients.fast(fake))
                .storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of()).build()) {
            IngestSummary writing = pipeline.runOnce(false);
            assertTrue(writing.growing() > 0, writing.summaryLine());
            assertEquals(0, fake.assets().size(), "frames 1-5 are not registered while frame 6 is written");

            Files.setLastModifiedTime(shot.resolve("plate.0006.exr"), settled);
            IngestSummary done = pipeline.runOnce(false);
            assertTrue(done.failed().isEmpty(), done.summaryLine());
            List<JsonNode> assets = fake.assets();
            assertEquals(1, assets.size(), assets.toString());
            assertEquals("plate.[0001-0006].exr", assets.get(0).path("title").asText());
            assertEquals(6, fake.files(assets.get(0).path("id").asText()).size(), "every frame, once");
        }
    }
}
