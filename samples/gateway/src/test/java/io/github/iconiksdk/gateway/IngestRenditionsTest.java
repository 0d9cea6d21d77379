// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ingest} with real ffmpeg against the fake: renditions, originals, changes and failures. */
class IngestRenditionsTest {

    @TempDir
    Path tmp;
    private Path root;
    private FakeIconik fake;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(tmp.resolve("storage"));
        GatewayMedia.video(root.resolve("Clips/clip.mp4"));
        GatewayMedia.audio(root.resolve("Audio/tone.wav"));
        GatewayMedia.image(root.resolve("Stills/still.png"));
        Files.createDirectories(root.resolve("Docs"));
        Files.writeString(root.resolve("Docs/readme.txt"), "just text, no media\n");
    }

    private void startFake(String... settings) {
        FakeIconik.Builder b = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0");
        for (int i = 0; i < settings.length; i += 2) {
            b.storageSetting(settings[i], settings[i + 1]);
        }
        fake = b.build().start();
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    private CommandRun ingest() {
        return CommandRun.run("ingest", "--iconik-url", fake.url(), "--app-id", fake.appId(), "--auth-token",
                fake.authToken(), "--storage-id", fake.storageId(), "--data-dir", tmp.resolve("data").toString());
    }

    /** Asset id by the path of its file record on the gateway's storage. */
    private Map<String, String> assetsByPath() {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode f : fake.allFiles()) {
            if (fake.storageId().equals(f.path("storage_id").asText())) {
                out.put(f.path("directory_path").asText() + "/" + f.path("original_name").asText(),
                        f.path("asset_id").asText());
            }
        }
        return out;
    }

    private List<String> keyframeTypes(String assetId) {
        List<String> types = new ArrayList<>();
        fake.keyframes(assetId).forEach(k -> types.add(k.path("type").asText()));
        types.sort(null);
        return types;
    }

    private void assertClosedWithBytes(JsonNode object) {
        assertEquals("CLOSED", object.path("status").asText(), object.toString());
        byte[] bytes = fake.uploadedBytes(object.path("id").asText()).orElseThrow();
        assertTrue(bytes.length > 0);
        assertEquals(bytes.length, object.path("size").asLong(), object.toString());
    }

    @Test
    void ingest_givesEachMediaFileAClosedProxyAndKeyframes_andTheTextFileNone() {
        startFake();
        CommandRun run = ingest();
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("registered 4 files (4 new"), run.out());
        assertTrue(run.err().contains("Docs/readme.txt"), run.err());
        Map<String, String> assets = assetsByPath();
        assertEquals(4, assets.size(), assets.toString());

        String video = assets.get("Clips/clip.mp4");
        assertEquals(1, fake.proxies(video).size());
        fake.proxies(video).forEach(this::assertClosedWithBytes);
        assertEquals("video", fake.proxies(video).get(0).path("filename").asText().endsWith(".mp4") ? "video" : "?");
        List<String> types = keyframeTypes(video);
        assertTrue(types.contains("KEYFRAME_MAP") && types.contains("POSTER") && types.contains("KEYFRAME"),
                types.toString());
        assertEquals(1, types.stream().filter("POSTER"::equals).count());
        fake.keyframes(video).forEach(this::assertClosedWithBytes);

        String audio = assets.get("Audio/tone.wav");
        assertEquals(1, fake.proxies(audio).size());
        fake.proxies(audio).forEach(this::assertClosedWithBytes);
        assertEquals(List.of("KEYFRAME"), keyframeTypes(audio));

        String image = assets.get("Stills/still.png");
        assertEquals(1, fake.proxies(image).size());
        assertEquals("JPEG", fake.proxies(image).get(0).path("format").asText());
        assertEquals(List.of("KEYFRAME"), keyframeTypes(image));
        fake.keyframes(image).forEach(this::assertClosedWithBytes);

        String text = assets.get("Docs/readme.txt");
        assertTrue(fake.proxies(text).isEmpty());
        assertTrue(fake.keyframes(text).isEmpty());

        int uploads = 0;
        for (String a : assets.values()) {
            uploads += fake.proxies(a).size() + fake.keyframes(a).size();
        }
        assertTrue(run.out().contains(uploads + " uploads"), run.out());
        // The proxies and keyframes are on iconik's default storages for them.
        assertEquals(fake.defaultStorageId("PROXIES"), fake.proxies(video).get(0).path("storage_id").asText());
        assertEquals(fake.defaultStorageId("KEYFRAMES"), fake.keyframes(video).get(0).path("storage_id").asText());

        CommandRun again = ingest();
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains(" 0 renditions failed, 0 uploads"), again.out());
        assertEquals(1, fake.proxies(video).size());
    }

    @Test
    void ingest_withUploadFiles_sendsEveryOriginalWhole_exceptWhatUploadIgnoreMatches() throws IOException {
        startFake("upload_files", "true", "upload_ignore", "[\"*.wav\"]", "local_proxy_creation", "false",
                "local_keyframe_creation", "false");
        CommandRun run = ingest();
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("0 renditions failed, 3 uploads"), run.out());
        Map<String, String> assets = assetsByPath();
        String filesStorage = fake.defaultStorageId("FILES");
        for (Map.Entry<String, String> e : assets.entrySet()) {
            List<JsonNode> copies = fake.files(e.getValue()).stream()
                    .filter(f -> filesStorage.equals(f.path("storage_id").asText())).toList();
            assertTrue(fake.proxies(e.getValue()).isEmpty());
            if (e.getKey().endsWith(".wav")) {
                assertTrue(copies.isEmpty(), e.getKey());
                continue;
            }
            assertEquals(1, copies.size(), e.getKey());
            JsonNode copy = copies.get(0);
            Path local = root.resolve(e.getKey());
            assertEquals("CLOSED", copy.path("status").asText());
            assertEquals(Files.size(local) + ":" + GatewayMedia.md5(local),
                    fake.uploadedDigest(copy.path("id").asText()).orElseThrow(), e.getKey());
            assertEquals(GatewayMedia.md5(local), copy.path("checksum").asText());
            assertFalse(copy.path("file_set_id").asText().isEmpty());
        }
        CommandRun again = ingest();
        assertTrue(again.out().contains("0 uploads"), again.out());
    }

    @Test
    void modifiedFile_getsNewRenditions_andTheOldOnesAreDeleted() throws IOException {
        startFake();
        assertEquals(0, ingest().exitCode());
        String image = assetsByPath().get("Stills/still.png");
        String oldProxy = fake.proxies(image).get(0).path("id").asText();
        String oldKeyframe = fake.keyframes(image).get(0).path("id").asText();

        Path still = root.resolve("Stills/still.png");
        GatewayMedia.image(still, "480x320");
        Files.setLastModifiedTime(still, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                + 5_000));
        CommandRun run = ingest();
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("1 updated"), run.out() + run.err());
        assertEquals(1, fake.proxies(image).size());
        assertEquals(1, fake.keyframes(image).size());
        assertNotEquals(oldProxy, fake.proxies(image).get(0).path("id").asText());
        assertNotEquals(oldKeyframe, fake.keyframes(image).get(0).path("id").asText());
        assertEquals("CLOSED", fake.proxies(image).get(0).path("status").asText());
    }

    @Test
    void failedTranscode_isReportedOnTheFile_andNeverBlocksItsRegistration() throws IOException {
        byte[] video = Files.readAllBytes(root.resolve("Clips/clip.mp4"));
        Files.write(root.resolve("Clips/broken.mp4"), java.util.Arrays.copyOf(video, 600));
        startFake();
        CommandRun run = ingest();
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("registered 5 files (5 new"), run.out());
        assertTrue(run.out().contains("2 renditions failed"), run.out()); // the broken clip and the text file
        assertTrue(run.err().contains("Clips/broken.mp4"), run.err());
        String broken = assetsByPath().get("Clips/broken.mp4");
        assertTrue(fake.proxies(broken).isEmpty());
        assertEquals(1, fake.proxies(assetsByPath().get("Clips/clip.mp4")).size());
        // Given up for this content: not tried again until the file changes.
        CommandRun again = ingest();
        assertTrue(again.out().contains("0 renditions failed"), again.out());
    }
}
