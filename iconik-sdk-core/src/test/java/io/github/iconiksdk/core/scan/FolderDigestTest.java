// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.FileStatus;
import io.github.iconiksdk.api.scan.ScanStateStore;
import io.github.iconiksdk.core.scan.internal.FolderDigests;
import io.github.iconiksdk.core.state.SqliteScanStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Leaf folder digests (issue 17): a full pass passes over the stored rows of a folder of files whose listing is
 * unchanged, and every change inside such a folder is still reported.
 */
class FolderDigestTest {

    @TempDir
    Path tmp;
    Path root;
    CountingStore store;

    /** Counts the rows a pass reads through the merge's paged listing. */
    static final class CountingStore implements ScanStateStore, FolderDigests {
        final SqliteScanStateStore inner;
        int rowsListed;

        CountingStore(SqliteScanStateStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<FileState> find(String path) {
            return inner.find(path);
        }

        @Override
        public List<FileState> list(String afterPath, int limit) {
            List<FileState> page = inner.list(afterPath, limit);
            rowsListed += page.size();
            return page;
        }

        @Override
        public List<FileState> listByStatus(FileStatus status, String afterPath, int limit) {
            return inner.listByStatus(status, afterPath, limit);
        }

        @Override
        public List<FileState> findNewByFileKey(String fileKey) {
            return inner.findNewByFileKey(fileKey);
        }

        @Override
        public List<FileState> findNewBySizeAndModified(long size, long modifiedNanos) {
            return inner.findNewBySizeAndModified(size, modifiedNanos);
        }

        @Override
        public void write(Collection<FileState> upserts, Collection<String> deletes) {
            inner.write(upserts, deletes);
        }

        @Override
        public long count() {
            return inner.count();
        }

        @Override
        public void close() {
            // closed by the test
        }

        @Override
        public byte[] folderDigest(String folder) {
            return inner.folderDigest(folder);
        }

        @Override
        public List<FileState> listBetween(String afterPath, String beforePath, int limit) {
            List<FileState> page = inner.listBetween(afterPath, beforePath, limit);
            rowsListed += page.size();
            return page;
        }

        @Override
        public void write(Collection<FileState> upserts, Collection<String> deletes, Map<String, byte[]> digests) {
            inner.write(upserts, deletes, digests);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        store = new CountingStore(SqliteScanStateStore.open(tmp.resolve("scan.db")));
    }

    @AfterEach
    void tearDown() {
        store.inner.close();
    }

    private Recorder scan(FileSystemScanner.Builder b) {
        Recorder r = new Recorder();
        store.rowsListed = 0;
        try (FileSystemScanner s = b.build()) {
            s.scanOnce(r);
        }
        return r;
    }

    private Recorder scan() {
        return scan(FileSystemScanner.builder().root(root).store(store).growingThreshold(Duration.ZERO));
    }

    private Path write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2024-05-01T10:00:00Z")));
        return p;
    }

    private void fiveFoldersOfThreeFiles() throws IOException {
        write("top.mov", "top");
        for (String folder : List.of("a", "b", "c", "d", "shoot/e")) {
            for (int i = 1; i <= 3; i++) {
                write(folder + "/clip" + i + ".mov", folder + i);
            }
        }
    }

    @Test
    void unchangedLeafFolders_arePassedOverWithoutReadingTheirRows() throws IOException {
        fiveFoldersOfThreeFiles();
        assertEquals(16, scan().lines().size());

        assertEquals(List.of(), scan().lines());
        // Only the root's own file is read: the root and "shoot" hold folders, so they are merged row by row.
        assertEquals(1, store.rowsListed);
        assertEquals(List.of(), scan().lines());
        assertEquals(1, store.rowsListed);
    }

