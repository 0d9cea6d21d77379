// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.contract;

import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.FileStatus;
import io.github.iconiksdk.api.scan.ScanStateStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ScanStateStore} must do, as JUnit 5 tests: extend this class and implement {@link #open()}.
 * Each test starts with an empty store and may open it more than once (to see that writes are durable).
 */
public abstract class ScanStateStoreContract {

    /** For subclasses. */
    protected ScanStateStoreContract() {
    }

    /**
     * Opens the store under test. Within one test every call opens the same data (a reopening after
     * {@link ScanStateStore#close()}); every test starts with no data.
     *
     * @return the open store; the test closes it
     */
    protected abstract ScanStateStore open();

    /**
     * A state with a file key, no checksum and the given status.
     *
     * @param path   the path
     * @param status the status
     * @return the state
     */
    protected static FileState state(String path, FileStatus status) {
        return new FileState(path, 10, 1_000_000_123L, "(dev=1,ino=" + path.hashCode() + ")", null, 5, status);
    }

    /** Every field, nulls included, is read back as written, after reopening. */
    @Test
    public void writtenStates_surviveReopening_withEveryField() {
        FileState full = new FileState("a/b c.mov", 42, 1_700_000_000_123_456_789L, "(dev=803,ino=7)",
                "d41d8cd98f00b204e9800998ecf8427e", 1_700_000_000_000L, FileStatus.PENDING_MODIFIED);
        FileState bare = new FileState("plain", 0, -5, null, null, 0, FileStatus.MISSING);
        try (ScanStateStore s = open()) {
            s.write(List.of(full, bare), List.of());
        }
        try (ScanStateStore s = open()) {
            assertEquals(Optional.of(full), s.find("a/b c.mov"));
            assertEquals(Optional.of(bare), s.find("plain"));
            assertEquals(Optional.empty(), s.find("a/b"));
            assertEquals(2, s.count());
        }
    }

    /** Paths come back in Unicode code point order, page by page, whatever the characters. */
    @Test
    public void listing_isInCodePointOrder_pageByPage() {
        List<String> paths = List.of("a.txt", "a/b", "a0", "z", "\uFFFD", "\uD83C\uDFAC", "\u00C9", "a b", "A");
        try (ScanStateStore s = open()) {
            s.write(paths.stream().map(p -> state(p, FileStatus.DELIVERED)).collect(Collectors.toList()), List.of());
            List<String> seen = new ArrayList<>();
            String after = null;
            while (true) {
                List<FileState> page = s.list(after, 2);
                page.forEach(f -> seen.add(f.path()));
                if (page.size() < 2) {
                    break;
                }
                after = page.get(page.size() - 1).path();
            }
            List<String> expected = paths.stream().sorted(ScanStateStoreContract::byCodePoint)
                    .collect(Collectors.toList());
            assertEquals(List.of("A", "a b", "a.txt", "a/b", "a0", "z", "\u00C9", "\uFFFD", "\uD83C\uDFAC"),
                    expected, "the suite's own expectation");
            assertEquals(expected, seen);
        }
    }

    /** Listing by status and the two move lookups see only the states they are about. */
    @Test
    public void listByStatusAndMoveLookups_seeOnlyTheirStatus() {
        try (ScanStateStore s = open()) {
            FileState n = state("new.mov", FileStatus.PENDING_NEW);
            FileState d = new FileState("old.mov", n.size(), n.modifiedNanos(), n.fileKey(), null, 5,
                    FileStatus.DELIVERED);
            FileState other = new FileState("other.mov", 11, n.modifiedNanos(), "(dev=1,ino=2)", null, 5,
                    FileStatus.PENDING_NEW);
            s.write(List.of(n, d, other, state("gone.mov", FileStatus.MISSING)), List.of());
            assertEquals(List.of("gone.mov"), paths(s.listByStatus(FileStatus.MISSING, null, 10)));
            assertEquals(List.of("new.mov", "other.mov"), paths(s.listByStatus(FileStatus.PENDING_NEW, null, 10)));
            assertEquals(List.of("other.mov"), paths(s.listByStatus(FileStatus.PENDING_NEW, "new.mov", 10)));
            assertEquals(List.of("new.mov"), paths(s.listByStatus(FileStatus.PENDING_NEW, null, 1)));
            assertEquals(List.of("new.mov"), paths(s.findNewByFileKey(n.fileKey())));
            assertEquals(List.of(), s.findNewByFileKey("(dev=9,ino=9)"));
            assertEquals(List.of("new.mov"), paths(s.findNewBySizeAndModified(10, 1_000_000_123L)));
            assertEquals(List.of(), s.findNewBySizeAndModified(10, 1_000_000_124L));
        }
    }

    /** One write applies its deletions and upserts together; an upsert replaces the state at its path. */
    @Test
    public void deletesAndUpserts_applyTogether_andUpsertsReplace() {
        try (ScanStateStore s = open()) {
            s.write(List.of(state("a", FileStatus.DELIVERED), state("b", FileStatus.DELIVERED)), List.of());
            FileState b2 = state("b", FileStatus.PENDING_MODIFIED).withChecksum("0123456789abcdef0123456789abcdef");
            s.write(List.of(state("c", FileStatus.DELIVERED), b2), List.of("a", "never-there"));
            assertEquals(List.of("b", "c"), paths(s.list(null, 10)));
            assertEquals(Optional.of(b2), s.find("b"));
            assertEquals(2, s.count());
        }
    }

    /** A path deleted and written again in one batch ends up written (a move onto a path seen before). */
    @Test
    public void pathDeletedAndWrittenInOneBatch_isWritten() {
        try (ScanStateStore s = open()) {
            s.write(List.of(state("x", FileStatus.DELIVERED)), List.of());
            FileState again = state("x", FileStatus.PENDING_NEW);
            s.write(List.of(again), List.of("x"));
            assertEquals(Optional.of(again), s.find("x"));
        }
    }

    /** Pages of thousands of states are complete and in order. */
    @Test
    public void largeBatch_isListedCompletely() {
        List<FileState> many = IntStream.range(0, 2500).mapToObj(i -> state(String.format("d/%05d.mov", i),
                i % 2 == 0 ? FileStatus.DELIVERED : FileStatus.PENDING_NEW)).collect(Collectors.toList());
        try (ScanStateStore s = open()) {
            s.write(many, List.of());
            assertEquals(2500, s.count());
            List<FileState> page = s.list("d/00999.mov", 1000);
            assertEquals(1000, page.size());
            assertEquals("d/01000.mov", page.get(0).path());
            assertEquals("d/01999.mov", page.get(999).path());
            assertEquals(1250, s.listByStatus(FileStatus.PENDING_NEW, null, 5000).size());
        }
    }

    /** A limit below one is refused. */
    @Test
    public void nonPositiveLimit_isRefused() {
        try (ScanStateStore s = open()) {
            assertThrows(IllegalArgumentException.class, () -> s.list(null, 0));
            assertThrows(IllegalArgumentException.class, () -> s.listByStatus(FileStatus.MISSING, null, -1));
        }
    }

    /** A closed store refuses calls with {@link IllegalStateException}. */
    @Test
    public void closedStore_refusesCalls() {
        ScanStateStore s = open();
        s.close();
        assertThrows(IllegalStateException.class, () -> s.find("a"));
        assertThrows(IllegalStateException.class, () -> s.write(List.of(state("a", FileStatus.DELIVERED)),
                List.of()));
    }

    /** An empty store lists nothing and counts zero. */
    @Test
    public void emptyStore_listsNothing() {
        try (ScanStateStore s = open()) {
            assertEquals(0, s.count());
            assertTrue(s.list(null, 10).isEmpty());
            assertTrue(s.listByStatus(FileStatus.PENDING_NEW, null, 10).isEmpty());
        }
    }

    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static List<String> paths(List<FileState> states) {
        return states.stream().map(FileState::path).collect(Collectors.toList());
    }
}
