// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.client.model.StorageUpdate;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ingest pipeline's use of the uploader's and the storage's upload settings (issue 18 item 3 and issue 16 item
 * 6): with {@code upload_files} on and local transcoding off, iconik is asked to transcode the uploaded original
 * and the fake's job makes the proxy and keyframes; a changed {@code mount_point} is seen by original uploads; the
 * storage's {@code metadata_conversion_url} and its headers convert sidecars.
 */
class IngestUploadWiringTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;
    private WireMockServer converter;

    @AfterEach
    void stop() {
        if (converter != null) {
            converter.stop();
        }
        if (fake != null) {
            fake.stop();
        }
    }

    private FakeIconik start(Path root, FakeIconik.Builder b) {
        fake = b.port(0).mountPoint(root.toString()).storageSetting("growing_files_threshold", "0")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start();
        return fake;
    }

    private IngestPipeline pipeline(IconikClient client) {
        return IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of()).listener(e -> { }).build();
    }

    private static byte[] write(Path file, int size, long seed) throws IOException {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return content;
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    private JsonNode assetTitled(String title) {
        return fake.assets().stream().filter(a -> title.equals(a.path("title").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no asset " + title + " in " + fake.assets()));
    }

    private JsonNode copyOnFilesStorage(String assetId) {
        String cloud = fake.defaultStorageId("FILES");
        List<JsonNode> copies = fake.files(assetId).stream()
                .filter(f -> cloud.equals(f.path("storage_id").asText())).toList();
        assertEquals(1, copies.size(), "one file record on iconik's FILES storage");
        return copies.get(0);
    }

    @Test
    void uploadedVideo_localTranscodingOff_iconikTranscodesTheCopy_andTheAssetEndsWithProxyAndKeyframes()
            throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        start(root, FakeIconik.builder().storageSetting("upload_files", "true").jobsCompleteAfter(Duration.ZERO));
        write(root.resolve("A001/clip.mov"), 3000, 1);
        try (IngestPipeline pipeline = pipeline(TestClients.fast(fake))) {
            IngestSummary s = pipeline.runOnce();
            assertEquals(1, s.uploads(), s.summaryLine());
        }
        String assetId = assetTitled("clip.mov").path("id").asText();
        String copy = copyOnFilesStorage(assetId).path("id").asText();
        assertEquals(1, fake.requestCount("POST", "/API/files/v1/assets/" + assetId + "/files/" + copy
                + "/keyframes/", null), "iconik asked once to transcode the uploaded copy");
        List<JsonNode> jobs = fake.jobs().stream().filter(j -> assetId.equals(j.path("object_id").asText())
                && j.path("type").asText().contains("TRANSCODE")).toList();
        assertEquals(1, jobs.size(), "one transcode job for the asset: " + fake.jobs());
        // with jobs completing at once, the job is FINISHED when next looked at, and has made the renditions
        String status = TestClients.fast(fake).send("GET", "/API/jobs/v1/jobs/" + jobs.get(0).path("id").asText()
                + "/", null);
        assertTrue(status.contains("\"FINISHED\""), status);
        assertEquals(1, fake.proxies(assetId).size(), "the proxy the fake's transcode job made");
        assertTrue(fake.keyframes(assetId).size() >= 1, "the keyframes the fake's transcode job made");
    }

    @Test
    void mountPointChanged_theNextOriginalIsReadFromTheNewFolder() throws Exception {
        Path first = Files.createDirectories(tmp.resolve("first"));
        Path second = Files.createDirectories(tmp.resolve("second"));
        start(first, FakeIconik.builder().storageSetting("upload_files", "true"));
        byte[] a = write(first.resolve("day1/a.mov"), 2000, 2);
        IconikClient client = TestClients.fast(fake);
        try (IngestPipeline pipeline = pipeline(client)) {
            pipeline.runOnce();
            assertEquals(a.length + ":" + md5(a), fake.uploadedDigest(copyOnFilesStorage(
                    assetTitled("a.mov").path("id").asText()).path("id").asText()).orElseThrow());

            client.updateStorage(fake.storageId(), new StorageUpdate(null, null, null, null, Map.of("mount_point",
                    second.toString())));
            byte[] b = write(second.resolve("day2/b.mov"), 3000, 3);
            IngestSummary s = pipeline.runOnce();
            assertTrue(s.failed().isEmpty(), s.summaryLine());
            assertEquals(b.length + ":" + md5(b), fake.uploadedDigest(copyOnFilesStorage(
                    assetTitled("b.mov").path("id").asText()).path("id").asText()).orElseThrow(),
                    "b.mov read from the new mount point");
        }
    }

    @Test
    void conversionUrl_sidecarsAreConvertedByIt_withTheStoragesHeaders() throws Exception {
        converter = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        converter.start();
        converter.stubFor(post(urlEqualTo("/convert")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"metadata_values\": {\"project\": {\"field_values\": [{\"value\": \"Harbour\"}]}}}")));
        Path root = Files.createDirectories(tmp.resolve("storage"));
        start(root, FakeIconik.builder()
                .storageSetting("metadata_conversion_url", "\"" + converter.baseUrl() + "/convert\"")
                .storageSetting("metadata_conversion_url_headers", "\"X-Key: k-123\""));
        IconikClient client = TestClients.fast(fake);
        client.send("POST", "/API/metadata/v1/fields/",
                "{\"name\":\"project\",\"label\":\"Project\",\"field_type\":\"string\"}");
        String view = client.send("POST", "/API/metadata/v1/views/", "{\"name\":\"Sidecar\",\"view_fields\":"
                + "[{\"name\":\"project\"}]}");
        String viewId = view.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        client.updateStorage(fake.storageId(), new StorageUpdate(null, null, null, null, Map.of("metadata_view_id",
                viewId)));
        write(root.resolve("A001/clip.mov"), 100, 4);
        Files.writeString(root.resolve("A001/clip.mov.xml"), "<clip><project>Harbour</project></clip>",
                StandardCharsets.UTF_8);
        try (IngestPipeline pipeline = pipeline(client)) {
            IngestSummary s = pipeline.runOnce();
            assertTrue(s.failed().isEmpty(), s.summaryLine());
        }
        converter.verify(postRequestedFor(urlEqualTo("/convert")).withHeader("X-Key", equalTo("k-123")));
        Map<String, JsonNode> values = fake.metadata(assetTitled("clip.mov").path("id").asText());
        assertEquals("Harbour", values.get("project").path("field_values").get(0).path("value").asText());
    }
}
