// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 item 5: directory assets are registered exactly once across SIGKILL, like single files. The fake iconik
 * with 5xx, 429 and reset faults and {@code enable_directory_assets}; 20 P2-style cards of 3 clips and 10 image
 * sequences of 10 frames; {@code ingest} in a child JVM SIGKILLed part way, then run again until it succeeds: one
 * asset per clip and sequence, each with one ORIGINAL format, one file set and one CLOSED record per file, no file
 * twice, no card file of no clip registered.
 */
class DirectoryAssetsKillIT {

    private static final int CARDS = 20;
    private static final int SEQUENCES = 10;
    private static final int FRAMES = 10;

    @TempDir
    Path tmp;

    private Process ingest(FakeIconik fake, Path log) throws IOException {
        ProcessBuilder pb = GatewayProcess.against(fake, "ingest", "--data-dir", tmp.resolve("data").toString())
                .redirectOutput(log.toFile());
        return pb.start();
    }

    private static void write(Path root, String path, Set<String> expected) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "content of " + path, StandardCharsets.UTF_8);
        if (expected != null) {
            expected.add(path);
        }
    }

    @Test
    void ingestOfCardsAndSequencesKilledPartWay_thenRerun_registersEachClipAndSequenceExactlyOnce() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Set<String> expected = new HashSet<>();
        Map<String, Integer> filesByTitle = new HashMap<>();
        for (int c = 0; c < CARDS; c++) {
            for (int k = 0; k < 3; k++) {
                String id = String.format("%02d%02dAB", c, k);
                for (String f : new String[] {"VIDEO/" + id + ".MXF", "AUDIO/" + id + "00.MXF",
                        "AUDIO/" + id + "01.MXF", "CLIP/" + id + ".XML"}) {
                    write(root, "shoot/card" + c + "/CONTENTS/" + f, expected);
                }
                filesByTitle.put(id, 4);
            }
            write(root, "shoot/card" + c + "/LASTCLIP.TXT", null);
        }
        for (int s = 0; s < SEQUENCES; s++) {
            for (int f = 1; f <= FRAMES; f++) {
                write(root, String.format("vfx/s%d/plate_%04d.dpx", s, f), expected);
            }
            filesByTitle.put("plate_[0001-0010].dpx#" + s, FRAMES);
        }
        int assets = CARDS * 3 + SEQUENCES;

        try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("enable_directory_assets", "true")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start()) {
            fake.faults(new Faults(0.03, 0.01, 0.02, Duration.ZERO));
            Path log1 = tmp.resolve("run1.log");
            Process first = ingest(fake, log1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (fake.assets().size() < assets / 3 && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(first.isAlive(), "the first run ended before it could be killed: " + Files.readString(log1));
            first.destroyForcibly(); // SIGKILL
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertTrue(fake.assets().size() < assets, "killed after " + fake.assets().size() + " assets");

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

            assertEquals(assets, fake.assets().size(), "one asset per clip and sequence");
            Set<String> registered = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (JsonNode asset : fake.assets()) {
                String id = asset.path("id").asText();
                assertEquals(1, fake.formats(id).size(), "one ORIGINAL format on " + id);
                assertEquals(1, fake.fileSets(id).size(), "one file set on " + id);
                String setId = fake.fileSets(id).get(0).path("id").asText();
                String title = asset.path("title").asText();
                String folder = fake.fileSets(id).get(0).path("base_dir").asText();
                String key = title.startsWith("plate_") ? title + "#" + folder.substring("vfx/s".length()) : title;
                for (JsonNode file : fake.files(id)) {
                    assertEquals("CLOSED", file.path("status").asText(), file.toString());
                    assertEquals(setId, file.path("file_set_id").asText());
                    String path = file.path("directory_path").asText() + "/" + file.path("original_name").asText();
                    assertTrue(registered.add(path), path + " registered twice");
                }
                seen.put(key, fake.files(id).size());
            }
            assertEquals(filesByTitle, seen, "every clip and sequence holds each of its files once");
            assertEquals(expected, registered, "every file registered once, no LASTCLIP.TXT");
        }
    }
}
