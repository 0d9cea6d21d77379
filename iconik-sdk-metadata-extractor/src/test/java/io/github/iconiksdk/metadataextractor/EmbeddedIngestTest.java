// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.metadataextractor;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.model.StorageUpdate;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.FakeStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance (issue 22): after an ingest, a JPEG with XMP keywords and a description has those values in the
 * storage's metadata view fields, through the pipeline's sidecar stage and this module's reader found as a service.
 */
class EmbeddedIngestTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final FakeStorage storage = new FakeStorage().withoutLocalRenditions();

    @Test
    void ingest_jpegWithXmpKeywordsAndDescription_getsThemInTheViewFields() throws Exception {
        Path root = storage.root();
        FakeIconik fake = storage.fake();
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .rateLimit(RateLimitOptions.disabled()).build();
        client.send("POST", "/API/metadata/v1/fields/",
                "{\"name\":\"keywords\",\"label\":\"Keywords\",\"field_type\":\"string\",\"multi\":true}");
        client.send("POST", "/API/metadata/v1/fields/",
                "{\"name\":\"description\",\"label\":\"Description\",\"field_type\":\"text\"}");
        String view = client.send("POST", "/API/metadata/v1/views/", "{\"name\":\"Sidecar\",\"view_fields\":"
                + "[{\"name\":\"keywords\"},{\"name\":\"description\"}]}");
        String viewId = view.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        client.updateStorage(fake.storageId(), new StorageUpdate(null, null, null, null, Map.of("metadata_view_id",
                viewId)));
        Files.createDirectories(root.resolve("photos"));
        Files.copy(EmbeddedMetadataTest.taggedJpeg(tmp), root.resolve("photos/harbour.jpg"));
        Files.copy(EmbeddedMetadataTest.plainJpeg(tmp), root.resolve("photos/plain.jpg"));

        try (IngestPipeline pipeline = IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of()).build()) {
            IngestSummary summary = pipeline.runOnce();
            assertTrue(summary.failed().isEmpty(), summary.summaryLine());
        }
        String tagged = assetOf("harbour.jpg");
        Map<String, JsonNode> values = fake.metadata(tagged);
        assertEquals(List.of("harbour", "sunset", "boats"), texts(values.get("keywords")));
        assertEquals(List.of("Boats in the harbour at dusk"), texts(values.get("description")));
        Map<String, JsonNode> none = fake.metadata(assetOf("plain.jpg"));
        assertFalse(none.containsKey("keywords") && !texts(none.get("keywords")).isEmpty(), none.toString());
    }

    private String assetOf(String name) {
        for (JsonNode f : storage.fake().allFiles()) {
            if (name.equals(f.path("original_name").asText())) {
                return f.path("asset_id").asText();
            }
        }
        throw new AssertionError("no file " + name + " registered");
    }

    private static List<String> texts(JsonNode field) {
        List<String> out = new ArrayList<>();
        if (field != null) {
            field.path("field_values").forEach(v -> out.add(v.path("value").asText()));
        }
        return out;
    }
}
