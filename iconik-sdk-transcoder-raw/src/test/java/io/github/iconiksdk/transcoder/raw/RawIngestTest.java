// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.raw;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.testing.RequiredTools;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.FakeStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance (issue 23): an ingest of a DNG shot with the camera turned (orientation 6: rotate 90° clockwise to
 * display) gives its asset an image proxy displayed upright, through the pipeline, the plugin's claim by extension
 * (no ffprobe) and the fake's upload URL; real LibRaw.
 */
class RawIngestTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final FakeStorage storage = new FakeStorage();

    @Test
    void ingestOfARotatedDng_givesItsAssetAnUprightImageProxy() throws Exception {
        RequiredTools.libraw();
        Path root = Files.createDirectories(storage.root().resolve("raw"));
        TestDng.write(root.resolve("IMG_0006.dng"), TestDng.scene(600, 400), 6, 600);
        FakeIconik fake = storage.fake();
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .rateLimit(RateLimitOptions.disabled()).build();
        try (IngestPipeline pipeline = IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of(new RawTranscoderProvider())).build()) {
            IngestSummary summary = pipeline.runOnce();
            assertTrue(summary.failed().isEmpty() && summary.renditionsFailed() == 0, summary.summaryLine());
        }
        JsonNode file = fake.allFiles().stream().filter(f -> f.path("original_name").asText().equals("IMG_0006.dng"))
                .findFirst().orElseThrow();
        List<JsonNode> proxies = fake.proxies(file.path("asset_id").asText());
        assertEquals(1, proxies.size(), proxies.toString());
        byte[] jpeg = fake.uploadedBytes(proxies.get(0).path("id").asText()).orElseThrow();
        BufferedImage proxy = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals("400x600", proxy.getWidth() + "x" + proxy.getHeight(), "portrait, as displayed");
        Path saved = Files.write(tmp.resolve("proxy.jpg"), jpeg);
        assertEquals("top-right", RawTranscoderTest.whiteQuarter(saved), "the white corner where the tag puts it");
    }
}
