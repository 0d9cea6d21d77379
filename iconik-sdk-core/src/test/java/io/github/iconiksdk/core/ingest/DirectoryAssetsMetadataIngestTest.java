// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.client.model.StorageUpdate;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22: a directory asset gets the sidecar values of its lead file (a P2 clip's VIDEO essence, a sequence's
 * first frame) in the storage's metadata view, as a single file gets its own; the sidecar is no file of the clip,
 * and a clip without a sidecar gets no values.
 */
class DirectoryAssetsMetadataIngestTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    private static String sidecar(String description, String... keywords) {
        StringBuilder k = new StringBuilder();
        for (String w : keywords) {
            k.append(k.length() == 0 ? "" : ",").append("{\"value\":\"").append(w).append("\"}");
        }
        return "{\"metadata_values\":{\"description\":{\"field_values\":[{\"value\":\"" + description + "\"}]},"
                + "\"keywords\":{\"field_values\":[" + k + "]}}}";
    }

    private static void write(Path file, String text, Instant time) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(time));
    }

    @Test
    void cardClipAndSequence_getTheirLeadFilesSidecarValues() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Instant old = Instant.now().minusSeconds(3600);
        Path card = root.resolve("shoot/card1");
        for (String id : List.of("0001AB", "0002CD")) {
            write(card.resolve("CONTENTS/VIDEO/" + id + ".MXF"), "video " + id, old);
            write(card.resolve("CONTENTS/AUDIO/" + id + "00.MXF"), "audio " + id, old);
            write(card.resolve("CONTENTS/CLIP/" + id + ".XML"), "<clip/>", old);
        }
        write(card.resolve("CONTENTS/VIDEO/0001AB.MXF.json"), sidecar("Harbour at dawn", "harbour", "boats"), old);
        for (int f = 1; f <= 3; f++) {
            write(root.resolve("vfx/shot10/frame_000" + f + ".png"), "frame " + f, old);
        }
        write(root.resolve("vfx/shot10/frame_0001.png.json"), sidecar("Shot 10 plate", "vfx"), old);

        fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .storageSetting("enable_directory_assets", "true").build().start();
        IconikClient client = TestClients.fast(fake);
        client.send("POST", "/API/metadata/v1/fields/",
                "{\"name\":\"keywords\",\"label\":\"Keywords\",\"field_type\":\"string\",\"multi\":true}");
        client.send("POST", "/API/metadata/v1/fields/",
                "{\"name\":\"description\",\"label\":\"Description\",\"field_type\":\"text\"}");
        String view = client.send("POST", "/API/metadata/v1/views/", "{\"name\":\"Sidecar\",\"view_fields\":"
                + "[{\"name\":\"keywords\"},{\"name\":\"description\"}]}");
        String viewId = view.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        client.updateStorage(fake.storageId(), new StorageUpdate(null, null, null, null,
                Map.of("metadata_view_id", viewId)));

        try (IngestPipeline pipeline = IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of()).build()) {
            IngestSummary summary = pipeline.runOnce();
            assertTrue(summary.failed().isEmpty(), summary.summaryLine());
        }
        Map<String, String> byTitle = new TreeMap<>();
        fake.assets().forEach(a -> byTitle.put(a.path("title").asText(), a.path("id").asText()));
        assertEquals(Set.of("0001AB", "0002CD", "frame_[0001-0003].png"), byTitle.keySet(),
                "the sidecars are no assets of their own");

        Map<String, JsonNode> clip = fake.metadata(byTitle.get("0001AB"));
        assertEquals(List.of("Harbour at dawn"), texts(clip.get("description")));
        assertEquals(List.of("harbour", "boats"), texts(clip.get("keywords")));
        Set<String> names = new TreeSet<>();
        fake.files(byTitle.get("0001AB")).forEach(f -> names.add(f.path("original_name").asText()));
        assertEquals(Set.of("0001AB.MXF", "0001AB00.MXF", "0001AB.XML"), names, "the sidecar is no file of the clip");

        Map<String, JsonNode> sequence = fake.metadata(byTitle.get("frame_[0001-0003].png"));
        assertEquals(List.of("Shot 10 plate"), texts(sequence.get("description")));
        assertEquals(List.of("vfx"), texts(sequence.get("keywords")));
        assertEquals(3, fake.files(byTitle.get("frame_[0001-0003].png")).size());

        Map<String, JsonNode> none = fake.metadata(byTitle.get("0002CD"));
        assertTrue(texts(none.get("description")).isEmpty(), none.toString());
    }

    private static List<String> texts(JsonNode field) {
        List<String> out = new ArrayList<>();
        if (field != null) {
            field.path("field_values").forEach(v -> out.add(v.path("value").asText()));
        }
        return out;
    }
}
