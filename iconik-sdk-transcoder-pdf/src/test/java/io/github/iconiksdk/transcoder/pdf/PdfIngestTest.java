// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance (issue 23): an ingest of a generated 3-page PDF gives its asset a poster and 3 keyframes (and an image
 * proxy of page 1), through the pipeline and the plugin's claim (ffprobe never sees the PDF); a broken PDF beside it
 * is still registered, and its failure is reported naming it.
 */
class PdfIngestTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    private String assetOf(String name) {
        return fake.allFiles().stream().filter(f -> f.path("original_name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not registered")).path("asset_id").asText();
    }

    @Test
    void ingestOfAThreePagePdf_givesAPosterAndThreeKeyframes_andABrokenOneIsStillRegistered() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage/docs"));
        PdfTranscoderTest.document(root.resolve("brief.pdf"), 3);
        Files.writeString(root.resolve("broken.pdf"), "%PDF-1.7\nthis is not a document\n");
        fake = FakeIconik.builder().port(0).mountPoint(tmp.resolve("storage").toString())
                .storageSetting("growing_files_threshold", "0").build().start();
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .rateLimit(RateLimitOptions.disabled()).build();
        List<IngestEvent> events = new CopyOnWriteArrayList<>();
        try (IngestPipeline pipeline = IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of(new PdfTranscoderProvider())).listener(events::add).build()) {
            IngestSummary summary = pipeline.runOnce();
            assertTrue(summary.failed().isEmpty(), summary.summaryLine());
            assertEquals(2, summary.registered(), summary.summaryLine());
            assertEquals(1, summary.renditionsFailed(), "the broken PDF's: " + summary.summaryLine());
        }
        String brief = assetOf("brief.pdf");
        List<String> types = new ArrayList<>();
        fake.keyframes(brief).forEach(k -> types.add(k.path("type").asText()));
        types.sort(null);
        assertEquals(List.of("KEYFRAME", "KEYFRAME", "KEYFRAME", "POSTER"), types, "a poster and one keyframe a page");
        for (JsonNode k : fake.keyframes(brief)) {
            assertTrue(fake.uploadedBytes(k.path("id").asText()).isPresent(), "uploaded: " + k);
        }
        assertEquals(1, fake.proxies(brief).size(), "the image proxy of page 1");

        String broken = assetOf("broken.pdf");
        assertTrue(fake.keyframes(broken).isEmpty() && fake.proxies(broken).isEmpty());
        assertTrue(events.stream().anyMatch(e -> e.toString().contains("broken.pdf")
                && e.toString().contains("renditions failed")), events.toString());
    }
}
