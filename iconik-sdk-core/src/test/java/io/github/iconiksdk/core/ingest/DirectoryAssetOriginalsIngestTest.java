// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22: with {@code upload_files} and {@code enable_directory_assets}, a directory asset's originals are its
 * files, each uploaded once, byte for byte, into ONE file set of the asset on iconik's FILES storage (named and based
 * like the group's own); a file of the group is not sent to iconik's transcoder on its own; a second pass uploads
 * nothing again.
 */
class DirectoryAssetOriginalsIngestTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    private static void write(Path file, String text, Instant time) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(time));
    }

    @Test
    void everyFileOfACardClipAndASequence_isUploadedOnce_intoOneFileSetOfItsAsset() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Instant old = Instant.now().minusSeconds(3600);
        Path card = root.resolve("shoot/card1");
        write(card.resolve("CONTENTS/VIDEO/0001AB.MXF"), "video 0001AB", old);
        write(card.resolve("CONTENTS/AUDIO/0001AB00.MXF"), "audio 0001AB ch1", old);
        write(card.resolve("CONTENTS/CLIP/0001AB.XML"), "<clip id='0001AB'/>", old);
        write(card.resolve("LASTCLIP.TXT"), "0001AB", old);
        for (int f = 1; f <= 4; f++) {
            write(root.resolve("vfx/s1/plate_000" + f + ".exr"), "frame " + f, old);
        }
        fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("upload_files", "true")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .storageSetting("enable_directory_assets", "true").jobsCompleteAfter(Duration.ZERO).build().start();
        try (IngestPipeline pipeline = IngestPipeline.builder().client(TestClients.fast(fake))
                .storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of()).listener(e -> { }).build()) {
            IngestSummary first = pipeline.runOnce();
            assertTrue(first.failed().isEmpty(), first.summaryLine());
            assertEquals(7, first.uploads(), first.summaryLine());
            IngestSummary second = pipeline.runOnce();
            assertEquals(0, second.uploads(), "nothing is uploaded twice: " + second.summaryLine());
        }
        String cloud = fake.defaultStorageId("FILES");
        Map<String, String> byTitle = new TreeMap<>();
        fake.assets().forEach(a -> byTitle.put(a.path("title").asText(), a.path("id").asText()));
        assertEquals(List.of("0001AB", "plate_[0001-0004].exr"), List.copyOf(byTitle.keySet()));
        Map<String, String> expectSet = Map.of("0001AB", "shoot/card1", "plate_[0001-0004].exr", "vfx/s1");
        Map<String, Integer> expectFiles = Map.of("0001AB", 3, "plate_[0001-0004].exr", 4);
        for (Map.Entry<String, String> a : byTitle.entrySet()) {
            List<JsonNode> sets = fake.fileSets(a.getValue()).stream()
                    .filter(fs -> cloud.equals(fs.path("storage_id").asText())).toList();
            assertEquals(1, sets.size(), a.getKey() + ": one file set on iconik's storage: " + sets);
            assertEquals(a.getKey(), sets.get(0).path("name").asText());
            assertEquals(expectSet.get(a.getKey()), sets.get(0).path("base_dir").asText());
            List<JsonNode> copies = fake.files(a.getValue()).stream()
                    .filter(f -> cloud.equals(f.path("storage_id").asText())).toList();
            assertEquals(expectFiles.get(a.getKey()), copies.size(), a.getKey() + ": each file copied once");
            for (JsonNode c : copies) {
                assertEquals(sets.get(0).path("id").asText(), c.path("file_set_id").asText());
                assertEquals("CLOSED", c.path("status").asText());
                Path local = root.resolve(c.path("directory_path").asText()).resolve(c.path("name").asText());
                assertArrayEquals(Files.readAllBytes(local), fake.uploadedBytes(c.path("id").asText())
                        .orElseThrow(), "the copy of " + local);
            }
            assertEquals(0, fake.requestCount("POST", "/API/files/v1/assets/" + a.getValue() + "/files/.*"
                    + "/keyframes/", null), "no file of a group is transcoded on its own");
        }
    }
}
