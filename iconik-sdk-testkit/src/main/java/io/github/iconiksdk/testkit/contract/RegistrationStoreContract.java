// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.contract;

import io.github.iconiksdk.api.upload.RegistrationEntry;
import io.github.iconiksdk.api.upload.RegistrationStep;
import io.github.iconiksdk.api.upload.RegistrationStore;
import io.github.iconiksdk.api.upload.UploadRecord;
import io.github.iconiksdk.api.upload.UploadWork;
import io.github.iconiksdk.api.upload.VersionRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link RegistrationStore} must do, as JUnit 5 tests: extend this class and implement {@link #open()}.
 * Each test starts with an empty store and may open it more than once (to see that writes are durable).
 */
public abstract class RegistrationStoreContract {

    /** For subclasses. */
    protected RegistrationStoreContract() {
    }

    /**
     * Opens the store under test. Within one test every call opens the same data (a reopening after
     * {@link RegistrationStore#close()}); every test starts with no data.
     *
     * @return the open store; the test closes it
     */
    protected abstract RegistrationStore open();

    /**
     * An entry at a step, with every id that step implies.
     *
     * @param path the path
     * @param step the last step completed
     * @return the entry
     */
    protected static RegistrationEntry entry(String path, RegistrationStep step) {
        boolean asset = step.compareTo(RegistrationStep.ASSET) >= 0;
        return new RegistrationEntry(path, "isg-key-" + path, asset ? "asset-" + path : null,
                step.compareTo(RegistrationStep.FORMAT) >= 0 ? "format-" + path : null,
                step.compareTo(RegistrationStep.FILE_SET) >= 0 ? "fileset-" + path : null,
                step.compareTo(RegistrationStep.FILE) >= 0 ? "file-" + path : null,
                step, false, asset, 1234, 1_700_000_000_123L, null, null);
    }

    private static UploadRecord upload(String path, String slot, UploadRecord.State state) {
        return new UploadRecord(path, slot, "md5:0123", state == UploadRecord.State.PENDING ? null : "obj-" + slot,
                state, null, null, 0, null);
    }

    /** Every field, nulls included, is read back as written, after reopening. */
    @Test
    public void savedEntries_surviveReopening_withEveryField() {
        RegistrationEntry full = new RegistrationEntry("a/b c.mov", "k1", "as1", "fo1", "fs1", "fi1",
                RegistrationStep.METADATA, true, true, 42, 1_700_000_000_999L, "d41d8cd98f00b204e9800998ecf8427e",
                "h1");
        RegistrationEntry bare = new RegistrationEntry("\u00C9t\u00E9/\uD83C\uDFAC.mxf", "k2", null, null, null, null,
                RegistrationStep.KEY_CHOSEN, false, false, 0, 0, null, null);
        try (RegistrationStore s = open()) {
            s.save(full);
            s.save(bare);
        }
        try (RegistrationStore s = open()) {
            assertEquals(Optional.of(full), s.find("a/b c.mov"));
            assertEquals(Optional.of(bare), s.find(bare.path()));
            assertEquals(Optional.empty(), s.find("a/b"));
        }
    }

    /** Saving at a path replaces the entry there. */
    @Test
    public void save_replacesTheEntryAtItsPath() {
        try (RegistrationStore s = open()) {
            s.save(entry("x.mov", RegistrationStep.ASSET));
            RegistrationEntry later = entry("x.mov", RegistrationStep.DONE);
            s.save(later);
            assertEquals(Optional.of(later), s.find("x.mov"));
            assertEquals(List.of(), s.unfinished());
        }
    }

    /** Unfinished lists every entry not DONE, in path order, whatever its step. */
    @Test
    public void unfinished_listsEveryEntryNotDone_inPathOrder() {
        try (RegistrationStore s = open()) {
            s.save(entry("c", RegistrationStep.FILE));
            s.save(entry("a", RegistrationStep.KEY_CHOSEN));
            s.save(entry("b", RegistrationStep.DONE));
            s.save(entry("d", RegistrationStep.ACCESS));
            assertEquals(List.of("a", "c", "d"),
                    s.unfinished().stream().map(RegistrationEntry::path).collect(Collectors.toList()));
        }
    }

    /** A move takes the entry, its uploads, confirmed parts and work along, replacing what was at the target. */
    @Test
    public void move_takesEverythingOfTheFileAlong_andReplacesTheTarget() {
        try (RegistrationStore s = open()) {
            s.save(entry("old/a.mov", RegistrationStep.DONE));
            s.saveUpload(upload("old/a.mov", "PROXY", UploadRecord.State.CLOSED));
            s.savePart("old/a.mov", "ORIGINAL", 1, "etag-1");
            s.saveWork(new UploadWork("old/a.mov", "ORIGINAL", "md5:0123", UploadWork.State.WANTED));
            s.save(entry("new/a.mov", RegistrationStep.FILE));
            s.saveUpload(upload("new/a.mov", "PROXY", UploadRecord.State.PENDING));
            s.saveUpload(upload("new/a.mov", "POSTER", UploadRecord.State.CLOSED));

            RegistrationEntry moved = new RegistrationEntry("new/a.mov", "isg-key-old/a.mov", "asset-old/a.mov",
                    "format-old/a.mov", "fileset-old/a.mov", "file-old/a.mov", RegistrationStep.DONE, false, true,
                    1234, 1_700_000_000_123L, null, null);
            s.move("old/a.mov", moved);

            assertEquals(Optional.empty(), s.find("old/a.mov"));
            assertEquals(Optional.of(moved), s.find("new/a.mov"));
            assertEquals(List.of(), s.uploads("old/a.mov"));
            List<UploadRecord> uploads = s.uploads("new/a.mov");
            assertEquals(1, uploads.size(), uploads.toString());
            assertEquals(new UploadRecord("new/a.mov", "PROXY", "md5:0123", "obj-PROXY", UploadRecord.State.CLOSED,
                    null, null, 0, null), uploads.get(0));
            assertEquals(Map.of(1, "etag-1"), s.parts("new/a.mov", "ORIGINAL"));
            assertEquals(Map.of(), s.parts("old/a.mov", "ORIGINAL"));
            assertEquals(List.of("new/a.mov"), s.pathsWithWork("ORIGINAL", UploadWork.State.WANTED));
        }
    }

    /** Deleting forgets the registration entry only. */
    @Test
    public void delete_forgetsTheEntry() {
        try (RegistrationStore s = open()) {
            s.save(entry("a", RegistrationStep.DONE));
            s.save(entry("b", RegistrationStep.DONE));
            s.delete("a");
            s.delete("never-there");
            assertEquals(Optional.empty(), s.find("a"));
            assertTrue(s.find("b").isPresent());
        }
    }

    /** Collections are found by folder and replaced by folder; the empty folder is a folder like any other. */
    @Test
    public void collections_areRecordedPerFolder() {
        try (RegistrationStore s = open()) {
            assertEquals(Optional.empty(), s.collection(""));
            s.saveCollection("", "master");
            s.saveCollection("shoot/day 1", "c1");
            s.saveCollection("shoot/day 1", "c2");
            assertEquals(Optional.of("master"), s.collection(""));
            assertEquals(Optional.of("c2"), s.collection("shoot/day 1"));
            assertEquals(Optional.empty(), s.collection("shoot"));
        }
        try (RegistrationStore s = open()) {
            assertEquals(Optional.of("c2"), s.collection("shoot/day 1"));
        }
    }

    /**
     * Every folder's collection is listed in folder order; one forgotten is gone for good and the others stay;
     * forgetting a folder with none is no error.
     */
    @Test
    public void collections_areListed_andForgottenOneFolderAtATime() {
        try (RegistrationStore s = open()) {
            assertEquals(Map.of(), s.collections());
            s.saveCollection("/", "root");
            s.saveCollection("", "storage");
            s.saveCollection("shoot", "c1");
            s.saveCollection("shoot/day 1", "c2");
            assertEquals(List.of("", "/", "shoot", "shoot/day 1"), List.copyOf(s.collections().keySet()));
            assertEquals("c2", s.collections().get("shoot/day 1"));
            s.forgetCollection("shoot");
            s.forgetCollection("never-mapped");
        }
        try (RegistrationStore s = open()) {
            assertEquals(Map.of("/", "root", "", "storage", "shoot/day 1", "c2"), s.collections());
            assertEquals(Optional.empty(), s.collection("shoot"));
        }
    }

    /** Upload records come back in slot order with every field, replaced by slot, deleted by slot. */
    @Test
    public void uploads_areKeptPerSlot_inSlotOrder() {
        UploadRecord session = new UploadRecord("f.mov", "PROXY", "size:1:2", "p1", UploadRecord.State.CREATED,
                "https://up.example/p1?sig=x", "https://up.example/session/7", 1 << 20, "abcdef");
        try (RegistrationStore s = open()) {
            s.saveUpload(upload("f.mov", "POSTER", UploadRecord.State.PENDING));
            s.saveUpload(upload("f.mov", "KEYFRAME/0001", UploadRecord.State.UPLOADED));
            s.saveUpload(upload("f.mov", "KEYFRAME/0000", UploadRecord.State.CLOSED));
            s.saveUpload(upload("f.mov", "PROXY", UploadRecord.State.PENDING));
            s.saveUpload(session);
            s.saveUpload(upload("g.mov", "PROXY", UploadRecord.State.CLOSED));
        }
        try (RegistrationStore s = open()) {
            List<UploadRecord> got = s.uploads("f.mov");
            assertEquals(List.of("KEYFRAME/0000", "KEYFRAME/0001", "POSTER", "PROXY"),
                    got.stream().map(UploadRecord::slot).collect(Collectors.toList()));
            assertEquals(session, got.get(3));
            s.deleteUpload("f.mov", "POSTER");
            assertEquals(3, s.uploads("f.mov").size());
            assertEquals(1, s.uploads("g.mov").size());
        }
    }

    /** Confirmed parts come back in part order, per slot, and are cleared per slot. */
    @Test
    public void parts_areKeptPerSlot_inPartOrder() {
        try (RegistrationStore s = open()) {
            s.savePart("f.mov", "ORIGINAL", 10, "t10");
            s.savePart("f.mov", "ORIGINAL", 2, "t2");
            s.savePart("f.mov", "ORIGINAL", 2, "t2-again");
            s.savePart("f.mov", "PROXY", 1, "p1");
            assertEquals(List.of(2, 10), new ArrayList<>(s.parts("f.mov", "ORIGINAL").keySet()));
            assertEquals("t2-again", s.parts("f.mov", "ORIGINAL").get(2));
            s.clearParts("f.mov", "ORIGINAL");
            assertEquals(Map.of(), s.parts("f.mov", "ORIGINAL"));
            assertEquals(Map.of(1, "p1"), s.parts("f.mov", "PROXY"));
        }
    }

    /** Forgetting a file's uploads clears its uploads, parts and work, and nobody else's. */
    @Test
    public void forgetUploads_clearsOneFile() {
        try (RegistrationStore s = open()) {
            for (String p : List.of("a", "b")) {
                s.saveUpload(upload(p, "PROXY", UploadRecord.State.CLOSED));
                s.savePart(p, "ORIGINAL", 1, "t");
                s.saveWork(new UploadWork(p, "RENDITIONS", "md5:1", UploadWork.State.DONE));
            }
            s.forgetUploads("a");
            assertEquals(List.of(), s.uploads("a"));
            assertEquals(Map.of(), s.parts("a", "ORIGINAL"));
            assertEquals(Optional.empty(), s.work("a", "RENDITIONS"));
            assertEquals(1, s.uploads("b").size());
            assertEquals(Map.of(1, "t"), s.parts("b", "ORIGINAL"));
            assertTrue(s.work("b", "RENDITIONS").isPresent());
        }
    }

    /** Work is kept per path and kind, replaced there, and listed by kind and state in path order. */
    @Test
    public void work_isKeptPerPathAndKind_andListedByState() {
        try (RegistrationStore s = open()) {
            s.saveWork(new UploadWork("c", "ORIGINAL", "t", UploadWork.State.WANTED));
            s.saveWork(new UploadWork("a", "ORIGINAL", "t", UploadWork.State.WANTED));
            s.saveWork(new UploadWork("b", "ORIGINAL", "t", UploadWork.State.FAILED));
            s.saveWork(new UploadWork("a", "RENDITIONS", "t", UploadWork.State.WANTED));
            UploadWork done = new UploadWork("c", "ORIGINAL", "t2", UploadWork.State.DONE);
            s.saveWork(done);
            assertEquals(List.of("a"), s.pathsWithWork("ORIGINAL", UploadWork.State.WANTED));
            assertEquals(List.of("b"), s.pathsWithWork("ORIGINAL", UploadWork.State.FAILED));
            assertEquals(List.of("a"), s.pathsWithWork("RENDITIONS", UploadWork.State.WANTED));
            assertEquals(Optional.of(done), s.work("c", "ORIGINAL"));
            assertEquals(Optional.empty(), s.work("c", "RENDITIONS"));
        }
    }

    /** Versioning records are kept per path; starting a version resets the entry and forgets the old uploads. */
    @Test
    public void startVersion_resetsTheEntry_andForgetsTheOldVersionsUploads() {
        try (RegistrationStore s = open()) {
            s.save(entry("v.mov", RegistrationStep.DONE));
            s.saveUpload(upload("v.mov", "PROXY", UploadRecord.State.CLOSED));
            s.savePart("v.mov", "ORIGINAL", 1, "t");
            s.saveWork(new UploadWork("v.mov", "RENDITIONS", "md5:1", UploadWork.State.DONE));
            s.saveVersion(new VersionRecord("v.mov", null, "ver1", true, true));
            assertEquals(Optional.of(new VersionRecord("v.mov", null, "ver1", true, true)), s.version("v.mov"));

            RegistrationEntry reset = entry("v.mov", RegistrationStep.ASSET);
            VersionRecord next = new VersionRecord("v.mov", "ver1", null, true, false);
            s.startVersion(reset, next);
            assertEquals(Optional.of(reset), s.find("v.mov"));
            assertEquals(Optional.of(next), s.version("v.mov"));
            assertEquals(List.of(), s.uploads("v.mov"));
            assertEquals(Map.of(), s.parts("v.mov", "ORIGINAL"));
            assertEquals(Optional.empty(), s.work("v.mov", "RENDITIONS"));
        }
        try (RegistrationStore s = open()) {
            assertEquals(Optional.of(new VersionRecord("v.mov", "ver1", null, true, false)), s.version("v.mov"));
            s.forgetUploads("v.mov");
            assertEquals(Optional.empty(), s.version("v.mov"));
        }
    }

    /**
     * Calls from many threads at once all take effect (an uploader registers several files at once).
     *
     * @throws Exception when a call fails or the threads do not finish
     */
    @Test
    public void concurrentCalls_allTakeEffect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (RegistrationStore s = open()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        String path = "t" + thread + "/f" + i;
                        s.save(entry(path, RegistrationStep.ASSET));
                        s.saveUpload(upload(path, "PROXY", UploadRecord.State.PENDING));
                        s.save(entry(path, RegistrationStep.DONE));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            for (int t = 0; t < 8; t++) {
                for (int i = 0; i < 25; i++) {
                    String path = "t" + t + "/f" + i;
                    assertEquals(RegistrationStep.DONE, s.find(path).orElseThrow().step(), path);
                    assertEquals(1, s.uploads(path).size(), path);
                }
            }
            assertEquals(List.of(), s.unfinished());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A closed store refuses calls with {@link IllegalStateException}. */
    @Test
    public void closedStore_refusesCalls() {
        RegistrationStore s = open();
        s.close();
        assertThrows(IllegalStateException.class, () -> s.find("a"));
        assertThrows(IllegalStateException.class, () -> s.save(entry("a", RegistrationStep.DONE)));
    }
}
