// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance scenario: the fake iconik with 5xx, 429 and reset faults; {@code ingest} in a child JVM,
 * SIGKILLed half way, then run again until it succeeds: every file registered exactly once, nothing orphaned.
 */
class IngestKillIT {

    private static final int FILES = 150;

    @TempDir
    Path tmp;

    private Process ingest(FakeIconik fake, Path log) throws IOException {
        ProcessBuilder pb = GatewayProcess.against(fake, "ingest", "--data-dir", tmp.resolve("data").toString())
                .redirectOutput(log.toFile());
        return pb.start();
    }

    @Test
    void ingestKilledHalfWayUnderFaults_thenRerun_registersEveryFileExactlyOnce() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < FILES; i++) {
            String path = "card" + (i % 5) + "/clip" + i + ".mov";
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "content " + i, StandardCharsets.UTF_8);
            expected.add(path);
        }
        Files.createDirectories(root.resolve("Media Cache Files"));
        Files.writeString(root.resolve("Media Cache Files/ignored.cfa"), "x");

        try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0")
                // registration is under test here: no transcoding of the 150 text files
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start()) {
            fake.faults(new Faults(0.03, 0.01, 0.02, Duration.ZERO));
            Path log1 = tmp.resolve("run1.log");
            Process first = ingest(fake, log1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (fake.assets().size() < FILES / 3 && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(first.isAlive(), "the first run ended before it could be killed: " + Files.readString(log1));
            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            int atKill = fake.assets().size();
            assertTrue(atKill < FILES, "killed after " + atKill + " assets");

            StringBuilder logs = new StringBuilder(Files.readString(log1));
            int exit = -1;
            for (int run = 2; run <= 4 && exit != 0; run++) {
                Path log = tmp.resolve("run" + run + ".log");
                Process p = ingest(fake, log);
                assertTrue(p.waitFor(180, TimeUnit.SECONDS), "run " + run + " did not finish");
                exit = p.exitValue();
                logs.append(Files.readString(log));
            }
            assertEquals(0, exit, logs.toString());
            fake.clearFaults();

            assertEquals(FILES, fake.assets().size(), "one asset per file");
            Set<String> registered = new HashSet<>();
            for (JsonNode asset : fake.assets()) {
                String id = asset.path("id").asText();
                assertEquals(1, fake.formats(id).size(), "one ORIGINAL format on " + id);
                assertEquals("ORIGINAL", fake.formats(id).get(0).path("name").asText());
                assertEquals(1, fake.fileSets(id).size(), "one file set on " + id);
                assertEquals(1, fake.files(id).size(), "one file record on " + id);
                JsonNode file = fake.files(id).get(0);
                assertEquals("CLOSED", file.path("status").asText());
                assertTrue(registered.add(file.path("directory_path").asText() + "/"
                        + file.path("original_name").asText()));
            }
            assertEquals(expected, registered);
            assertFalse(logs.toString().contains(fake.authToken()), "the token was printed");
        }
    }
}
