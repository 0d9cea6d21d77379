// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.scan.ScanListener;
import io.github.iconiksdk.api.scan.StorageScanner;
import io.github.iconiksdk.core.scan.internal.NodeFilter;
import io.github.iconiksdk.core.scan.internal.ScanPass;
import io.github.iconiksdk.core.state.SqliteScanStateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partial passes ({@link FileSystemScanner#scanFolders}) and the change hints that start them in periodic mode. */
class PartialScanTest {

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
        return FileSystemScanner.builder().root(root).stateFile(state).growingThreshold(Duration.ZERO)
                .checksums(false);
    }

    private Path write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(60)));
        return p;
    }

    private Recorder scanFolders(String... folders) {
        Recorder r = new Recorder();
        try (FileSystemScanner s = builder().build()) {
            s.scanFolders(List.of(folders), r);
        }
        return r;
    }

    private Recorder fullScan() {
        Recorder r = new Recorder();
        try (FileSystemScanner s = builder().build()) {
            s.scanOnce(r);
        }
        return r;
    }

    @Test
    void partialPass_reportsChangesInsideItsFolders_andNothingOutside() throws IOException {
        write("a/1.mov", "1");
        write("b/2.mov", "2");
        write("top.mov", "t");
        fullScan();
        Files.delete(root.resolve("b/2.mov"));
        Files.delete(root.resolve("top.mov"));
        write("a/3.mov", "3");
        write("a/deeper/4.mov", "4");

        assertEquals(List.of("NEW a/3.mov", "NEW a/deeper/4.mov"), scanFolders("a").lines());
        assertEquals(List.of("REMOVED b/2.mov", "REMOVED top.mov"), fullScan().lines());
    }

    @Test
    void partialPassWithoutDescending_looksOnlyAtTheFolder_andLeavesItsSubFoldersAsTheStoreHasThem()
            throws IOException {
        write("a/1.mov", "1");
        write("a/sub/2.mov", "2");
        fullScan();
        Files.delete(root.resolve("a/sub/2.mov"));
        write("a/sub/3.mov", "3");
        write("a/new.mov", "n");

        Recorder r = new Recorder();
        try (FileSystemScanner s = builder().build()) {
            s.scanFolders(List.of("a"), sub -> false, r);
        }
        assertEquals(List.of("NEW a/new.mov"), r.lines(), "a/sub is not walked: nothing there reported");
        assertEquals(List.of("NEW a/sub/3.mov", "REMOVED a/sub/2.mov"), fullScan().lines().stream().sorted().toList(),
                "what the partial pass left is found by the next full pass");
    }

    @Test
    void partialPass_findsAMoveBetweenItsFolders() throws IOException {
        write("a/clip.mov", "content");
        write("b/other.mov", "o");
        fullScan();
        Files.move(root.resolve("a/clip.mov"), root.resolve("b/clip.mov"));

        assertEquals(List.of("MOVED a/clip.mov -> b/clip.mov"), scanFolders("a", "b").lines());
        assertEquals(List.of(), fullScan().lines());
    }

    @Test
    void partialPassOfAVanishedFolder_reportsNothing_andItsParentReportsTheRemoval() throws IOException {
        write("card/A001.mov", "1");
        write("card/A002.mov", "2");
        write("keep.mov", "k");
        fullScan();
        FileSystemScannerTest.deleteTree(root.resolve("card"));

        assertEquals(List.of(), scanFolders("card").lines());
        assertEquals(List.of("REMOVED card/A001.mov", "REMOVED card/A002.mov"), scanFolders("").lines());
    }

    @Test
    void partialPass_leavesTheSubFoldersItDoesNotEnterAlone() throws IOException {
        write("x/old.mov", "o");
        write("x/sub/kept.mov", "k");
        write("x/sub/deep/kept2.mov", "k2");
        write("x/zz.mov", "z");
        fullScan();
        Files.delete(root.resolve("x/zz.mov"));
        Files.delete(root.resolve("x/sub/kept.mov")); // not looked at: the sub-folder is not entered
        write("x/new.mov", "n");

        Recorder r = new Recorder();
        try (SqliteScanStateStore store = SqliteScanStateStore.open(state)) {
            ScanPass.Settings settings = new ScanPass.Settings(root, List.of(""), NodeFilter.KEEP_ALL, false,
                    Duration.ZERO, false, 1, 0, 1000, ProgressListener.NONE, null);
            ScanPass.runPartial(settings, List.of("x"), folder -> !folder.equals("x/sub"), store, r, null, null,
                    Clock.systemUTC());
        }

        assertEquals(List.of("REMOVED x/zz.mov", "NEW x/new.mov"), r.lines());
        assertEquals(List.of("REMOVED x/sub/kept.mov"), fullScan().lines());
    }

    @Test
    void partialPass_respectsTheScanDirectories() throws IOException {
        write("in/a.mov", "a");
        write("out/b.mov", "b");
        Recorder first = new Recorder();
        try (FileSystemScanner s = builder().scanDirectories(List.of("in")).build()) {
            s.scanOnce(first);
            write("in/c.mov", "c");
            write("out/d.mov", "d");
            Recorder r = new Recorder();
            s.scanFolders(List.of(""), r);
            assertEquals(List.of("NEW in/c.mov"), r.lines());
        }
        assertEquals(List.of("NEW in/a.mov"), first.lines());
    }

    @Test
    void scanFolders_refusesAFolderOutsideTheRoot() {
        try (FileSystemScanner s = builder().build()) {
            assertThrows(IllegalArgumentException.class, () -> s.scanFolders(List.of("../etc"), new Recorder()));
        }
    }

    /** Collects events from the periodic thread. */
    private static final class Collector implements ScanListener {
        private final List<ScanEvent> events = new ArrayList<>();

        @Override
        public synchronized void onEvent(ScanEvent event) {
            events.add(event);
            notifyAll();
        }

        synchronized List<String> lines() {
            return events.stream().map(Recorder::line).collect(Collectors.toList());
        }

        /** Waits (at most 20 s, a bound for a broken build, not a timing assertion) until a line is there. */
        synchronized void awaitLine(String line) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!lines().contains(line)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no '" + line + "' in " + lines());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private static void awaitFirstPass(StorageScanner.PeriodicScan periodic) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (periodic.lastSummary().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(periodic.lastSummary().isPresent(), "the first pass did not end");
    }

    @Test
    void withHints_aNewFileIsReportedWithoutWaitingForTheInterval_andUnwatchedFoldersAreLeftAlone()
            throws Exception {
        write("old.mov", "o");
        write("sub/kept.mov", "k");
        try (FileSystemScanner s = builder().watch(true).build()) {
            assertTrue(s.isWatching());
            Collector events = new Collector();
            try (StorageScanner.PeriodicScan periodic = s.startPeriodic(Duration.ofHours(1), events)) {
                awaitFirstPass(periodic);
                write("new.mov", "n");
                events.awaitLine("NEW new.mov");
                write("card/CLIP/A001.mov", "1"); // a new folder tree: walked by the pass its parent's hint starts
                events.awaitLine("NEW card/CLIP/A001.mov");
                write("card/CLIP/A002.mov", "2"); // and watched from then on
                events.awaitLine("NEW card/CLIP/A002.mov");
                Files.delete(root.resolve("sub/kept.mov"));
                events.awaitLine("REMOVED sub/kept.mov");
            }
            assertEquals(List.of("NEW old.mov", "NEW sub/kept.mov", "NEW new.mov", "NEW card/CLIP/A001.mov",
                    "NEW card/CLIP/A002.mov", "REMOVED sub/kept.mov"), events.lines());
        }
    }

    @Test
    void withHints_aGrowingFileIsLookedAtAgainOnceItsThresholdHasPassed() throws Exception {
        try (FileSystemScanner s = builder().watch(true).growingThreshold(Duration.ofMillis(300)).build()) {
            Collector events = new Collector();
            try (StorageScanner.PeriodicScan periodic = s.startPeriodic(Duration.ofHours(1), events)) {
                awaitFirstPass(periodic);
                Path growing = root.resolve("growing.mov");
                Files.writeString(growing, "still being written");
                // A time in the future: the threshold counts from the first observation, whenever that is.
                Files.setLastModifiedTime(growing, FileTime.from(Instant.now().plusSeconds(3600)));
                events.awaitLine("GROWING growing.mov");
                events.awaitLine("NEW growing.mov"); // no full pass for an hour: the recheck found it
            }
        }
    }

    @Test
    void scanChanges_runsAPartialPassOverWhatChanged_forCallersWithTheirOwnLoop() throws Exception {
        write("old/a.mov", "a");
        write("other/b.mov", "b");
        try (FileSystemScanner s = builder().watch(true).build()) {
            assertEquals(List.of("NEW old/a.mov", "NEW other/b.mov"), lines(s::scanOnce));
            write("old/new.mov", "n");
            Recorder r = new Recorder();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            FileSystemScanner.ChangeScan done = new FileSystemScanner.ChangeScan(null, false);
            while (done.partialPass() == null && System.nanoTime() < deadline) {
                done = s.scanChanges(Duration.ofSeconds(1), r);
                assertEquals(false, done.fullPassNeeded());
            }
            assertEquals(List.of("NEW old/new.mov"), r.lines());
            assertEquals(1, done.partialPass().added());
        }
        try (FileSystemScanner s = builder().watch(false).build()) {
            assertEquals(new FileSystemScanner.ChangeScan(null, false), s.scanChanges(Duration.ZERO, new Recorder()));
        }
    }

    private static List<String> lines(java.util.function.Function<ScanListener, ?> pass) {
        Recorder r = new Recorder();
        pass.apply(r);
        return r.lines();
    }

    @Test
    void withoutHints_aNewFileWaitsForTheNextFullPass() throws Exception {
        try (FileSystemScanner s = builder().watch(false).build()) {
            assertEquals(false, s.isWatching());
            Collector events = new Collector();
            try (StorageScanner.PeriodicScan periodic = s.startPeriodic(Duration.ofHours(1), events)) {
                awaitFirstPass(periodic);
                write("new.mov", "n");
                Thread.sleep(ChangeHints.DEFAULT_SETTLE.toMillis() * 3);
                assertEquals(List.of(), events.lines());
                periodic.scanNow();
                events.awaitLine("NEW new.mov");
            }
        }
    }

    @Test
    @Timeout(60)
    void withoutHints_wakeUpEndsAWaitInProgressOrTheNext_andCloseEndsOne() throws Exception {
        try (FileSystemScanner s = builder().watch(false).build()) {
            s.wakeUp();
            assertEquals(false, s.awaitChanges(Duration.ofHours(1))); // the wake-up made before the wait
            CompletableFuture<FileSystemScanner.ChangeScan> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.scanChanges(Duration.ofHours(1), new Recorder());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            s.wakeUp(); // made before the wait began or during it, it ends it
            assertEquals(new FileSystemScanner.ChangeScan(null, false), waiting.get());
        }
        FileSystemScanner closing = builder().watch(false).build();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return closing.awaitChanges(Duration.ofHours(1));
            } catch (InterruptedException | IllegalStateException e) {
                return null; // closed before the wait began
            }
        });
        closing.close();
        assertTrue(waiting.get() == null || !waiting.get());
    }
}
