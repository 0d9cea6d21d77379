// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon carrying out iconik's commands (issue 21's acceptance, in-process against the fake), on a storage
 * whose scan interval is an hour: only the command loop can make anything happen between the first pass and the
 * end of the test.
 */
class GatewayCommandsTest {

    private static final String F = "/API/files/v1";
    private static final String A = "/API/assets/v1";

    @TempDir
    Path tmp;
    private Path root;
    private FakeIconik fake;
    private IconikClient client;
    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.stop();
        }
    }

    /**
     * Starts the fake on {@code root} (files registered at once, an hour between scans, no local renditions, plus
     * {@code settings} as key/JSON pairs) and a client on it; returns the gateway's configuration for it.
     */
    private GatewayConfig startFake(String... settings) {
        FakeIconik.Builder b = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_interval_seconds", "3600")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false");
        for (int i = 0; i < settings.length; i += 2) {
            b.storageSetting(settings[i], settings[i + 1]);
        }
        fake = b.build().start();
        client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken()).build();
        return GatewayConfig.builder().flag("iconik-url", fake.url()).flag("app-id", fake.appId())
                .flag("auth-token", fake.authToken()).flag("storage-id", fake.storageId())
                .flag("data-dir", tmp.resolve("data").toString()).build().requireCredentials();
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private JsonNode send(String method, String path, Object body) {
        return client.send(method, path, body, JsonNode.class);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private List<JsonNode> filesOnGateway(String dir, String name) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : fake.allFiles()) {
            if (fake.storageId().equals(f.path("storage_id").asText()) && dir.equals(f.path("directory_path").asText())
                    && name.equals(f.path("original_name").asText())) {
                out.add(f);
            }
        }
        return out;
    }

    private static String md5(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
    }

    /** A cloud asset whose ORIGINAL's bytes are on the fake's FILES storage; returns its id. */
    private String cloudAsset(String name, byte[] bytes) throws Exception {
        String cloud = fake.defaultStorageId("FILES");
        String assetId = send("POST", A + "/assets/", m("title", name)).get("id").asText();
        String a = F + "/assets/" + assetId;
        String formatId = send("POST", a + "/formats/", m("name", "ORIGINAL")).get("id").asText();
        String setId = send("POST", a + "/file_sets/", m("format_id", formatId, "name", name, "storage_id", cloud,
                "base_dir", "")).get("id").asText();
        String fileId = send("POST", a + "/files/", m("original_name", name, "directory_path", "", "file_set_id",
                setId, "storage_id", cloud, "size", bytes.length, "type", "FILE")).get("id").asText();
        String url = send("GET", a + "/files/" + fileId + "/?generate_signed_post_url=true", null).get("upload_url")
                .asText();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
        send("PATCH", a + "/files/" + fileId + "/", m("status", "CLOSED"));
        return assetId;
    }

    @Test
    void scanButton_transfersIn_purges_andRefusedPaths_withAnHourBetweenScans() throws Exception {
        root = Files.createDirectories(tmp.resolve("storage"));
        GatewayConfig config = startFake("delete", "true");
        String storage = fake.storageId();
        try (Gateway gateway = new Gateway(config, err)) {
            GatewayDaemon daemon = new GatewayDaemon(gateway, err);
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(daemon::run);
            await("the first pass", Duration.ofSeconds(30), () -> daemon.passes() >= 1);
            await("the command loop", Duration.ofSeconds(10), () -> gateway.commandStats().isPresent());

            // the SCAN button: a file written after the first pass, registered within 10 s
            Files.createDirectories(root.resolve("later"));
            Files.writeString(root.resolve("later/new.txt"), "written after the first pass");
            client.requestScan(storage, List.of("later"), List.of());
            await("the manual scan", Duration.ofSeconds(10), () -> !filesOnGateway("later", "new.txt").isEmpty());

            // a cloud asset copied to the gateway's storage: same bytes at the destination, registered once
            byte[] bytes = "bytes from the cloud".getBytes(StandardCharsets.UTF_8);
            String cloudId = cloudAsset("clip.mov", bytes);
            int assets = fake.assets().size();
            send("POST", F + "/storages/" + storage + "/bulk/", m("object_ids", List.of(cloudId), "object_type",
                    "assets", "file_path", "from-cloud"));
            Path landed = root.resolve("from-cloud/clip.mov");
            await("the transfer in", Duration.ofSeconds(20), () -> Files.exists(landed)
                    && fake.pendingTransfersTo(storage).isEmpty());
            assertArrayEquals(bytes, Files.readAllBytes(landed));
            client.requestScan(storage, List.of(), List.of());
            await("the scan after the transfer", Duration.ofSeconds(10), () -> fake.gatewayEvents(storage).isEmpty());
            Thread.sleep(500);
            assertEquals(1, filesOnGateway("from-cloud", "clip.mov").size());
            assertEquals(cloudId, filesOnGateway("from-cloud", "clip.mov").get(0).get("asset_id").asText());
            assertEquals(assets, fake.assets().size(), "registered once, as the same asset");

            // a gateway asset copied to the cloud FILES storage: a file record there with the same size and MD5
            String cloud = fake.defaultStorageId("FILES");
            String scanned = filesOnGateway("later", "new.txt").get(0).get("asset_id").asText();
            send("POST", F + "/storages/" + cloud + "/bulk/", m("object_ids", List.of(scanned), "object_type",
                    "assets"));
            await("the transfer out", Duration.ofSeconds(20), () -> fake.pendingTransfersFrom(storage).isEmpty()
                    && fake.files(scanned).stream().anyMatch(f -> cloud.equals(f.path("storage_id").asText())
                    && "CLOSED".equals(f.path("status").asText())));
            byte[] local = Files.readAllBytes(root.resolve("later/new.txt"));
            JsonNode copy = fake.files(scanned).stream().filter(f -> cloud.equals(f.path("storage_id").asText()))
                    .findFirst().orElseThrow();
            assertEquals(local.length, copy.get("size").asLong());
            assertEquals(md5(local), copy.get("checksum").asText());
            assertEquals(local.length + ":" + md5(local), fake.uploadedDigest(copy.get("id").asText()).orElseThrow());

            // a transfer naming ../outside is refused, nothing outside changes
            String evil = cloudAsset("evil.mov", new byte[]{1});
            send("POST", F + "/storages/" + storage + "/bulk/", m("object_ids", List.of(evil), "object_type",
                    "assets", "file_path", "../outside"));
            await("the refused transfer", Duration.ofSeconds(20), () -> fake.pendingTransfersTo(storage).isEmpty());
            assertFalse(Files.exists(tmp.resolve("outside")));

            // purging an asset removes its file from disk, while the storage allows delete
            String newAsset = filesOnGateway("later", "new.txt").get(0).get("asset_id").asText();
            send("DELETE", A + "/assets/" + newAsset + "/", null);
            send("DELETE", A + "/assets/" + newAsset + "/purge/", null);
            await("the deletion", Duration.ofSeconds(20), () -> !Files.exists(root.resolve("later/new.txt"))
                    && fake.pendingDeletions(storage).isEmpty());

            // ... and never when it does not
            send("PATCH", F + "/storages/" + storage + "/", m("settings", m("delete", false)));
            String kept = filesOnGateway("from-cloud", "clip.mov").get(0).get("asset_id").asText();
            send("DELETE", A + "/assets/" + kept + "/", null);
            send("DELETE", A + "/assets/" + kept + "/purge/", null);
            await("the refused deletion", Duration.ofSeconds(20), () -> fake.pendingDeletions(storage).isEmpty());
            assertTrue(Files.exists(landed));

            assertEquals(0L, gateway.commandStats().orElseThrow().pending().values().stream()
                    .mapToLong(Long::longValue).sum());
            daemon.requestStop();
            assertEquals(0, running.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aKeyframesRequest_makesProxyAndKeyframes_withTheRealFfmpeg_forAnAssetThatHadNone() throws Exception {
        root = Files.createDirectories(tmp.resolve("storage"));
        GatewayMedia.video(root.resolve("clip.mp4"));
        GatewayConfig config = startFake();
        String storage = fake.storageId();
        try (Gateway gateway = new Gateway(config, err)) {
            GatewayDaemon daemon = new GatewayDaemon(gateway, err);
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(daemon::run);
            await("the first pass", Duration.ofSeconds(60), () -> daemon.passes() >= 1);
            await("the command loop", Duration.ofSeconds(10), () -> gateway.commandStats().isPresent());
            List<JsonNode> files = filesOnGateway("", "clip.mp4");
            assertEquals(1, files.size());
            String assetId = files.get(0).get("asset_id").asText();
            assertTrue(fake.proxies(assetId).isEmpty(), "no proxy while local transcoding is off");
            assertTrue(fake.keyframes(assetId).isEmpty(), "no keyframes while local transcoding is off");

            // iconik queues a keyframes request for the gateway only where local transcoding is on
            send("PATCH", F + "/storages/" + storage + "/", m("settings", m("local_proxy_creation", true,
                    "local_keyframe_creation", true)));
            send("POST", F + "/assets/bulk/keyframes/", m("object_ids", List.of(assetId), "object_type", "assets"));
            assertEquals(1, fake.gatewayEvents(storage).size());
            await("the proxy and keyframes", Duration.ofSeconds(60), () -> fake.gatewayEvents(storage).isEmpty()
                    && fake.proxies(assetId).stream().anyMatch(p -> "CLOSED".equals(p.path("status").asText()))
                    && !fake.keyframes(assetId).isEmpty());
            JsonNode proxy = fake.proxies(assetId).get(0);
            assertTrue(fake.uploadedBytes(proxy.get("id").asText()).orElseThrow().length > 0,
                    "the proxy's bytes were uploaded");
            assertTrue(fake.keyframes(assetId).stream().anyMatch(k -> "POSTER".equals(k.path("type").asText())),
                    fake.keyframes(assetId).toString());
            assertEquals(List.of("FINISHED"), fake.jobs().stream()
                    .filter(j -> "TRANSCODE".equals(j.path("type").asText())).map(j -> j.path("status").asText())
                    .toList());
            daemon.requestStop();
            assertEquals(0, running.get(30, TimeUnit.SECONDS));
        }
    }
}
