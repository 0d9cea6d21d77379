// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.Faults;
import io.github.iconiksdk.testkit.RecordedRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ingest} with {@code upload_files} on, for each method of iconik's FILES storage (GCS, S3, B2, Azure), with
 * 5 MiB parts and 5 % 5xx and 5 % resets on the upload URLs and iconik's multipart endpoints: a child JVM is
 * SIGKILLed in the middle of a 40 MiB + 7 B original's parts, then {@code ingest} runs again with two more files
 * (1 B and 5 MiB + 1 B): the big upload goes on with only the parts the storage had not confirmed, and every original
 * arrives whole (size and MD5), once per storage.
 */
class IngestUploadKillIT {

    private static final int PART = 5 << 20;
    /** 40 MiB + 7 B in 5 MiB parts. */
    private static final int PARTS = 9;

    @TempDir
    Path tmp;

    private Process ingest(FakeIconik fake, Path config, Path log) throws IOException {
        ProcessBuilder pb = GatewayProcess.against(fake, "ingest", "--config", config.toString(), "--data-dir",
                tmp.resolve("data").toString()).redirectOutput(log.toFile());
        return pb.start();
    }

    /** A 2xx answer to a request that carried one part of a multipart upload, in the protocol of the method. */
    private static boolean isPart(RecordedRequest r, String method) {
        if (!r.path().startsWith("/__fake/upload/") || r.status() < 200 || r.status() >= 300) {
            return false;
        }
        return switch (method) {
            case "S3" -> r.method().equals("PUT") && r.query().contains("partNumber=");
            case "B2" -> r.method().equals("POST") && r.path().contains("/b2/part/");
            case "AZURE" -> r.method().equals("PUT") && r.query().contains("comp=block&");
            default -> r.method().equals("PUT") && r.path().contains("/part/");
        };
    }

    private static long parts(FakeIconik fake, String method) {
        return fake.requests().stream().filter(r -> isPart(r, method)).count();
    }

    private static byte[] write(Path file, int size, long seed) throws IOException {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return content;
    }

    @ParameterizedTest
    @ValueSource(strings = {"GCS", "S3", "B2", "AZURE"})
    void ingestKilledMidUpload_underFaults_thenRerun_sendsOnlyUnconfirmedParts_andEveryOriginalArrivesWholeOnce(
            String method) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Map<String, byte[]> files = new java.util.TreeMap<>();
        files.put("A001/A001C001.MOV", write(root.resolve("A001/A001C001.MOV"), 8 * PART + 7, 7));
        Path config = Files.writeString(tmp.resolve("config.ini"), "[main]\nupload-chunk-size = " + PART + "\n");

        try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString()).filesStorageMethod(method).seed(11)
                .storageSetting("growing_files_threshold", "0").storageSetting("upload_files", "true")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start()) {
            Faults faults = Faults.none().withServerErrorRate(0.05).withResetRate(0.05);
            fake.faults("*", "/API/files/v1/assets/[^/]+/files/[^/]+/multipart.*", faults);
            // slow enough that the kill lands among the parts
            fake.faults("*", "/__fake/upload/.*", faults.withLatency(Duration.ofMillis(300)));
            Path log1 = tmp.resolve("run1.log");
            Process first = ingest(fake, config, log1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (parts(fake, method) < 3 && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(first.isAlive(), "the first run ended before it could be killed: " + Files.readString(log1));
            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            long before = parts(fake, method);
            assertTrue(before >= 3 && before < PARTS, method + ": killed after " + before + " parts");
            fake.clearRequests();

            files.put("A002/one-byte.wav", write(root.resolve("A002/one-byte.wav"), 1, 8));
            files.put("A002/A002C002.MOV", write(root.resolve("A002/A002C002.MOV"), PART + 1, 9));
            fake.faults("*", "/__fake/upload/.*", faults);
            Path log2 = tmp.resolve("run2.log");
            Process second = ingest(fake, config, log2);
            assertTrue(second.waitFor(180, TimeUnit.SECONDS), "the second run did not finish");
            String out = Files.readString(log2);
            assertEquals(0, second.exitValue(), out);
            assertTrue(out.contains("0 renditions failed, 3 uploads"), out);
            long after = parts(fake, method);
            // The big file's parts not confirmed before the kill, plus the two parts of the 5 MiB + 1 B file (the
            // 1-byte file is one request, no part). Parts go four at a time: up to four answered in the instant of
            // the kill may not have been journalled, and are sent again.
            long expected = PARTS - before + 2;
            assertTrue(after >= expected && after <= expected + 4, method + ": " + after + " parts after the restart, "
                    + before + " before the kill");

            String filesStorage = fake.defaultStorageId("FILES");
            assertEquals(3, fake.assets().size());
            for (JsonNode asset : fake.assets()) {
                String assetId = asset.path("id").asText();
                List<JsonNode> copies = fake.files(assetId).stream()
                        .filter(f -> filesStorage.equals(f.path("storage_id").asText())).toList();
                assertEquals(1, copies.size(), "one file record on the " + method + " storage");
                assertEquals("CLOSED", copies.get(0).path("status").asText());
                assertEquals(1, fake.files(assetId).stream()
                        .filter(f -> fake.storageId().equals(f.path("storage_id").asText())).count(),
                        "one file record on the gateway's storage");
                String title = asset.path("title").asText();
                byte[] content = files.entrySet().stream().filter(e -> e.getKey().endsWith("/" + title))
                        .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(title));
                assertEquals(content.length + ":" + GatewayMedia.md5(content),
                        fake.uploadedDigest(copies.get(0).path("id").asText()).orElseThrow(), method + " " + title);
            }
        }
    }
}
