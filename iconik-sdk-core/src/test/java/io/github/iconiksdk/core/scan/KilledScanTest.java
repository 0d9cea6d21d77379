// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.api.scan.ScanEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pass killed with SIGKILL half way through, then resumed on the same state file. */
class KilledScanTest {

    @TempDir
    Path tmp;

    @Test
    void passKilledHalfWay_resumesOnTheSameState_andThePassAfterReportsNothing() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path state = tmp.resolve("scan.db");
        int files = 300;
        for (int i = 0; i < files; i++) {
            Path p = root.resolve("d" + (i % 10) + "/f" + i + ".mov");
            Files.createDirectories(p.getParent());
            Files.writeString(p, "content " + i);
        }

        List<String> beforeKill = runAndKill(root, state, 120);
        assertTrue(beforeKill.size() >= 120 && beforeKill.size() < files, "killed mid-pass: " + beforeKill.size());

        Recorder resumed = new Recorder();
        try (FileSystemScanner s = builder(root, state).build()) {
            s.scanOnce(resumed);
        }
        Set<String> all = new HashSet<>();
        beforeKill.forEach(l -> all.add(l.substring(l.indexOf('\t') + 1)));
        resumed.events.stream().map(ScanEvent::path).forEach(all::add);
        assertEquals(files, all.size(), "every file reported at least once");
        assertTrue(resumed.events.size() < files, "the resumed pass does not start over: " + resumed.events.size());
        assertTrue(resumed.events.size() >= files - beforeKill.size(), "nothing lost");
        assertEquals("ok", integrityCheck(state));

        Recorder third = new Recorder();
        try (FileSystemScanner s = builder(root, state).build()) {
            s.scanOnce(third);
        }
        assertEquals(List.of(), third.lines());
    }

    @Test
    void rescanKilledWhileReportingMoves_resumesWithoutDuplicatesOrLosses() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path state = tmp.resolve("scan.db");
        for (int i = 0; i < 200; i++) {
            Path p = root.resolve("old/f" + i + ".mov");
            Files.createDirectories(p.getParent());
            Files.writeString(p, "content " + i);
        }
        try (FileSystemScanner s = builder(root, state).build()) {
            s.scanOnce(e -> { });
        }
        Files.move(root.resolve("old"), root.resolve("new"));

        List<String> beforeKill = runAndKill(root, state, 50);

        Recorder resumed = new Recorder();
        try (FileSystemScanner s = builder(root, state).build()) {
            s.scanOnce(resumed);
        }
        Set<String> moved = new HashSet<>();
        beforeKill.forEach(l -> moved.add(l.substring(l.indexOf('\t') + 1)));
        for (ScanEvent e : resumed.events) {
            assertEquals("MOVED", Recorder.type(e), e.toString());
            moved.add(e.path());
        }
        assertEquals(200, moved.size());
        Recorder third = new Recorder();
        try (FileSystemScanner s = builder(root, state).build()) {
            s.scanOnce(third);
        }
        assertEquals(List.of(), third.lines());
    }

    private static FileSystemScanner.Builder builder(Path root, Path state) {
        return FileSystemScanner.builder().root(root).stateFile(state).growingThreshold(Duration.ZERO);
    }

    /** Runs {@link ScanChild} and kills it with SIGKILL once it has printed {@code lines} events. */
    private static List<String> runAndKill(Path root, Path state, int lines) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ScanChild.class.getName(), root.toString(), state.toString(), "20");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        List<String> got = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (got.size() < lines && (line = r.readLine()) != null) {
                assertTrue(!line.equals("DONE"), "the child finished before it could be killed");
                got.add(line);
            }
            // SIGKILL from outside (no shutdown hook, no finally block runs); Process.destroyForcibly would also
            // close our end of the pipe, losing lines the child wrote before it died.
            assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            // The kill may have cut the last line short; a line counts only with its newline.
            StringBuilder rest = new StringBuilder();
            for (int c = r.read(); c >= 0; c = r.read()) {
                rest.append((char) c);
            }
            rest.substring(0, rest.lastIndexOf("\n") + 1).lines().forEach(l -> {
                assertTrue(!l.equals("DONE"), "the child finished before it was killed");
                got.add(l);
            });
        } finally {
            p.destroyForcibly();
        }
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        return got;
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

}
