// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanCommandTest {

    @TempDir
    Path tmp;
    Path root;
    String state;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        state = tmp.resolve("scan.db").toString();
    }

    /** Writes a file that has settled long ago (older than any growing threshold). */
    private Path settled(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
        return p;
    }

    private CommandRun scan(String... extra) {
        String[] args = Stream.concat(Stream.of("scan", root.toString(), "--state", state), Arrays.stream(extra))
                .toArray(String[]::new);
        CommandRun run = CommandRun.run(args);
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    private static List<String> lines(CommandRun run) {
        return run.out().lines().collect(Collectors.toList());
    }

    @Test
    void twoRunsOverAnUnchangedTree_secondPrintsNoEventLines() throws IOException {
        settled("a.mov", "alpha");
        settled("clips/b c.mov", "bravo!");

        CommandRun first = scan();
        assertEquals(List.of("NEW\ta.mov\t5", "NEW\tclips/b c.mov\t6"), lines(first));
        assertTrue(first.err().matches(
                "scanned 2 files in \\d+\\.\\d s: 2 new, 0 modified, 0 removed, 0 moved, 0 growing, 0 ignored\\R"),
                first.err());

        CommandRun second = scan();
        assertEquals("", second.out());
        assertTrue(second.err().startsWith("scanned 2 files in "), second.err());
    }

    @Test
    void appendMoveAndRemove_printModifiedOneMovedAndRemoved() throws IOException {
        Path a = settled("a.mov", "alpha");
        Path b = settled("b.mov", "bravo");
        settled("c.mov", "charlie");
        scan();

        Files.writeString(a, "-more", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().minusSeconds(60)));
        Files.createDirectories(root.resolve("moved"));
        Files.move(b, root.resolve("moved/b.mov"));
        Files.delete(root.resolve("c.mov"));

        CommandRun run = scan();
        assertEquals(List.of("REMOVED\tc.mov", "MOVED\tb.mov\tmoved/b.mov", "MODIFIED\ta.mov\t10").stream().sorted()
                .collect(Collectors.toList()), lines(run).stream().sorted().collect(Collectors.toList()));
        assertTrue(run.err().contains(": 0 new, 1 modified, 1 removed, 1 moved, 0 growing"), run.err());
        assertEquals("", scan().out());
    }

    @Test
    void fileStillBeingWritten_isGrowingAndNeverNewUntilItSettles() throws IOException {
        Path w = root.resolve("render.mov");
        Files.writeString(w, "partial");

        assertEquals(List.of("GROWING\trender.mov"), lines(scan()));
        Files.writeString(w, "more", StandardOpenOption.APPEND);
        assertEquals(List.of("GROWING\trender.mov"), lines(scan()));

        Files.setLastModifiedTime(w, FileTime.from(Instant.now().minusSeconds(11)));
        assertEquals(List.of("NEW\trender.mov\t11"), lines(scan()));
    }

    @Test
    void growingThresholdZero_makesEveryFileStableAtOnce() throws IOException {
        Files.writeString(root.resolve("fresh.mov"), "x");

        assertEquals(List.of("NEW\tfresh.mov\t1"), lines(scan("--growing-threshold", "0")));
    }

    @Test
    void defaultIgnoreList_prunesNleCaches_unlessTurnedOffOrReplaced() throws IOException {
        settled("Project/Media Cache Files/x.cfa", "c");
        settled("Project/Adobe Premiere Pro Auto-Save/y.prproj", "y");
        settled("Project/edit.prproj", "p");
        settled("Project/take.pek", "k");

        CommandRun defaults = CommandRun.run("scan", root.toString());
        assertEquals(List.of("NEW\tProject/edit.prproj\t1"), lines(defaults));
        assertTrue(defaults.err().contains("1 new, 0 modified, 0 removed, 0 moved, 0 growing, 3 ignored"),
                defaults.err());

        CommandRun none = CommandRun.run("scan", root.toString(), "--no-default-ignore");
        assertEquals(4, lines(none).size(), none.out());

        CommandRun own = CommandRun.run("scan", root.toString(), "--ignore", "*.prproj");
        assertEquals(List.of("NEW\tProject/Media Cache Files/x.cfa\t1", "NEW\tProject/take.pek\t1"), lines(own));
    }

    @Test
    void includeAndScanDir_limitWhatIsReported() throws IOException {
        settled("in/a.mov", "1");
        settled("in/a.txt", "2");
        settled("out/b.mov", "3");

        CommandRun run = CommandRun.run("scan", root.toString(), "--scan-dir", "in", "--include", "*.mov");
        assertEquals(List.of("NEW\tin/a.mov\t1"), lines(run));
    }

    @Test
    void json_printsOneObjectPerEventWithTheSameFields() throws Exception {
        settled("a \"quoted\" 🎬.mov", "alpha");
        settled("b.mov", "bravo");
        scan();
        Files.move(root.resolve("b.mov"), root.resolve("c.mov"));

        ObjectMapper mapper = new ObjectMapper();
        CommandRun first = CommandRun.run("scan", root.toString(), "--json");
        JsonNode a = mapper.readTree(lines(first).get(0));
        assertEquals("NEW", a.get("type").asText());
        assertEquals("a \"quoted\" 🎬.mov", a.get("path").asText());
        assertEquals(5, a.get("size").asLong());
        assertEquals("2c1743a391305fbf367df8e4f069f9f9", a.get("md5").asText());

        JsonNode moved = mapper.readTree(lines(scan("--json")).get(0));
        assertEquals("MOVED", moved.get("type").asText());
        assertEquals("b.mov", moved.get("from").asText());
        assertEquals("c.mov", moved.get("to").asText());
    }

    @Test
    void noChecksum_leavesTheChecksumOut() throws Exception {
        settled("a.mov", "alpha");
        JsonNode a = new ObjectMapper().readTree(lines(scan("--json", "--no-checksum")).get(0));
        assertTrue(a.get("md5") == null, a.toString());
    }

    @Test
    void withoutState_aTemporaryStateIsUsedAndDeleted() throws IOException {
        settled("a.mov", "alpha");
        Path tempRoot = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countScanTemps(tempRoot);

        assertEquals(List.of("NEW\ta.mov\t5"), lines(CommandRun.run("scan", root.toString())));
        assertEquals(List.of("NEW\ta.mov\t5"), lines(CommandRun.run("scan", root.toString())));
        assertEquals(before, countScanTemps(tempRoot));
    }

    private static long countScanTemps(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("iconik-scan-")).count();
        }
    }

    @Test
    void help_listsEveryOptionOfTheSpec() {
        CommandRun run = CommandRun.run("scan", "--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String option : List.of("--scan-dir", "--ignore", "--no-default-ignore", "--include",
                "--growing-threshold", "--no-checksum", "--state", "--json", "ROOT")) {
            assertTrue(run.out().contains(option), option + " in " + run.out());
        }
    }

    @Test
    void invalidPattern_exitsTwoNamingIt() {
        CommandRun run = CommandRun.run("scan", root.toString(), "--ignore", "re:/(unclosed/");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("re:/(unclosed/") && run.err().contains("--ignore"), run.err());
    }

    @Test
    void missingRoot_exitsTwoNamingIt() {
        CommandRun run = CommandRun.run("scan", tmp.resolve("nowhere").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("nowhere"), run.err());
    }

    @Test
    void scanDirOutsideRoot_exitsTwo() {
        CommandRun run = CommandRun.run("scan", root.toString(), "--scan-dir", "../etc");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("../etc"), run.err());
    }

    @Test
    void absoluteScanDirBelowRoot_isAccepted_andOneOutsideIsRefused() throws IOException {
        settled("in/a.mov", "1");
        settled("out/b.mov", "2");

        CommandRun run = CommandRun.run("scan", root.toString(), "--scan-dir", root.resolve("in").toString());
        assertEquals(List.of("NEW\tin/a.mov\t1"), lines(run));
        CommandRun outside = CommandRun.run("scan", root.toString(), "--scan-dir", tmp.toString());
        assertEquals(2, outside.exitCode());
        assertTrue(outside.err().contains(tmp.toString()), outside.err());
    }

    @Test
    void negativeThreshold_exitsTwo() {
        CommandRun run = CommandRun.run("scan", root.toString(), "--growing-threshold", "-1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--growing-threshold"), run.err());
    }

    @Test
    void unreadableStateFile_exitsOneNamingIt() throws IOException {
        Path junk = tmp.resolve("junk.db");
        Files.writeString(junk, "not a database at all, not even close; just text to fill the header page");
        CommandRun run = CommandRun.run("scan", root.toString(), "--state", junk.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("junk.db"), run.err());
    }
}
