// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.FileStatus;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands events to the listener in the order they were produced, computing missing checksums on a bounded pool
 * ahead of delivery, and records each delivered change in the write batch only after the listener returned.
 */
final class Deliverer {

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[Md5.BUFFER_SIZE]);

    /** What hashing found. */
    private static final class Hashed {
        final String md5;
        final String unreadable;
        final BasicFileAttributes changedTo;

        Hashed(String md5, String unreadable, BasicFileAttributes changedTo) {
            this.md5 = md5;
            this.unreadable = unreadable;
            this.changedTo = changedTo;
        }
    }

    /**
     * A leaf folder whose digest may be recorded once its files' changes are all delivered: cleared when one of
     * them ends as a notice instead (unreadable, or changed while being hashed).
     */
    static final class Leaf {
        final String folder;
        final byte[] digest;
        boolean clean = true;

        Leaf(String folder, byte[] digest) {
            this.folder = folder;
            this.digest = digest;
        }
    }

    private static final class Item {
        final ScanEvent.Notice notice;
        final ChangeType type;
        final FileState state;
        final CompletableFuture<Hashed> hashing;
        /** The leaf folder the change belongs to, or (with no type, state or notice) whose digest to record. */
        final Leaf leaf;

        Item(ScanEvent.Notice notice, ChangeType type, FileState state, CompletableFuture<Hashed> hashing,
             Leaf leaf) {
            this.notice = notice;
            this.type = type;
            this.state = state;
            this.hashing = hashing;
            this.leaf = leaf;
        }
    }

    private final Path root;
    private final ScanListener listener;
    private final WriteBatch batch;
    private final ExecutorService hashPool;
    private final int window;
    private final boolean checksums;
    private final PassCounts counts;
    private final long nowMillis;
    private final LinkOption[] linkOptions;
    private final Deque<Item> queue = new ArrayDeque<>();

    Deliverer(Path root, ScanListener listener, WriteBatch batch, ExecutorService hashPool, int window,
              boolean checksums, boolean followLinks, PassCounts counts, long nowMillis) {
        this.linkOptions = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        this.root = root;
        this.listener = listener;
        this.batch = batch;
        this.hashPool = hashPool;
        this.window = Math.max(1, window);
        this.checksums = checksums;
        this.counts = counts;
        this.nowMillis = nowMillis;
    }

    /** Queues a GROWING notice: the file as observed. */
    void growing(String path, long size, long modifiedNanos) {
        enqueue(new Item(new ScanEvent.Growing(path, size, instant(modifiedNanos)), null, null, null, null));
    }

    /** Queues an UNREADABLE notice. */
    void unreadable(String path, String reason) {
        enqueue(new Item(unreadableNotice(path, reason), null, null, null, null));
    }

    private static ScanEvent.Unreadable unreadableNotice(String path, String reason) {
        return new ScanEvent.Unreadable(path, reason != null ? reason : "unreadable (no reason given)");
    }

    /** Queues NEW or MODIFIED of a stable file; its checksum is computed ahead if missing. */
    void change(ChangeType type, FileState state) {
        change(type, state, null);
    }

    /**
     * Queues NEW or MODIFIED of a stable file of a leaf folder; its checksum is computed ahead if missing.
     *
     * @param leaf the folder, told if the change ends as a notice instead; {@code null} for none
     */
    void change(ChangeType type, FileState state, Leaf leaf) {
        CompletableFuture<Hashed> hashing = null;
        if (checksums && state.checksum() == null) {
            hashing = CompletableFuture.supplyAsync(() -> hash(state), hashPool);
        }
        enqueue(new Item(null, type, state, hashing, leaf));
    }

    /** Records the leaf folder's digest after everything queued, if every change of the folder was delivered. */
    void leafDone(Leaf leaf) {
        enqueue(new Item(null, null, null, null, leaf));
    }

    /** Delivers MOVED now (after everything queued), so that the batch shows the target as taken. */
    void moved(FileState target, FileState source) {
        drain();
        String checksum = target.checksum() != null ? target.checksum() : source.checksum();
        FileState moved = target.withChecksum(checksum).withStatus(FileStatus.DELIVERED);
        listener.onEvent(ScanEvent.Change.moved(source.path(), target.path(), target.size(),
                instant(target.modifiedNanos()), checksum));
        counts.moved++;
        batch.delete(source.path());
        batch.put(moved);
    }

    /** Delivers REMOVED now (after everything queued). */
    void removed(FileState gone) {
        drain();
        // What it was when last reported: it is gone, so nothing can be read again.
        listener.onEvent(ScanEvent.Change.of(ChangeType.REMOVED, gone.path(), gone.size(),
                instant(gone.modifiedNanos()), gone.checksum()));
        counts.removed++;
        batch.delete(gone.path());
    }

    /** Computes a checksum in the calling thread (move detection without file keys). */
    String checksumNow(FileState state) {
        Hashed h = hash(state);
        return h.md5;
    }

    /** Delivers everything queued. */
    void drain() {
        while (!queue.isEmpty()) {
            deliver(queue.removeFirst());
        }
    }

    private void enqueue(Item item) {
        queue.addLast(item);
        while (!queue.isEmpty() && (queue.size() > window || ready(queue.peekFirst()))) {
            deliver(queue.removeFirst());
        }
    }

    private static boolean ready(Item item) {
        return item.hashing == null || item.hashing.isDone();
    }

    private void deliver(Item item) {
        if (item.notice != null) {
            deliverNotice(item.notice);
            return;
        }
        if (item.type == null) {
            if (item.leaf.clean) {
                batch.putDigest(item.leaf.folder, item.leaf.digest);
            }
            return;
        }
        FileState state = item.state;
        if (item.hashing != null) {
            Hashed h = await(item.hashing, state.path());
            if (h.unreadable != null || h.changedTo != null) {
                spoil(item.leaf);
            }
            if (h.unreadable != null) {
                // The stored state is left as it was: the file is tried again on the next pass.
                deliverNotice(unreadableNotice(state.path(), h.unreadable));
                return;
            }
            if (h.changedTo != null) {
                BasicFileAttributes a = h.changedTo;
                FileState observed = new FileState(state.path(), a.size(), Observation.nanos(a),
                        Observation.key(a), null, nowMillis,
                        state.status() == FileStatus.PENDING_MODIFIED ? FileStatus.PENDING_MODIFIED
                                : FileStatus.PENDING_NEW);
                batch.put(observed);
                deliverNotice(new ScanEvent.Growing(state.path(), observed.size(),
                        instant(observed.modifiedNanos())));
                return;
            }
            state = state.withChecksum(h.md5);
        }
        listener.onEvent(ScanEvent.Change.of(item.type, state.path(), state.size(),
                instant(state.modifiedNanos()), state.checksum()));
        if (item.type == ChangeType.NEW) {
            counts.added++;
        } else {
            counts.modified++;
        }
        batch.put(state.withStatus(FileStatus.DELIVERED));
    }

    private static void spoil(Leaf leaf) {
        if (leaf != null) {
            leaf.clean = false;
        }
    }

    private void deliverNotice(ScanEvent.Notice notice) {
        listener.onEvent(notice);
        if (notice instanceof ScanEvent.Growing) {
            counts.growing++;
        } else {
            counts.unreadable++;
        }
    }

    private Hashed hash(FileState state) {
        Path file = root.resolve(state.path());
        try {
            Md5.Result r = Md5.of(file, BUFFER.get());
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, linkOptions);
            if (r.bytes() != state.size() || after.size() != state.size()
                    || Observation.nanos(after) != state.modifiedNanos()) {
                return new Hashed(null, null, after);
            }
            return new Hashed(r.hex(), null, null);
        } catch (IOException e) {
            return new Hashed(null, TreeWalker.describe(e), null);
        }
    }

    private static Hashed await(CompletableFuture<Hashed> f, String path) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IconikException("scan interrupted while hashing " + path, e);
        } catch (ExecutionException e) {
            throw new IconikException("checksum of " + path + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, TimeUnit.SECONDS.toNanos(1)),
                Math.floorMod(nanos, TimeUnit.SECONDS.toNanos(1)));
    }
}
