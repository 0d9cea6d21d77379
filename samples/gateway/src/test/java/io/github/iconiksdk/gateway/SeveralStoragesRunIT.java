// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 24 item 3: one {@code run} with two {@code --storage-id}s registers both storages' files exactly once, each
 * under its own storage, from one process on one client; its status page shows both storages.
 */
class SeveralStoragesRunIT {

    private static final int FILES = 40;

    @TempDir
    Path tmp;

    private static Set<String> makeFiles(Path root, String prefix) throws Exception {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < FILES; i++) {
            String path = prefix + (i % 4) + "/clip" + i + ".mov";
            Files.createDirectories(root.resolve(path).getParent());
            Files.writeString(root.resolve(path), prefix + " clip " + i, StandardCharsets.UTF_8);
            paths.add(path);
        }
        return paths;
    }

    /** A second File storage on the fake, made through iconik's API as an administrator would. */
    private static String secondStorage(FakeIconik fake, Path mountPoint) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode first = fake.storages().stream().filter(s -> s.path("id").asText().equals(fake.storageId()))
                .findFirst().orElseThrow();
        ObjectNode settings = first.path("settings").deepCopy();
        settings.put("mount_point", mountPoint.toString());
        ObjectNode body = json.createObjectNode().put("method", "FILE").put("name", "second").put("purpose", "FILES");
        body.set("settings", settings);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fake.url().replaceAll("/$", "") + "/API/files/v1/storages/"))
                .header("App-ID", fake.appId()).header("Auth-Token", fake.authToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return json.readTree(r.body()).path("id").asText();
    }

    @Test
    void oneRunWithTwoStorageIds_registersBothStoragesFilesOnce_eachUnderItsOwnStorage() throws Exception {
        Path rootA = Files.createDirectories(tmp.resolve("storage-a"));
        Path rootB = Files.createDirectories(tmp.resolve("storage-b"));
        Set<String> expectedA = makeFiles(rootA, "a");
        Set<String> expectedB = makeFiles(rootB, "b");
        try (FakeIconik fake = FakeIconik.builder().mountPoint(rootA.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_interval_seconds", "1")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start()) {
            String storageA = fake.storageId();
            String storageB = secondStorage(fake, rootB);
            Path log = tmp.resolve("run.log");
            int statusPort;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                statusPort = free.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("gateway.jar"), "run", "--data-dir", tmp.resolve("data").toString(),
                    "--storage-id", storageA, "--storage-id", storageB, "--no-watch",
                    "--status-port", String.valueOf(statusPort))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("ICONIK_URL", fake.url());
            pb.environment().put("APP_ID", fake.appId());
            pb.environment().put("AUTH_TOKEN", fake.authToken());
            pb.environment().remove("STORAGE_ID");
            Process run = pb.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (fake.allFiles().size() < 2 * FILES && run.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(1500); // a further pass of each storage, which must register nothing again
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + statusPort + "/status.json")).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode status = new ObjectMapper().readTree(page.body());
                assertEquals(storageA, status.at("/storage/id").asText(), page.body());
                assertEquals(storageA, status.at("/storages/0/storage/id").asText(), page.body());
                assertEquals(storageB, status.at("/storages/1/storage/id").asText(), page.body());
                assertEquals("second", status.at("/storages/1/storage/name").asText(), page.body());
            } finally {
                run.destroy(); // SIGTERM
                assertTrue(run.waitFor(90, TimeUnit.SECONDS), "run stops on SIGTERM");
            }
            String out = Files.readString(log);
            assertEquals(0, run.exitValue(), out);

            Map<String, Set<String>> byStorage = new HashMap<>();
            Map<String, Integer> times = new HashMap<>();
            for (JsonNode f : fake.allFiles()) {
                String path = f.path("directory_path").asText() + "/" + f.path("original_name").asText();
                byStorage.computeIfAbsent(f.path("storage_id").asText(), k -> new HashSet<>()).add(path);
                times.merge(f.path("storage_id").asText() + ":" + path, 1, Integer::sum);
            }
            times.forEach((key, n) -> assertEquals(1, n, key + " registered once"));
            assertEquals(expectedA, byStorage.get(storageA), "storage A's files, under storage A\n" + out);
            assertEquals(expectedB, byStorage.get(storageB), "storage B's files, under storage B\n" + out);
            assertEquals(2 * FILES, fake.assets().size(), "one asset per file");
            assertTrue(out.contains("[" + storageA + "] pass 1: registered " + FILES + " files"), out);
            assertTrue(out.contains("[" + storageB + "] pass 1: registered " + FILES + " files"), out);
            assertTrue(Files.isDirectory(tmp.resolve("data").resolve(storageB)), "each storage's state in DATA_DIR/ID");
        }
    }
}
