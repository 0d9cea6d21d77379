// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link WorkQueue} of one process, in memory: the default when no fleet shares the work. Its leases never run
 * out while the queue is open (a worker of this process cannot die without the process, whose restart starts from
 * the stores, not from this queue); {@link #close()} releases them.
 */
public final class LocalWorkQueue implements WorkQueue {

    /** The lease time reported when none is given: the default of the {@code work-lease-seconds} setting. */
    public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(60);

    private record Slot(String storageId, String kind) {
    }

    private record Key(String storageId, String kind, String key) {
        static Key of(WorkItem item) {
            return new Key(item.storageId(), item.kind(), item.key());
        }
    }

    private static final class Entry {
        WorkItem item;
        boolean leased;
        boolean offeredAgain;
        int attempts;

        Entry(WorkItem item) {
            this.item = item;
        }
    }

    private final String owner = WorkQueue.newOwnerName();
    private final Map<Key, Entry> entries = new HashMap<>();
    /** Unleased items per storage and kind, in the order they were offered. */
    private final Map<Slot, LinkedHashSet<Key>> available = new HashMap<>();
    private boolean closed;

    /** Creates an empty queue. */
    public LocalWorkQueue() {
    }

    @Override
    public synchronized int offer(Collection<WorkItem> items) {
        Objects.requireNonNull(items, "items");
        ensureOpen();
        int added = 0;
        for (WorkItem item : items) {
            Key key = Key.of(item);
            Entry e = entries.get(key);
            if (e == null) {
                entries.put(key, new Entry(item));
                available.computeIfAbsent(new Slot(item.storageId(), item.kind()), s -> new LinkedHashSet<>())
                        .add(key);
                added++;
            } else {
                e.item = item;
                if (e.leased) {
                    e.offeredAgain = true;
                }
            }
        }
        return added;
    }

    @Override
    public synchronized List<WorkLease> claim(String storageId, String kind, int max) {
        Objects.requireNonNull(storageId, "storageId");
        Objects.requireNonNull(kind, "kind");
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        ensureOpen();
        List<WorkLease> out = new ArrayList<>();
        LinkedHashSet<Key> free = available.get(new Slot(storageId, kind));
        if (free == null) {
            return out;
        }
        for (Iterator<Key> it = free.iterator(); it.hasNext() && out.size() < max; ) {
            Entry e = entries.get(it.next());
            it.remove();
            e.leased = true;
            e.offeredAgain = false;
            e.attempts++;
            out.add(new WorkLease(e.item, owner, e.attempts));
        }
        return out;
    }

    @Override
    public synchronized boolean complete(WorkLease lease) {
        Objects.requireNonNull(lease, "lease");
        ensureOpen();
        Key key = Key.of(lease.item());
        Entry e = entries.get(key);
        if (e == null || !e.leased || !owner.equals(lease.owner())) {
            return false;
        }
        if (e.offeredAgain) {
            makeAvailable(key, e);
        } else {
            entries.remove(key);
        }
        return true;
    }

    @Override
    public synchronized boolean confirm(WorkLease lease) {
        Objects.requireNonNull(lease, "lease");
        ensureOpen();
        Entry e = entries.get(Key.of(lease.item()));
        return e != null && e.leased && e.attempts == lease.attempt() && owner.equals(lease.owner());
    }

    @Override
    public synchronized void release(WorkLease lease) {
        Objects.requireNonNull(lease, "lease");
        ensureOpen();
        Key key = Key.of(lease.item());
        Entry e = entries.get(key);
        if (e != null && e.leased && owner.equals(lease.owner())) {
            makeAvailable(key, e);
        }
    }

    @Override
    public synchronized long pending(String storageId, String kind) {
        ensureOpen();
        return entries.keySet().stream().filter(k -> k.storageId().equals(storageId) && k.kind().equals(kind))
                .count();
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Duration leaseTime() {
        return DEFAULT_LEASE_TIME;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /**
     * Names the queue's owner and size.
     *
     * @return a description
     */
    @Override
    public synchronized String toString() {
        return "LocalWorkQueue[" + owner + ", " + entries.size() + " items]";
    }

    private void makeAvailable(Key key, Entry e) {
        e.leased = false;
        e.offeredAgain = false;
        available.computeIfAbsent(new Slot(key.storageId(), key.kind()), s -> new LinkedHashSet<>()).add(key);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("work queue " + owner + " is closed");
        }
    }
}
