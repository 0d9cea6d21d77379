// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runnable jar's {@code scan}, killed with SIGKILL half way through a pass and run again on its state. */
class ScanCommandIT {

    @TempDir
    Path tmp;

    private Process start(Path root, Path state) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", System.getProperty("gateway.jar"), "scan",
                root.toString(), "--state", state.toString(), "--growing-threshold", "0");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private List<String> runToEnd(Path root, Path state) throws Exception {
        Process p = start(root, state);
        p.getOutputStream().close();
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            lines = r.lines().collect(java.util.stream.Collectors.toList());
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return lines;
    }

    @Test
    void scanKilledWithSigkill_completesWhenRunAgain_andTheRunAfterPrintsNoEvents() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path state = tmp.resolve("state.db");
        int files = 6000; // more output than a pipe holds: the first run blocks mid-pass until it is killed
        for (int d = 0; d < 60; d++) {
            Path dir = Files.createDirectories(root.resolve("folder " + d));
            for (int f = 0; f < files / 60; f++) {
                Files.writeString(dir.resolve("clip " + f + ".mov"), "content " + d + "/" + f);
            }
        }

        Process first = start(root, state);
        List<String> beforeKill = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        while (beforeKill.size() < 500) {
            String line = r.readLine();
            assertTrue(line != null, "the first run ended early");
            beforeKill.add(line);
        }
        Thread.sleep(500);
        // SIGKILL from outside: Process.destroyForcibly would also close our end of the pipe.
        assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(first.pid())).start().waitFor());
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue());
        // What the killed run wrote before it died is still in the pipe: written is delivered. The kill may
        // have cut the last line short; a line counts only with its newline.
        StringBuilder rest = new StringBuilder();
        for (int c = r.read(); c >= 0; c = r.read()) {
            rest.append((char) c);
        }
        r.close();
        String complete = rest.substring(0, rest.lastIndexOf("\n") + 1);
        complete.lines().forEach(beforeKill::add);
        assertTrue(beforeKill.size() < files, "the first run was killed before the end: " + beforeKill.size());

        List<String> resumed = runToEnd(root, state);
        Set<String> reported = new HashSet<>();
        for (String l : beforeKill) {
            reported.add(l.split("\t")[1]);
        }
        for (String l : resumed) {
            assertTrue(l.startsWith("NEW\t"), l);
            reported.add(l.split("\t")[1]);
        }
        assertEquals(files, reported.size(), "every file reported at least once");
        assertTrue(resumed.size() < files, "the second run did not start over");
        assertEquals("ok", integrity(state));

        assertEquals(List.of(), runToEnd(root, state));
    }

    private static String integrity(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
