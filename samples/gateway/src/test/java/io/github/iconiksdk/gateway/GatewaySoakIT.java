// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.Faults;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak test ({@code mvn -Psoak verify}; not in the default run): {@code run} in a child JVM for
 * {@code -Dsoak.minutes} (default 10, at most 10) over a tree that grows all the time, against the fake iconik
 * injecting 5xx, 429 and reset faults, SIGKILLed at half time and started again. Heap is sampled (about 40 times,
 * at most every {@value #SAMPLE_SECONDS} s) after a full GC ({@code jcmd PID GC.run}, then {@code /status.json}'s heap_used).
 * Afterwards: every file registered exactly once (one asset and format each, one file set and file record on the
 * gateway's storage and at most one on iconik's, where the original was uploaded; nothing half made), and the live heap of the second half flat (its last quarter no more than 25 % or 16 MiB above its first).
 * Writes {@code target/soak/heap.csv} and {@code target/soak/result.txt}.
 */
class GatewaySoakIT {

    /** At most this long between heap samples; shorter runs sample more often, to get about 40 in all. */
    static final int SAMPLE_SECONDS = 15;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static Process start(FakeIconik fake, Path data, int port, Path log) throws IOException {
        ProcessBuilder pb = GatewayProcess.against(fake, List.of("-Xmx256m"), "run", "--data-dir", data.toString(),
                "--status-port", String.valueOf(port))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private JsonNode status(int port) {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/status.json")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The live heap: a full GC in the gateway, then what it reports in use. */
    private long liveHeap(Process p, int port) throws IOException, InterruptedException {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(p.pid()), "GC.run").start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(30, TimeUnit.SECONDS);
        JsonNode s = status(port);
        return s == null ? -1 : s.at("/memory/heap_used").asLong();
    }

    private static void grow(Path p, int i) throws IOException, InterruptedException {
        Files.createDirectories(p.getParent());
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(("first half of " + i + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(20);
            out.write(("second half of " + i + "\n").repeat(1 + i % 50).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void soak_growingTreeWithFaultsAndAKill_nothingLostNothingDuplicated_heapFlat() throws Exception {
        double minutes = Math.min(10, Double.parseDouble(System.getProperty("soak.minutes", "10")));
        Duration total = Duration.ofMillis((long) (minutes * 60_000));
        Path dir = Path.of(System.getProperty("soak.dir", "target/soak")).toAbsolutePath();
        deleteTree(dir);
        Path root = Files.createDirectories(dir.resolve("storage"));
        Path data = dir.resolve("data");
        Path log = dir.resolve("gateway.log");
        Set<String> expected = java.util.concurrent.ConcurrentHashMap.newKeySet();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Faults faults = Faults.none().withServerErrorRate(0.02).withRateLimitRate(0.02).withResetRate(0.01);
        List<String> heapRows = new ArrayList<>();
        heapRows.add("seconds,process,live_heap_mib,registered");
        try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString()).faults(faults)
                .storageSetting("growing_files_threshold", "1").storageSetting("scan_interval_seconds", "2")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .storageSetting("upload_files", "true").discardUploads()
                .build().start()) {
            long t0 = System.nanoTime();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; writing.get(); i++) {
                        String path = "day" + (i / 500) + "/card" + (i % 7) + "/clip" + i + ".mov";
                        grow(root.resolve(path), i);
                        expected.add(path);
                        written.incrementAndGet();
                        Thread.sleep(400); // about 2 files a second, well within what registration keeps up with
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            Process gateway = start(fake, data, port, log);
            int process = 1;
            boolean killed = false;
            Map<Integer, List<long[]>> samples = new HashMap<>();
            Duration every = Duration.ofSeconds(Math.max(3, Math.min(SAMPLE_SECONDS, total.toSeconds() / 40)));
            long nextSample = System.nanoTime() + every.toNanos();
            while (System.nanoTime() - t0 < total.toNanos()) {
                Thread.sleep(250);
                assertTrue(gateway.isAlive(), "the gateway died:\n" + tail(log));
                if (!killed && System.nanoTime() - t0 > total.toNanos() / 2) {
                    gateway.destroyForcibly(); // SIGKILL in the middle
                    assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
                    gateway = start(fake, data, port, log);
                    process = 2;
                    killed = true;
                }
                if (System.nanoTime() >= nextSample) {
                    nextSample += every.toNanos();
                    long heap = liveHeap(gateway, port);
                    JsonNode st = status(port);
                    if (heap > 0 && st != null) {
                        long secs = (System.nanoTime() - t0) / 1_000_000_000L;
                        samples.computeIfAbsent(process, k -> new ArrayList<>()).add(new long[] {secs, heap});
                        heapRows.add(String.format(Locale.ROOT, "%d,%d,%.1f,%d", secs, process, heap / 1048576.0,
                                st.at("/files/registered").asLong()));
                    }
                }
            }
            writing.set(false);
            writer.get(30, TimeUnit.SECONDS);
            // The faults stop so that the last files settle quickly; everything before was under faults.
            fake.clearFaults();
            Process last = gateway;
            long drainStart = System.nanoTime();
            long deadline = drainStart + Duration.ofMinutes(3).toNanos();
            while (!(fake.assets().size() >= expected.size() && fake.allFiles().stream()
                    .allMatch(f -> "CLOSED".equals(f.path("status").asText())))) {
                assertTrue(System.nanoTime() < deadline, "not every file registered: " + fake.assets().size()
                        + " assets for " + expected.size() + " files\n" + tail(log));
                assertTrue(last.isAlive(), "the gateway died:\n" + tail(log));
                Thread.sleep(500);
            }
            long drainSeconds = (System.nanoTime() - drainStart) / 1_000_000_000L;
            JsonNode finalStatus = status(port);
            last.destroy();
            assertTrue(last.waitFor(90, TimeUnit.SECONDS), tail(log));
            assertEquals(0, last.exitValue(), tail(log));

            Set<String> registered = new HashSet<>();
            for (JsonNode asset : fake.assets()) {
                String id = asset.path("id").asText();
                assertEquals(1, fake.formats(id).size(), "one format on " + id);
                // One file set and file record on the gateway's storage; the original's upload adds at most one
                // more of each, on iconik's own files storage.
                Map<String, Integer> sets = new HashMap<>();
                fake.fileSets(id).forEach(fs -> sets.merge(fs.path("storage_id").asText(), 1, Integer::sum));
                Map<String, Integer> files = new HashMap<>();
                fake.files(id).forEach(f -> files.merge(f.path("storage_id").asText(), 1, Integer::sum));
                assertEquals(1, sets.getOrDefault(fake.storageId(), 0), "file sets on " + id + ": " + sets);
                assertEquals(1, files.getOrDefault(fake.storageId(), 0), "file records on " + id + ": " + files);
                assertTrue(sets.values().stream().allMatch(n -> n == 1), "file sets on " + id + ": " + sets);
                assertTrue(files.values().stream().allMatch(n -> n == 1), "file records on " + id + ": " + files);
                JsonNode f = fake.files(id).stream().filter(x -> x.path("storage_id").asText()
                        .equals(fake.storageId())).findFirst().orElseThrow();
                assertTrue(registered.add((f.path("directory_path").asText() + "/" + f.path("original_name")
                        .asText()).replaceFirst("^/", "")), "registered twice: " + f);
            }
            assertEquals(expected, registered, "files lost or extra");

            List<long[]> second = samples.getOrDefault(2, List.of());
            assertTrue(second.size() >= 4, "too few heap samples after the restart: " + second.size());
            int q = Math.max(1, second.size() / 4);
            double firstQuarter = second.subList(0, q).stream().mapToLong(a -> a[1]).average().orElseThrow();
            double lastQuarter = second.subList(second.size() - q, second.size()).stream().mapToLong(a -> a[1])
                    .average().orElseThrow();
            String result = String.format(Locale.ROOT, "soak %.1f min: %d files written, %d registered exactly once"
                            + " (%d assets), SIGKILL at %.1f min and restart; faults 2%% 5xx, 2%% 429, 1%% reset;"
                            + " drain after the faults stopped %d s; uploads %d (%s); live heap after restart:"
                            + " first quarter %.1f MiB, last quarter %.1f MiB (%+.1f%%); %d problems reported",
                    minutes, written.get(), registered.size(), fake.assets().size(), minutes / 2, drainSeconds,
                    finalStatus == null ? -1 : finalStatus.at("/uploads/count").asLong(),
                    finalStatus == null ? "?" : ProgressDisplay.bytes(finalStatus.at("/uploads/bytes").asLong()),
                    firstQuarter / 1048576, lastQuarter / 1048576, (lastQuarter / firstQuarter - 1) * 100,
                    finalStatus == null ? -1 : finalStatus.at("/problems").asLong());
            Files.write(dir.resolve("heap.csv"), heapRows);
            Files.writeString(dir.resolve("result.txt"), result + "\n");
            System.out.println(result);
            heapRows.forEach(System.out::println);
            assertTrue(lastQuarter <= Math.max(firstQuarter * 1.25, firstQuarter + 16 * 1048576.0),
                    "live heap grew: " + result);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
