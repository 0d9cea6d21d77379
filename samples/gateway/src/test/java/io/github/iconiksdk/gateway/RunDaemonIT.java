// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance scenario for {@code run}: the daemon in a child JVM over a tree that grows while it runs,
 * SIGKILLed in the middle and started again, SIGTERMed in the middle and started again, and SIGTERMed at the end:
 * every file registered exactly once, nothing half-made, exit 0 on every SIGTERM.
 */
class RunDaemonIT {

    private static final int FIRST = 40;
    private static final int LATER = 80;

    @TempDir
    Path tmp;

    private Process run(FakeIconik fake, Path log) throws IOException {
        ProcessBuilder pb = GatewayProcess.against(fake, "run", "--data-dir", tmp.resolve("data").toString())
                .redirectOutput(log.toFile());
        return pb.start();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(25);
        }
    }

    /** Writes a file in two parts with a pause between, as a copy in progress does. */
    private static void grow(Path p, int i) throws IOException, InterruptedException {
        Files.createDirectories(p.getParent());
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(("first half of " + i + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(30);
            out.write(("second half of " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static int sigterm(Process p, Path log) throws Exception {
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "no exit after SIGTERM: " + Files.readString(log));
        return p.exitValue();
    }

    @Test
    void runOverAGrowingTree_killedAndTerminatedMidway_registersEveryFileExactlyOnce_exit0OnSigterm()
            throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < FIRST; i++) {
            String path = "day1/cam" + (i % 4) + "/clip" + i + ".mov";
            Files.createDirectories(root.resolve(path).getParent());
            Files.writeString(root.resolve(path), "clip " + i);
            expected.add(path);
        }
        Files.createDirectories(root.resolve("edit/Media Cache Files"));
        Files.writeString(root.resolve("edit/Media Cache Files/x.cfa"), "cache");

        try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "1").storageSetting("scan_interval_seconds", "1")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start()) {
            StringBuilder logs = new StringBuilder();
            Path log1 = tmp.resolve("run1.log");
            Process first = run(fake, log1);
            // The tree grows while the gateway runs, restarts included.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < LATER; i++) {
                        grow(root.resolve("day2/card" + (i % 3) + "/take" + i + ".wav"), i);
                        Thread.sleep(60);
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < LATER; i++) {
                expected.add("day2/card" + (i % 3) + "/take" + i + ".wav");
            }

            await("a first share of the assets", Duration.ofSeconds(60), () -> fake.assets().size() >= FIRST / 2);
            assertTrue(first.isAlive(), Files.readString(log1));
            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            logs.append(Files.readString(log1));

            Path log2 = tmp.resolve("run2.log");
            Process second = run(fake, log2);
            int before = fake.assets().size();
            await("progress after the restart", Duration.ofSeconds(60), () -> fake.assets().size() >= before + 10);
            assertEquals(0, sigterm(second, log2), Files.readString(log2));
            logs.append(Files.readString(log2));
            assertTrue(logs.toString().contains("stopped after"), logs.toString());

            Path log3 = tmp.resolve("run3.log");
            Process third = run(fake, log3);
            writer.get(60, TimeUnit.SECONDS);
            await("every file", Duration.ofSeconds(120), () -> fake.assets().size() >= expected.size()
                    && fake.allFiles().stream().allMatch(f -> "CLOSED".equals(f.path("status").asText())));
            Thread.sleep(2500); // two more passes: nothing new may appear
            assertEquals(0, sigterm(third, log3), Files.readString(log3));
            logs.append(Files.readString(log3));

            assertEquals(expected.size(), fake.assets().size(), "one asset per file");
            Set<String> registered = new HashSet<>();
            for (JsonNode asset : fake.assets()) {
                String id = asset.path("id").asText();
                assertEquals(1, fake.formats(id).size(), "one format on " + id);
                assertEquals(1, fake.fileSets(id).size(), "one file set on " + id);
                assertEquals(1, fake.files(id).size(), "one file record on " + id);
                JsonNode file = fake.files(id).get(0);
                assertEquals("CLOSED", file.path("status").asText());
                assertTrue(registered.add((file.path("directory_path").asText() + "/"
                        + file.path("original_name").asText()).replaceFirst("^/", "")));
            }
            assertEquals(expected, registered);
            assertFalse(logs.toString().contains(fake.authToken()), "the token was printed");
        }
    }
}
