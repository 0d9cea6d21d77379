// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.work.WorkItem;
import io.github.iconiksdk.postgresql.PostgresRegistrationStore;
import io.github.iconiksdk.postgresql.PostgresStateDatabase;
import io.github.iconiksdk.postgresql.PostgresWorkQueue;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterAll;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 24's acceptance scenario: three {@code run} processes with the same storage id and one {@code --state-url}
 * against a real PostgreSQL and the fake iconik, over 3,000 files; one of them SIGKILLed midway. iconik ends with
 * every file exactly once, each survivor's per-pass summary lines count at least 20 % of the files as new, and the
 * killed one's claimed work is finished by the others (the queue and the journal end empty).
 */
class FleetRunIT {

    private static final int FILES = Integer.getInteger("fleet.files", 3000);
    private static final int LEASE_SECONDS = 5;
    private static final Pattern PASS_LINE = Pattern.compile("^pass \\d+: registered \\d+ files \\((\\d+) new",
            Pattern.MULTILINE);

    @TempDir
    Path tmp;

    private static String serverUrl;
    private static Path startedState;

    /** The test server: ICONIK_SDK_TEST_POSTGRES_URL, else one started with .ci/test-postgres.sh (skipped without). */
    private static synchronized String server() throws Exception {
        if (serverUrl == null) {
            serverUrl = System.getenv("ICONIK_SDK_TEST_POSTGRES_URL");
        }
        if (serverUrl == null) {
            Path script = Path.of(System.getProperty("project.root", "."), ".ci", "test-postgres.sh");
            RequiredTools.require(Files.isExecutable(script), "needs PostgreSQL: " + script + " missing");
            startedState = Files.createTempDirectory("fleet-pg").resolve("state");
            ProcessBuilder pb = new ProcessBuilder(script.toString(), "start");
            pb.environment().put("ICONIK_SDK_TEST_POSTGRES_STATE", startedState.toString());
            Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            RequiredTools.require(p.waitFor() == 0 && out.contains("="), "needs PostgreSQL: no server could be started"
                    + " with " + script + " (install Debian's postgresql package; .ci/run does)");
            serverUrl = out.substring(out.indexOf('=') + 1).trim();
        }
        return serverUrl;
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (startedState != null) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("project.root", "."), ".ci",
                    "test-postgres.sh").toString(), "stop");
            pb.environment().put("ICONIK_SDK_TEST_POSTGRES_STATE", startedState.toString());
            pb.start().waitFor(60, TimeUnit.SECONDS);
        }
    }

    private Process run(FakeIconik fake, String stateUrl, Path config, String name) throws IOException {
        ProcessBuilder pb = GatewayProcess.against(fake, List.of("-Xmx256m"), "run", "--config", config.toString(),
                "--data-dir", tmp.resolve(name).toString(), "--state-url", stateUrl, "--no-watch")
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        return pb.start();
    }

    private int newInPassLines(String name) throws IOException {
        Matcher m = PASS_LINE.matcher(Files.readString(tmp.resolve(name + ".log")));
        int sum = 0;
        while (m.find()) {
            sum += Integer.parseInt(m.group(1));
        }
        return sum;
    }

    @Test
    void threeRunProcesses_oneKilled_everyFileExactlyOnce_survivorsShareTheWork() throws Exception {
        String stateUrl = server() + "?schema=fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path root = Files.createDirectories(tmp.resolve("storage"));
        for (int i = 0; i < FILES; i++) {
            Path f = root.resolve(String.format("card%02d/clip%04d.mov", i % 30, i));
            Files.createDirectories(f.getParent());
            Files.writeString(f, "clip " + i, StandardCharsets.UTF_8);
        }
        Path config = tmp.resolve("config.ini");
        // no client rate limit (the fake enforces none), claims that run out 5 s after a gateway dies
        Files.writeString(config, "api-requests-per-second=0\nwork-lease-seconds=" + LEASE_SECONDS + "\n");

        List<String> names = List.of("gw1", "gw2", "gw3");
        List<Process> fleet = new ArrayList<>();
        try (PostgresStateDatabase db = PostgresStateDatabase.open(stateUrl); // migrated here, before the fleet starts
             FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_interval_seconds", "1")
                // registration is under test: no transcoding of text files
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start()) {
            for (String name : names) {
                fleet.add(run(fake, stateUrl, config, name));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (fake.assets().size() < FILES / 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Process doomed = fleet.get(2);
            String doomedOwner = "%/" + doomed.pid() + "/%"; // WorkQueue.newOwnerName(): host/pid/random
            assertTrue(doomed.isAlive(), "gw3 ended before it could be killed: "
                    + Files.readString(tmp.resolve("gw3.log")));
            // killed while it holds claims (the workers often outrun the scanner, so a gateway may hold none)
            int heldAtKill;
            while ((heldAtKill = heldBy(db, doomedOwner)) == 0 && fake.assets().size() < FILES * 2 / 3
                    && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            String owners = owners(db);
            doomed.destroyForcibly(); // SIGKILL: its leases are neither completed nor released
            assertTrue(doomed.waitFor(30, TimeUnit.SECONDS));
            long killedAt = System.nanoTime();
            int atKill = fake.assets().size();
            assertTrue(atKill < FILES, "killed midway, at " + atKill + " assets");

            try (PostgresWorkQueue queue = db.workQueue(Duration.ofSeconds(LEASE_SECONDS));
                 PostgresRegistrationStore journal = db.registrationStore(fake.storageId())) {
                assertTrue(heldAtKill > 0, "gw3 (pid " + doomed.pid() + ") held claims when it was killed: " + owners
                        + "\n" + tail("gw3"));
                while (heldBy(db, doomedOwner) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                double takenOverAfter = (System.nanoTime() - killedAt) / 1e9;
                while ((fake.assets().size() < FILES || queue.pending(fake.storageId(), WorkItem.FILE) > 0
                        || !journal.unfinished().isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                long finished = System.nanoTime();
                // the survivors' passes end (and print their summary lines) once no file work is left
                while ((newInPassLines("gw1") + newInPassLines("gw2")) < FILES - atKill
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                System.out.printf("FleetRunIT: %d files, gw3 killed at %d assets holding %d claims, all taken over"
                                + " %.1f s after the kill (lease %d s); queue empty %.1f s after the kill; new per"
                                + " survivor: gw1 %d, gw2 %d%n", FILES, atKill, heldAtKill, takenOverAfter,
                        LEASE_SECONDS, (finished - killedAt) / 1e9, newInPassLines("gw1"), newInPassLines("gw2"));
                assertEquals(0, heldBy(db, doomedOwner), "the killed gateway holds no claim");
                assertEquals(0, queue.pending(fake.storageId(), WorkItem.FILE), "the killed gateway's claims taken over");
                assertEquals(List.of(), journal.unfinished(), "no registration left unfinished");
            }

            Map<String, Integer> times = new HashMap<>();
            for (JsonNode f : fake.allFiles()) {
                times.merge(f.path("directory_path").asText() + "/" + f.path("original_name").asText(), 1,
                        Integer::sum);
            }
            assertEquals(FILES, times.size(), "every file registered");
            times.forEach((path, n) -> assertEquals(1, n, path + " registered once"));
            assertEquals(FILES, fake.assets().size(), "one asset per file");
            for (String survivor : names.subList(0, 2)) {
                int created = newInPassLines(survivor);
                assertTrue(created >= FILES / 5, survivor + " registered " + created + " of " + FILES
                        + " as new (at least 20 % expected); its log:\n" + tail(survivor));
            }
        } finally {
            for (Process p : fleet) {
                p.destroy(); // SIGTERM: the pass in flight ends at a file boundary
            }
            for (Process p : fleet) {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Work items whose lease names an owner like the pattern (the table's layout is the module's, read-only). */
    private static int heldBy(PostgresStateDatabase db, String ownerPattern) throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection();
             java.sql.PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM work_items WHERE owner LIKE ? AND lease_until IS NOT NULL")) {
            s.setString(1, ownerPattern);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static String owners(PostgresStateDatabase db) throws java.sql.SQLException {
        StringBuilder out = new StringBuilder();
        try (java.sql.Connection c = db.dataSource().getConnection();
             java.sql.PreparedStatement s = c.prepareStatement(
                     "SELECT kind, owner, count(*) FROM work_items GROUP BY kind, owner ORDER BY 1, 2");
             java.sql.ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.append(r.getString(1)).append(' ').append(r.getString(2)).append(": ").append(r.getInt(3))
                        .append("; ");
            }
        }
        return out.toString();
    }

    private String tail(String name) throws IOException {
        List<String> lines = Files.readAllLines(tmp.resolve(name + ".log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
