// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.scan.StorageScanner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSystemScannerTest {

    @TempDir
    Path tmp;
    Path root;
    Path state;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        state = tmp.resolve("state/scan.db");
    }

    private FileSystemScanner.Builder builder() {
        return FileSystemScanner.builder().root(root).stateFile(state).growingThreshold(Duration.ZERO);
    }

    private Recorder scan() {
        return scan(b -> { });
    }

    private Recorder scan(Consumer<FileSystemScanner.Builder> config) {
        FileSystemScanner.Builder b = builder();
        config.accept(b);
        Recorder r = new Recorder();
        try (StorageScanner s = b.build()) {
            s.scanOnce(r);
        }
        return r;
    }

    private Path write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private static String md5(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void firstPass_reportsEveryFileAsNew_withSizeAndChecksum() throws Exception {
        write("a.mov", "alpha");
        write("clips/b.mov", "bravo!");
        write("clips/deep/c.wav", "");

        Recorder r = scan();

        assertEquals(List.of("NEW a.mov", "NEW clips/b.mov", "NEW clips/deep/c.wav"), r.lines());
        ScanEvent.Change b = r.change(1);
        assertEquals(6, b.size());
        assertEquals(md5("bravo!"), b.md5().orElseThrow());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", r.change(2).md5().orElseThrow());
        assertEquals(Files.getLastModifiedTime(root.resolve("a.mov")).toInstant(), r.change(0).modified());
    }

    @Test
    void rescanOfUnchangedTree_reportsNothing() throws IOException {
        write("a.mov", "alpha");
        write("clips/b.mov", "bravo");
        scan();

        Recorder second = scan();

        assertEquals(List.of(), second.lines());
    }

    @Test
    void appendingToAFile_reportsModifiedWithTheNewChecksum() throws Exception {
        Path a = write("a.mov", "alpha");
        scan();
        Files.writeString(a, "+more", StandardOpenOption.APPEND);

        Recorder r = scan();

        assertEquals(List.of("MODIFIED a.mov"), r.lines());
        assertEquals(md5("alpha+more"), r.change(0).md5().orElseThrow());
        assertEquals(List.of(), scan().lines());
    }

    @Test
    void renamingAFile_reportsOneMoveCarryingTheChecksum() throws Exception {
        Path a = write("in/a.mov", "alpha");
        scan();
        Files.createDirectories(root.resolve("out"));
        Files.move(a, root.resolve("out/renamed.mov"));

        Recorder r = scan();

        assertEquals(List.of("MOVED in/a.mov -> out/renamed.mov"), r.lines());
        assertEquals(md5("alpha"), r.change(0).md5().orElseThrow());
        assertEquals(List.of(), scan().lines());
    }

    @Test
    void renamingAFolder_reportsOneMovePerFile() throws IOException {
        write("shoot/day1/a.mov", "a");
        write("shoot/day1/b.mov", "bb");
        write("shoot/day1/sub/c.mov", "ccc");
        scan();
        Files.move(root.resolve("shoot/day1"), root.resolve("shoot/Day 1 (final)"));

        Recorder r = scan();

        assertEquals(List.of(
                "MOVED shoot/day1/a.mov -> shoot/Day 1 (final)/a.mov",
                "MOVED shoot/day1/b.mov -> shoot/Day 1 (final)/b.mov",
                "MOVED shoot/day1/sub/c.mov -> shoot/Day 1 (final)/sub/c.mov"), r.lines());
    }

    @Test
    void deletingAFile_reportsRemovedOnce() throws IOException {
        Path a = write("a.mov", "alpha");
        write("b.mov", "bravo");
        scan();
        Files.delete(a);

        assertEquals(List.of("REMOVED a.mov"), scan().lines());
        assertEquals(List.of(), scan().lines());
    }

    @Test
    void newFileOnARecycledInodeWithAnotherTime_isRemovedPlusNewNotAMove() throws IOException {
        Path a = write("a.mov", "alpha");
        Files.setLastModifiedTime(a, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        scan();
        Object oldKey = Files.readAttributes(a, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Files.delete(a);
        Path b = write("b.mov", "bravo");
        Object newKey = Files.readAttributes(b, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        Recorder r = scan();

        assertEquals(List.of("REMOVED a.mov", "NEW b.mov"), r.lines(),
                "same key reused: " + oldKey.equals(newKey));
    }

    @Test
    void copyWithSameSizeAndTime_isNotAMoveWithoutTheSameFileKey() throws IOException {
        Path a = write("a.mov", "alpha");
        FileTime t = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(a, t);
        scan();
        Path copy = write("copy.mov", "alpha");
        Files.setLastModifiedTime(copy, t);
        Files.delete(a);

        assertEquals(List.of("REMOVED a.mov", "NEW copy.mov"), scan().lines());
    }

    @Test
    void aFileBeingWritten_isGrowingAndNeverNewUntilItSettles() throws IOException {
        MutableClock clock = new MutableClock(Instant.now());
        Path a = write("render.mov", "part1");
        Files.setLastModifiedTime(a, FileTime.from(clock.instant()));
        Consumer<FileSystemScanner.Builder> cfg = b -> b.clock(clock).growingThreshold(Duration.ofSeconds(10));

        assertEquals(List.of("GROWING render.mov"), scan(cfg).lines());

        clock.advance(Duration.ofSeconds(6));
        Files.writeString(a, "part2", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(a, FileTime.from(clock.instant()));
        assertEquals(List.of("GROWING render.mov"), scan(cfg).lines());

        clock.advance(Duration.ofSeconds(6)); // 6 s since the last write: still under the threshold
        assertEquals(List.of("GROWING render.mov"), scan(cfg).lines());

        clock.advance(Duration.ofSeconds(5));
        Recorder settled = scan(cfg);
        assertEquals(List.of("NEW render.mov"), settled.lines());
        assertEquals(10, settled.change(0).size());
        assertEquals(List.of(), scan(cfg).lines());
    }

    @Test
    void anOldFileSeenForTheFirstTime_isStableAtOnce() throws IOException {
        Path a = write("old.mov", "x");
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().minusSeconds(3600)));

        assertEquals(List.of("NEW old.mov"), scan(b -> b.growingThreshold(Duration.ofSeconds(10))).lines());
    }

    @Test
    void ignoredFolder_isNeverListedAndItsFilesNeverReported() throws IOException {
        write("Project/Media Cache Files/x.cfa", "c");
        write("Project/Media Cache Files/deep/y.mov", "y");
        write("Project/edit.prproj", "p");
        write("Project/z.pek", "z");

        Recorder r = new Recorder();
        ScanSummary s;
        try (StorageScanner scanner = builder().ignore(new NameMatcher("media cache files", "*.pek")).build()) {
            s = scanner.scanOnce(r);
        }

        assertEquals(List.of("NEW Project/edit.prproj"), r.lines());
        assertEquals(2, s.ignored(), "one pruned folder and one file");
        assertEquals(1, s.filesScanned());
    }

    @Test
    void includeList_keepsOnlyMatchingFilesButWalksEveryFolder() throws IOException {
        write("a/clip.mov", "1");
        write("a/notes.txt", "2");
        write("b/c/clip2.MOV", "3");

        Recorder r = scan(b -> b.include(new NameMatcher("*.mov")));

        assertEquals(List.of("NEW a/clip.mov", "NEW b/c/clip2.MOV"), r.lines());
    }

    @Test
    void fileNewlyIgnored_isReportedRemoved() throws IOException {
        write("a.mov", "1");
        write("b.pek", "2");
        scan();

        assertEquals(List.of("REMOVED b.pek"), scan(b -> b.ignore(new NameMatcher("*.pek"))).lines());
    }

    @Test
    void scanDirectories_limitTheWalkAndNestedOnesCountOnce() throws IOException {
        write("in/a.mov", "1");
        write("in/sub/b.mov", "2");
        write("out/c.mov", "3");

        Recorder r = scan(b -> b.scanDirectories(List.of("/in/sub/", "in", "missing")));

        assertEquals(List.of("NEW in/a.mov", "NEW in/sub/b.mov", "UNREADABLE missing"), r.lines());
    }

    @Test
    void folderThatVanishesMidPass_isUnreadableAndItsFilesAreKeptUntilTheNextPass() throws IOException {
        MutableClock clock = new MutableClock(Instant.now());
        Path growing = write("a-growing.mov", "g");
        Files.setLastModifiedTime(growing, FileTime.from(clock.instant()));
        Path x = write("b/x.mov", "x");
        Files.setLastModifiedTime(x, FileTime.from(clock.instant().minusSeconds(3600)));
        Consumer<FileSystemScanner.Builder> cfg = b -> b.clock(clock).growingThreshold(Duration.ofSeconds(60))
                .concurrency(1);
        assertEquals(List.of("GROWING a-growing.mov", "NEW b/x.mov"), scan(cfg).lines());

        Recorder r = new Recorder() {
            @Override
            public void onEvent(ScanEvent event) {
                super.onEvent(event);
                if (event.path().equals("a-growing.mov")) {
                    deleteTree(root.resolve("b")); // removed after the root was listed, before b is
                }
            }
        };
        FileSystemScanner.Builder b = builder();
        cfg.accept(b);
        try (StorageScanner s = b.build()) {
            s.scanOnce(r);
        }
        assertEquals(List.of("GROWING a-growing.mov", "UNREADABLE b"), r.lines());
        assertEquals("vanished while scanning", ((ScanEvent.Unreadable) r.events.get(1)).reason());

        assertEquals(List.of("REMOVED b/x.mov", "GROWING a-growing.mov"),
                scan(cfg).lines().stream().sorted(Comparator.reverseOrder()).collect(Collectors.toList()));
    }

    @Test
    void unreadableFolder_isReportedAndRetried_whenPermissionsBite() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "permissions do not bite as root; the vanishing-folder test covers the path");
        write("locked/a.mov", "a");
        write("open/b.mov", "b");
        scan();
        Path locked = root.resolve("locked");
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        try {
            Recorder r = scan();
            assertEquals(List.of("UNREADABLE locked"), r.lines());
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(List.of(), scan().lines());
    }

    @Test
    void symlinkLoop_isSkippedByDefaultAndReportedWhenFollowingLinks() throws IOException {
        write("a/clip.mov", "1");
        Files.createSymbolicLink(root.resolve("a/loop"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("link.mov"), root.resolve("a/clip.mov"));

        assertEquals(List.of("NEW a/clip.mov"), scan().lines());

        Files.delete(state);
        Recorder followed = scan(b -> b.followLinks(true));
        assertEquals(List.of("NEW a/clip.mov", "NEW link.mov", "UNREADABLE a/loop"),
                followed.lines().stream().sorted(Comparator.comparing((String l) -> !l.startsWith("NEW"))
                        .thenComparing(Comparator.naturalOrder())).collect(Collectors.toList()));
    }

    @Test
    void awkwardNames_areReportedExactlyAndRescanQuietly() throws IOException {
        String longName = "x".repeat(251) + ".mov"; // 255 bytes
        List<String> names = List.of("with space.mov", "clip[1080p].mov", "🎬 take 1.mov", "é-composed.mov",
                "e\u0301-decomposed.mov", longName, "(brackets) {braces}.mov", "a/b c/🎞️/d.mov");
        for (String n : names) {
            write(n, n);
        }

        List<String> reported = scan().lines();
        assertEquals(names.stream().map(n -> "NEW " + n).sorted().collect(Collectors.toList()),
                reported.stream().sorted().collect(Collectors.toList()));
        assertEquals(List.of(), scan().lines());
    }

    @Test
    void pathTwoHundredLevelsDeep_isScanned() throws IOException {
        StringBuilder rel = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            rel.append("d").append(i % 10).append('/');
        }
        rel.append("deep.mov");
        write(rel.toString(), "deep");

        assertEquals(List.of("NEW " + rel), scan().lines());
        assertEquals(List.of(), scan().lines());
    }

    @Test
    void listenerFailingHalfWay_getsTheUndeliveredEventsAgainOnTheNextPass() throws IOException {
        for (int i = 0; i < 10; i++) {
            write("f" + i + ".mov", "x" + i);
        }
        List<String> delivered = new ArrayList<>();
        FileSystemScanner.Builder b = builder().batchSize(3);
        try (StorageScanner s = b.build()) {
            assertThrows(IllegalStateException.class, () -> s.scanOnce(e -> {
                if (delivered.size() == 5) {
                    throw new IllegalStateException("listener down");
                }
                delivered.add(e.path());
            }));
        }
        Recorder again = scan();
        List<String> all = new ArrayList<>(delivered);
        all.addAll(again.events.stream().map(ScanEvent::path).collect(Collectors.toList()));
        for (int i = 0; i < 10; i++) {
            assertTrue(all.contains("f" + i + ".mov"), "f" + i + " delivered at least once: " + all);
        }
        assertTrue(again.events.size() < 10, "what was recorded as delivered is not repeated: " + again.lines());
        assertEquals(List.of(), scan().lines());
    }

    @Test
    void concurrentListing_givesTheSameEventsInTheSameOrder() throws IOException {
        for (int d = 0; d < 20; d++) {
            for (int f = 0; f < 5; f++) {
                write("d" + d + "/s" + (d % 3) + "/f" + f + ".mov", d + "-" + f);
            }
        }
        List<String> sequential = scan(b -> b.concurrency(1).checksums(false)).lines();
        Files.delete(state);

        List<String> parallel = scan(b -> b.concurrency(8).checksums(false)).lines();

        assertEquals(100, sequential.size());
        assertEquals(sequential, parallel);
    }

    @Test
    void scanOnceWhileAPeriodicPassRuns_isRefused_andScanNowRunsAPass() throws Exception {
        write("a.mov", "1");
        try (FileSystemScanner s = builder().build()) {
            Recorder r = new Recorder();
            StorageScanner.PeriodicScan periodic = s.startPeriodic(Duration.ofHours(1), r);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (periodic.lastSummary().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, periodic.lastSummary().orElseThrow().added());
            write("b.mov", "2");
            ScanSummary first = periodic.lastSummary().orElseThrow();
            periodic.scanNow();
            while (periodic.lastSummary().orElseThrow() == first && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of("NEW a.mov", "NEW b.mov"), r.lines());
            assertThrows(IllegalStateException.class, () -> s.startPeriodic(Duration.ofSeconds(1), r));
            periodic.close();
            assertEquals(0, s.scanOnce(new Recorder()).added());
        }
    }

    @Test
    void boundedQueueListener_holdsTheScanBackUntilTheConsumerTakes() throws Exception {
        for (int i = 0; i < 10; i++) {
            write("f" + i + ".mov", "x" + i);
        }
        java.util.concurrent.BlockingQueue<ScanEvent> queue = new java.util.concurrent.ArrayBlockingQueue<>(2);
        try (FileSystemScanner s = builder().build()) {
            java.util.concurrent.CompletableFuture<ScanSummary> pass = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> s.scanOnce(io.github.iconiksdk.api.scan.ScanListener.toQueue(queue)));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (queue.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            assertEquals(2, queue.size());
            assertFalse(pass.isDone(), "the scan waits for the consumer");
            List<String> taken = new ArrayList<>();
            while (taken.size() < 10) {
                taken.add(queue.take().path());
            }
            assertEquals(10, pass.get(20, java.util.concurrent.TimeUnit.SECONDS).added());
            assertEquals(10, taken.size());
        }
    }

    @Test
    void progress_isReportedInFilesAndEndsWithTheTotal() throws IOException {
        for (int i = 0; i < 5; i++) {
            write("f" + i + ".mov", "x");
        }
        List<io.github.iconiksdk.api.Progress> reports = new ArrayList<>();
        try (FileSystemScanner s = builder().progress(reports::add).build()) {
            s.scanOnce(e -> { });
        }
        io.github.iconiksdk.api.Progress last = reports.get(reports.size() - 1);
        assertEquals(5, last.done());
        assertEquals(io.github.iconiksdk.api.Progress.Unit.FILES, last.unit());
        assertTrue(last.task().contains(root.toString()), last.task());
    }

    @Test
    void rootEmptiedLikeAnUnmountedShare_failsThePassInsteadOfRemovingEverything() throws IOException {
        write("a/clip.mov", "1");
        write("b.mov", "2");
        scan();
        deleteTree(root.resolve("a"));
        Files.move(root.resolve("b.mov"), tmp.resolve("b.mov")); // the "share" goes away

        try (StorageScanner s = builder().build()) {
            Exception e = assertThrows(io.github.iconiksdk.api.IconikException.class, () -> s.scanOnce(ev -> { }));
            assertTrue(e.getMessage().contains("mounted"), e.getMessage());
        }
        Files.move(tmp.resolve("b.mov"), root.resolve("b.mov")); // and comes back, unchanged
        assertEquals(List.of("REMOVED a/clip.mov"), scan().lines(), "the state was left as it was");
    }

    @Test
    void missingRoot_failsThePassNamingIt() {
        try (StorageScanner s = FileSystemScanner.builder().root(tmp.resolve("nope")).stateFile(state).build()) {
            Exception e = assertThrows(io.github.iconiksdk.api.IconikException.class, () -> s.scanOnce(ev -> { }));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
        }
    }

    @Test
    void builder_refusesScanDirectoryOutsideTheRoot() {
        assertThrows(IllegalArgumentException.class,
                () -> FileSystemScanner.builder().scanDirectories(List.of("a/../../etc")));
    }

    static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