    @Test
    void changesInsideFoldersPassedOverBefore_areAllReported() throws Exception {
        fiveFoldersOfThreeFiles();
        scan();
        assertEquals(List.of(), scan().lines()); // the digests are in use from here on

        // a: rewritten in place, same size, new time; b: renamed inside its folder; c: one deleted;
        // d: a sub-folder appears (no longer a leaf); shoot/e: a file replaced by a folder of that name.
        Path a1 = root.resolve("a/clip1.mov");
        Files.writeString(a1, "A1");
        Files.setLastModifiedTime(a1, FileTime.from(Instant.parse("2024-06-01T10:00:00Z")));
        Files.move(root.resolve("b/clip2.mov"), root.resolve("b/clip2 renamed.mov"));
        Files.delete(root.resolve("c/clip3.mov"));
        write("d/sub/new.mov", "new");
        Files.delete(root.resolve("shoot/e/clip1.mov"));
        write("shoot/e/clip1.mov/inner.mov", "inner");

        List<String> lines = scan().lines().stream().sorted().collect(Collectors.toList());

        assertEquals(List.of("MODIFIED a/clip1.mov", "MOVED b/clip2.mov -> b/clip2 renamed.mov",
                "NEW d/sub/new.mov", "NEW shoot/e/clip1.mov/inner.mov", "REMOVED c/clip3.mov",
                "REMOVED shoot/e/clip1.mov"), lines);
        assertEquals(List.of(), scan().lines());
        assertEquals(List.of(), scan().lines());
    }

    @Test
    void aChangedFolderOfManyFiles_isMergedInPathOrder_andOnlyItsChangesAreReported() throws IOException {
        // A rescan leaves leaf listings as the file system returns them (hash order on ext4) and sorts one only
        // when its digest does not match: a merge of an unsorted listing would report most of these files.
        for (int i = 0; i < 300; i++) {
            write("card/A001C" + (i * 7919 % 1000) + "_R1.mov", "c" + i);
        }
        write("card/zz.mov", "z");
        write("other/x.mov", "x");
        scan();
        assertEquals(List.of(), scan().lines());

        Path changed = root.resolve("card/A001C919_R1.mov"); // i = 1
        Files.writeString(changed, "changed!");
        Files.delete(root.resolve("card/zz.mov"));
        write("card/0 first.mov", "first");

        assertEquals(List.of("MODIFIED card/A001C919_R1.mov", "NEW card/0 first.mov", "REMOVED card/zz.mov"),
                scan().lines().stream().sorted().collect(Collectors.toList()));
        assertEquals(List.of(), scan().lines()); // merged row by row once more, its digest recorded
        assertEquals(List.of(), scan().lines());
        assertEquals(0, store.rowsListed);
    }

    @Test
    void folderWithAGrowingFile_isNotPassedOverUntilTheFileIsDelivered() throws IOException {
        MutableClock clock = new MutableClock(Instant.now());
        write("card/old.mov", "old");
        Path fresh = root.resolve("card/fresh.mov");
        Files.writeString(fresh, "fresh");
        Files.setLastModifiedTime(fresh, FileTime.from(clock.instant()));
        FileSystemScanner.Builder b = FileSystemScanner.builder().root(root).store(store).clock(clock)
                .growingThreshold(Duration.ofSeconds(10));

        assertEquals(List.of("GROWING card/fresh.mov", "NEW card/old.mov"), scan(b).lines());
        assertEquals(List.of("GROWING card/fresh.mov"), scan(b).lines());
        clock.advance(Duration.ofSeconds(11));
        assertEquals(List.of("NEW card/fresh.mov"), scan(b).lines());
        // NEW waited for the end of that walk (a move was possible): the next pass finds the folder settled and
        // records its digest, the one after passes over it.
        assertEquals(List.of(), scan(b).lines());
        assertEquals(2, store.rowsListed);
        assertEquals(List.of(), scan(b).lines());
        assertEquals(0, store.rowsListed);
    }

    @Test
    void folderWhoseDeliveryFailed_isMergedAgainAndReportedOnTheNextPass() throws IOException {
        write("card/a.mov", "a");
        write("card/b.mov", "b");
        Recorder failing = new Recorder() {
            @Override
            public void onEvent(io.github.iconiksdk.api.scan.ScanEvent event) {
                if (event.path().endsWith("b.mov")) {
                    throw new IllegalStateException("listener down");
                }
                super.onEvent(event);
            }
        };
        try (FileSystemScanner s = FileSystemScanner.builder().root(root).store(store).batchSize(1)
                .growingThreshold(Duration.ZERO).build()) {
            s.scanOnce(failing);
        } catch (IllegalStateException expected) {
            // the pass stops at the listener's failure
        }

        assertEquals(List.of("NEW card/b.mov"), scan().lines());
        assertEquals(List.of(), scan().lines());
    }
}
