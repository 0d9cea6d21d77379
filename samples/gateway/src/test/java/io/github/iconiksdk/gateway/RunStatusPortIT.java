// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance for the status page, from outside: {@code run --status-port N} in a child JVM against the
 * fake iconik; {@code /status.json} shows the storage, the scanner state and counters that grow as files arrive;
 * iconik holds the scanner state and a LIVE report while it runs and an OFFLINE one after SIGTERM (exit 0); the
 * summary line is printed on the way out.
 */
class RunStatusPortIT {

    @TempDir
    Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private JsonNode status(int port) {
        try {
            return new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/status.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode awaitStatus(int port, String what, java.util.function.Predicate<JsonNode> ok, Path log)
            throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode s = null;
        while (System.nanoTime() < end) {
            s = status(port);
            if (s != null && ok.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; last /status.json: " + s + "; log:\n"
                + Files.readString(log));
    }

    @Test
    void runWithStatusPort_servesGrowingCounters_reportsToIconik_andSummarisesOnSigterm() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        for (int i = 0; i < 4; i++) {
            Files.createDirectories(root.resolve("day1"));
            Files.writeString(root.resolve("day1/clip" + i + ".mov"), "clip " + i);
        }
        try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_interval_seconds", "1")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start()) {
            String name = fake.storages().stream().filter(s -> s.path("id").asText().equals(fake.storageId()))
                    .findFirst().orElseThrow().path("name").asText();
            int port = freePort();
            Path log = tmp.resolve("run.log");
            ProcessBuilder pb = GatewayProcess.against(fake, "run", "--data-dir", tmp.resolve("data").toString(),
                    "--status-port", String.valueOf(port)).redirectOutput(log.toFile());
            Process run = pb.start();
            try {
                // Registrations land while the pass still runs: the pass's end is recorded a moment later.
                JsonNode s = awaitStatus(port, "4 files registered and the pass finished",
                        j -> j.at("/files/registered").asInt() == 4 && !j.at("/scanner/last_scan_finished").isNull(),
                        log);
                assertEquals(name, s.at("/storage/name").asText());
                assertEquals(fake.storageId(), s.at("/storage/id").asText());
                assertTrue(s.at("/scanner/state").asText().matches("INACTIVE|ACTIVE"), s.toString());
                assertFalse(s.at("/scanner/last_scan_finished").isNull(), s.toString());

                for (int i = 0; i < 6; i++) {
                    Files.createDirectories(root.resolve("day2"));
                    Files.writeString(root.resolve("day2/take" + i + ".wav"), "take " + i);
                }
                awaitStatus(port, "10 files registered", j -> j.at("/files/registered").asInt() == 10, log);
                assertTrue(fake.gatewayStatus(fake.storageId()).isPresent(), "no scanner state sent to iconik");
                assertEquals("LIVE", fake.gatewayReport(fake.storageId()).orElseThrow().path("status").asText());
            } finally {
                run.destroy(); // SIGTERM
                assertTrue(run.waitFor(60, TimeUnit.SECONDS), Files.readString(log));
            }
            String out = Files.readString(log);
            assertEquals(0, run.exitValue(), out);
            assertTrue(out.contains("status page on http://127.0.0.1:" + port + "/"), out);
            assertTrue(out.contains("files registered, 0 unchanged"), "no summary line:\n" + out);
            assertEquals("OFFLINE", fake.gatewayReport(fake.storageId()).orElseThrow().path("status").asText());
            assertEquals("INACTIVE", fake.gatewayStatus(fake.storageId()).orElseThrow().path("status").asText());
            assertFalse(out.contains(fake.authToken()), "the token was printed");
        }
    }

    @Test
    void statusPortTaken_exit2NamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             FakeIconik fake = FakeIconik.builder().mountPoint(tmp.toString()).build().start()) {
            Process run = GatewayProcess.against(fake, "run", "--data-dir", tmp.resolve("data").toString(),
                    "--status-port", String.valueOf(taken.getLocalPort())).start();
            String out = new String(run.getInputStream().readAllBytes());
            assertTrue(run.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, run.exitValue(), out);
            assertTrue(out.contains("--status-port") && out.contains("127.0.0.1:" + taken.getLocalPort()), out);
        }
    }
}
