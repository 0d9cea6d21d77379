// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21's last acceptance line: {@code run} in a child JVM, SIGKILLed while copies onto the storage, copies off
 * it to the cloud and manual scans are pending, then started again: every item carried out once, none lost, every
 * queue empty.
 */
class CommandKillIT {

    private static final String F = "/API/files/v1";
    private static final String A = "/API/assets/v1";
    private static final int COPIES = 12;
    private static final int OUTS = 4;

    @TempDir
    Path tmp;

    private Process run(FakeIconik fake, Path log) throws IOException {
        ProcessBuilder pb = GatewayProcess.against(fake, "run", "--no-watch", "--data-dir",
                tmp.resolve("data").toString()).redirectOutput(log.toFile());
        return pb.start();
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private static String cloudAsset(FakeIconik fake, IconikClient client, String name, byte[] bytes)
            throws Exception {
        String cloud = fake.defaultStorageId("FILES");
        String assetId = client.send("POST", A + "/assets/", m("title", name), JsonNode.class).get("id").asText();
        String a = F + "/assets/" + assetId;
        String formatId = client.send("POST", a + "/formats/", m("name", "ORIGINAL"), JsonNode.class).get("id")
                .asText();
        String setId = client.send("POST", a + "/file_sets/", m("format_id", formatId, "name", name, "storage_id",
                cloud, "base_dir", ""), JsonNode.class).get("id").asText();
        String fileId = client.send("POST", a + "/files/", m("original_name", name, "directory_path", "",
                "file_set_id", setId, "storage_id", cloud, "size", bytes.length, "type", "FILE"), JsonNode.class)
                .get("id").asText();
        String url = client.send("GET", a + "/files/" + fileId + "/?generate_signed_post_url=true", null,
                JsonNode.class).get("upload_url").asText();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
        client.send("PATCH", a + "/files/" + fileId + "/", m("status", "CLOSED"), JsonNode.class);
        return assetId;
    }

    @Test
    void runKilledWithCommandsPending_carriesEachOutOnce_andEmptiesEveryQueue() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_interval_seconds", "3600")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start()) {
            IconikClient client = IconikClient.builder().endpoint(fake.url())
                    .credentials(fake.appId(), fake.authToken()).build();
            String storage = fake.storageId();
            List<String> assets = new ArrayList<>();
            for (int i = 0; i < COPIES; i++) {
                assets.add(cloudAsset(fake, client, "copy" + i + ".mov", ("bytes of copy " + i)
                        .getBytes(StandardCharsets.UTF_8)));
            }
            Files.createDirectories(root.resolve("outgoing"));
            for (int i = 0; i < OUTS; i++) {
                Files.writeString(root.resolve("outgoing/out" + i + ".bin"), "bytes of out " + i);
            }
            // downloads and uploads take a second each: the kill finds some done, some running, some still queued
            fake.faults("GET", "/__fake/upload/.*", Faults.none().withLatency(Duration.ofSeconds(1)));
            fake.faults("PUT", "/__fake/upload/.*", Faults.none().withLatency(Duration.ofSeconds(1)));
            Path log1 = tmp.resolve("run1.log");
            Process first = run(fake, log1);
            List<String> outs = new ArrayList<>();
            await("the first pass", Duration.ofSeconds(60), () -> outgoing(fake, storage).size() == OUTS);
            outs.addAll(outgoing(fake, storage).values());
            String cloud = fake.defaultStorageId("FILES");
            client.send("POST", F + "/storages/" + cloud + "/bulk/", m("object_ids", outs, "object_type", "assets"),
                    Void.class);
            client.send("POST", F + "/storages/" + storage + "/bulk/", m("object_ids", assets, "object_type",
                    "assets", "file_path", "copies"), Void.class);
            for (int i = 0; i < 3; i++) {
                client.requestScan(storage, List.of("copies"), List.of());
            }
            await("a first copy on disk", Duration.ofSeconds(60), () -> Files.exists(root.resolve("copies"))
                    && countCopies(root) >= 1);
            assertTrue(first.isAlive(), "the first run ended before it could be killed: " + Files.readString(log1));
            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            int atKill = COPIES - fake.pendingTransfersTo(storage).size();
            assertTrue(atKill < COPIES, "killed after every copy was acknowledged");

            Path log2 = tmp.resolve("run2.log");
            Process second = run(fake, log2);
            try {
                await("every queue empty", Duration.ofSeconds(120), () -> fake.pendingTransfersTo(storage).isEmpty()
                        && fake.pendingTransfersFrom(storage).isEmpty() && fake.gatewayEvents(storage).isEmpty()
                        && countCopies(root) == COPIES);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            String logs = Files.readString(log1) + Files.readString(log2);
            for (int i = 0; i < COPIES; i++) {
                assertArrayEquals(("bytes of copy " + i).getBytes(StandardCharsets.UTF_8),
                        Files.readAllBytes(root.resolve("copies/copy" + i + ".mov")), logs);
                String assetId = assets.get(i);
                long onGateway = fake.files(assetId).stream()
                        .filter(f -> storage.equals(f.path("storage_id").asText())).count();
                assertEquals(1, onGateway, "one file record of " + assetId + " on the gateway's storage\n" + logs);
            }
            for (Map.Entry<String, String> out : outgoing(fake, storage).entrySet()) {
                List<JsonNode> copies = fake.files(out.getValue()).stream()
                        .filter(f -> cloud.equals(f.path("storage_id").asText())).toList();
                assertEquals(1, copies.size(), "one copy of " + out.getKey() + " on the cloud storage\n" + logs);
                String bytes = "bytes of out " + out.getKey().replaceAll("\\D", "");
                assertEquals("CLOSED", copies.get(0).path("status").asText());
                assertEquals(bytes.length() + ":" + md5(bytes), fake.uploadedDigest(copies.get(0).path("id")
                        .asText()).orElseThrow(), out.getKey());
            }
            assertEquals(COPIES + OUTS, fake.assets().size(), "no asset registered for a copied file\n" + logs);
            List<String> transfers = new ArrayList<>();
            fake.jobs().stream().filter(j -> "TRANSFER".equals(j.path("type").asText()))
                    .forEach(j -> transfers.add(j.path("status").asText()));
            assertEquals(COPIES + OUTS, transfers.size());
            assertTrue(transfers.stream().allMatch("FINISHED"::equals), transfers + "\n" + logs);
        }
    }

    /** The registered files of {@code outgoing/} on the gateway's storage: name to asset id. */
    private static Map<String, String> outgoing(FakeIconik fake, String storage) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode f : fake.allFiles()) {
            if (storage.equals(f.path("storage_id").asText()) && "outgoing".equals(f.path("directory_path").asText())
                    && "CLOSED".equals(f.path("status").asText())) {
                out.put(f.path("original_name").asText(), f.path("asset_id").asText());
            }
        }
        return out;
    }

    private static String md5(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int countCopies(Path root) {
        try (var s = Files.list(root.resolve("copies"))) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".mov")
                    && !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
