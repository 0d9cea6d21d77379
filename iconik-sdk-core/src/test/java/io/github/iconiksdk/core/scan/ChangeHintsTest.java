// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeHintsTest {

    /** A bound for a broken build, not a timing assertion: notifications arrive in milliseconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private static Set<String> awaitFolders(ChangeHints hints, String wanted) throws InterruptedException {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!seen.contains(wanted) && System.nanoTime() < deadline) {
            ChangeHints.Due due = hints.awaitDue(Duration.ofNanos(deadline - System.nanoTime()));
            assertFalse(due.fullPass());
            seen.addAll(due.folders());
        }
        return seen;
    }

    @Test
    void fileWrittenInAWatchedFolder_makesThatFolderDue_andOnlyWatchedFoldersGiveHints() throws Exception {
        Files.createDirectories(root.resolve("watched"));
        Files.createDirectories(root.resolve("other"));
        try (ChangeHints hints = ChangeHints.open(root, 100, Duration.ZERO)) {
            assertTrue(hints.watch("watched"));
            Files.writeString(root.resolve("other/x.mov"), "x");
            Files.writeString(root.resolve("watched/a.mov"), "a");

            Set<String> due = awaitFolders(hints, "watched");

            assertEquals(Set.of("watched"), due);
            assertTrue(hints.isWatched("watched"));
            assertFalse(hints.isWatched("other"));
        }
    }

    @Test
    void newSubFolder_isAHintOnItsParent() throws Exception {
        try (ChangeHints hints = ChangeHints.open(root, 100, Duration.ZERO)) {
            hints.watch("");
            Files.createDirectories(root.resolve("card/CLIP"));

            assertTrue(awaitFolders(hints, "").contains(""));
            assertFalse(hints.isWatched("card"), "the scan of the parent watches it, before listing it");
        }
    }

    @Test
    void watchedFolders_areBounded() throws Exception {
        Files.createDirectories(root.resolve("a"));
        Files.createDirectories(root.resolve("b"));
        try (ChangeHints hints = ChangeHints.open(root, 2, Duration.ZERO)) {
            assertTrue(hints.watch(""));
            assertTrue(hints.watch("a"));
            assertTrue(hints.watch("a"), "watching twice is watching once");
            assertFalse(hints.watch("b"));
            assertEquals(2, hints.watchedFolders());
        }
    }

    @Test
    void folderThatCannotBeWatched_isNotWatched() {
        try (ChangeHints hints = ChangeHints.open(root)) {
            assertFalse(hints.watch("no such folder"));
            assertFalse(hints.isWatched("no such folder"));
        }
    }

    @Test
    void recheck_makesAFolderDueAfterItsDelay_andTooManyBecomeAFullPass() throws Exception {
        try (ChangeHints hints = ChangeHints.open(root, 1, Duration.ZERO)) {
            hints.recheck("clips", Duration.ZERO);
            assertEquals(new ChangeHints.Due(Set.of("clips"), false), hints.awaitDue(PATIENCE));

            hints.recheck("later", Duration.ofHours(1));
            assertEquals(ChangeHints.Due.NOTHING, hints.awaitDue(Duration.ZERO));
            hints.recheck("one too many", Duration.ZERO);
            assertEquals(new ChangeHints.Due(Set.of(), true), hints.awaitDue(PATIENCE));
            assertEquals(ChangeHints.Due.NOTHING, hints.awaitDue(Duration.ZERO), "a full pass covers them all");
        }
    }

    @Test
    void wakeUp_endsAWaitAtOnce() throws Exception {
        try (ChangeHints hints = ChangeHints.open(root)) {
            hints.wakeUp();
            assertEquals(ChangeHints.Due.NOTHING, hints.awaitDue(Duration.ofHours(1)));
        }
    }

    @Test
    void close_endsWaitsAndWatching() throws Exception {
        ChangeHints hints = ChangeHints.open(root);
        assertTrue(hints.watch(""));
        hints.close();
        hints.close();
        assertEquals(ChangeHints.Due.NOTHING, hints.awaitDue(Duration.ofHours(1)));
        assertFalse(hints.watch(""));
        assertEquals(0, hints.watchedFolders());
    }

    @Test
    void badArguments_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChangeHints.open(root, 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ChangeHints.open(root, 1, Duration.ofMillis(-1)));
    }

    @Test
    void burstOfNotifications_isOneDueFolderAfterTheSettleTime() throws Exception {
        try (ChangeHints hints = ChangeHints.open(root, 100, Duration.ofMillis(100))) {
            hints.watch("");
            for (int i = 0; i < 50; i++) {
                Files.writeString(root.resolve("f" + i + ".mov"), "x");
            }
            Set<String> due = awaitFolders(hints, "");
            assertEquals(Set.of(""), due);
        }
    }

}
