package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.Faults;
import io.github.iconiksdk.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ingest} with {@code upload_files} on, in a child JVM SIGKILLed in the middle of an original's chunked
 * upload, then run again: the upload goes on from the last chunk the storage confirmed, and the original arrives
 * whole, once.
 */
class IngestUploadKillIT {

    private static final int CHUNK = 5 << 20;
    private static final int CHUNKS = 8;

    @TempDir
    Path tmp;

    private Process ingest(FakeIconik fake, Path config, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("gateway.jar"), "ingest", "--config", config.toString(), "--data-dir",
                tmp.resolve("data").toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ICONIK_URL", fake.url());
        pb.environment().put("APP_ID", fake.appId());
        pb.environment().put("AUTH_TOKEN", fake.authToken());
        pb.environment().put("STORAGE_ID", fake.storageId());
        return pb.start();
    }

    private static long uploadPuts(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> r.method().equals("PUT") && r.path().startsWith("/__fake/upload/"))
                .count();
    }

    @Test
    void ingestKilledMidUpload_thenRerun_resumesAndTheOriginalArrivesWholeOnce() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        byte[] content = new byte[CHUNKS * CHUNK - 1000];
        new Random(7).nextBytes(content);
        Path clip = root.resolve("A001/A001C001.MOV");
        Files.createDirectories(clip.getParent());
        Files.write(clip, content);
        Path config = Files.writeString(tmp.resolve("config.ini"), "[main]\nupload-chunk-size = " + CHUNK + "\n");

        try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("upload_files", "true")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start()) {
            fake.faults("PUT", "/__fake/upload/.*", Faults.none().withLatency(Duration.ofMillis(300)));
            Path log1 = tmp.resolve("run1.log");
            Process first = ingest(fake, config, log1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (uploadPuts(fake.requests()) < 3 && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(first.isAlive(), "the first run ended before it could be killed: " + Files.readString(log1));
            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            long before = uploadPuts(fake.requests());
            assertTrue(before < CHUNKS, "killed after " + before + " chunks");
            fake.clearRequests();

            Path log2 = tmp.resolve("run2.log");
            Process second = ingest(fake, config, log2);
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the second run did not finish");
            String out = Files.readString(log2);
            assertEquals(0, second.exitValue(), out);
            assertTrue(out.contains("0 renditions failed, 1 uploads"), out);
            long after = uploadPuts(fake.requests());
            // Only the parts not confirmed before the kill, then the compose (a restart would send all). Parts go
            // four at a time: up to four answered in the instant of the kill may not have been journalled.
            assertTrue(after <= CHUNKS - before + 4 + 1, "resumed with " + after + " PUTs after " + before);

            JsonNode asset = fake.assets().get(0);
            String filesStorage = fake.defaultStorageId("FILES");
            List<JsonNode> copies = fake.files(asset.path("id").asText()).stream()
                    .filter(f -> filesStorage.equals(f.path("storage_id").asText())).toList();
            assertEquals(1, copies.size());
            assertEquals("CLOSED", copies.get(0).path("status").asText());
            assertEquals(content.length + ":" + GatewayMedia.md5(content),
                    fake.uploadedDigest(copies.get(0).path("id").asText()).orElseThrow());
            assertEquals(1, fake.assets().size());
        }
    }
}
