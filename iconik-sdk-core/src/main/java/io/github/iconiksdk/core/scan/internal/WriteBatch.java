// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.ScanListener;
import io.github.iconiksdk.api.scan.ScanStateStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State changes of a pass, written to the store in transactions of bounded size. Before each write the listener
 * is flushed, so that an event is recorded as delivered only once the listener has made it visible.
 */
final class WriteBatch {

    private static final FileState DELETED = null;

    private final ScanStateStore store;
    private final ScanListener listener;
    private final int limit;
    /** path to new state, or to {@code null} for a deletion; a later change of a path replaces an earlier one */
    private final Map<String, FileState> changes = new LinkedHashMap<>();
    /** Leaf folder digests to record with the changes, written after them ({@link FolderDigests}). */
    private final Map<String, byte[]> digests = new LinkedHashMap<>();

    WriteBatch(ScanStateStore store, ScanListener listener, int limit) {
        this.store = store;
        this.listener = listener;
        this.limit = limit;
    }

    void put(FileState state) {
        forgetDigestsAbove(state.path());
        changes.put(state.path(), state);
        commitIfFull();
    }

    void delete(String path) {
        forgetDigestsAbove(path);
        changes.put(path, DELETED);
        commitIfFull();
    }

    /** Whether the store can keep folder digests. */
    boolean keepsDigests() {
        return store instanceof FolderDigests;
    }

    /**
     * Records a leaf folder's digest with this batch, after the changes already in it (a later change below the
     * folder drops it again).
     */
    void putDigest(String folder, byte[] digest) {
        if (keepsDigests()) {
            digests.put(folder, digest);
            commitIfFull();
        }
    }

    private void forgetDigestsAbove(String path) {
        if (digests.isEmpty()) {
            return;
        }
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            digests.remove(path.substring(0, slash));
        }
        digests.remove("");
    }

    /** Whether this batch, not yet written, already changes {@code path}. */
    boolean touches(String path) {
        return changes.containsKey(path);
    }

    void commit() {
        if (changes.isEmpty() && digests.isEmpty()) {
            return;
        }
        listener.flush();
        List<FileState> upserts = new ArrayList<>(changes.size());
        List<String> deletes = new ArrayList<>();
        for (Map.Entry<String, FileState> e : changes.entrySet()) {
            if (e.getValue() == DELETED) {
                deletes.add(e.getKey());
            } else {
                upserts.add(e.getValue());
            }
        }
        if (digests.isEmpty()) {
            store.write(upserts, deletes);
        } else {
            ((FolderDigests) store).write(upserts, deletes, new LinkedHashMap<>(digests));
        }
        changes.clear();
        digests.clear();
    }

    private void commitIfFull() {
        if (changes.size() + digests.size() >= limit) {
            commit();
        }
    }
}
