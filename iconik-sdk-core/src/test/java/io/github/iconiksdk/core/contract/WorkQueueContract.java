// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.contract;

import io.github.iconiksdk.core.work.WorkItem;
import io.github.iconiksdk.core.work.WorkLease;
import io.github.iconiksdk.core.work.WorkQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link WorkQueue} must do, whatever keeps its items. An implementation's test extends this class and
 * says how to open a queue; each test gets a fresh storage id, so a queue on a shared database needs no cleaning.
 * (A package of its own: core's test-jar must not split a package of core's module for the modules that use it.)
 */
public abstract class WorkQueueContract {

    /** The queue under test, opened before each test. */
    protected WorkQueue queue;
    /** A storage id no other test uses. */
    protected String storage;

    /**
     * Opens a queue of the implementation under test.
     *
     * @return an open queue
     */
    protected abstract WorkQueue open();

    @BeforeEach
    void openQueue() {
        queue = open();
        storage = "storage-" + UUID.randomUUID();
    }

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    /**
     * A file work item of this test's storage.
     *
     * @param path the key
     * @return the item
     */
    protected WorkItem file(String path) {
        return WorkItem.of(storage, WorkItem.FILE, path);
    }

    /**
     * The keys of some leases.
     *
     * @param leases the leases
     * @return their items' keys, in order
     */
    protected static List<String> keys(List<WorkLease> leases) {
        return leases.stream().map(l -> l.item().key()).collect(Collectors.toList());
    }

    @Test
    void offeredItems_areClaimedOldestFirst_onlyOnce() {
        assertEquals(3, queue.offer(List.of(file("c"), file("a"), file("b"))));
        assertEquals(0, queue.offer(List.of(file("a"))));
        List<WorkLease> first = queue.claim(storage, WorkItem.FILE, 2);
        assertEquals(List.of("c", "a"), keys(first));
        first.forEach(l -> {
            assertEquals(queue.owner(), l.owner());
            assertEquals(1, l.attempt());
        });
        assertEquals(List.of("b"), keys(queue.claim(storage, WorkItem.FILE, 10)));
        assertEquals(List.of(), queue.claim(storage, WorkItem.FILE, 10));
        assertEquals(3, queue.pending(storage, WorkItem.FILE));
    }

    @Test
    void claim_seesOnlyItsStorageAndKind() {
        queue.offer(List.of(file("x"), WorkItem.of(storage, WorkItem.SCAN, ""),
                WorkItem.of(storage + "-other", WorkItem.FILE, "y")));
        assertEquals(List.of("x"), keys(queue.claim(storage, WorkItem.FILE, 10)));
        assertEquals(List.of(""), keys(queue.claim(storage, WorkItem.SCAN, 10)));
        assertEquals(1, queue.pending(storage + "-other", WorkItem.FILE));
    }

    @Test
    void complete_removesTheItem_andCarriesThePayload() {
        queue.offer(List.of(new WorkItem(storage, WorkItem.FILE, "a", "{\"size\":5}")));
        WorkLease lease = queue.claim(storage, WorkItem.FILE, 1).get(0);
        assertEquals("{\"size\":5}", lease.item().payload());
        assertTrue(queue.complete(lease));
        assertEquals(0, queue.pending(storage, WorkItem.FILE));
        assertFalse(queue.complete(lease), "a lease completes once");
        assertEquals(1, queue.offer(List.of(file("a"))), "finished work may be offered again");
    }

    @Test
    void offeredAgainWhileLeased_comesBackAfterCompletion_withTheNewPayload() {
        queue.offer(List.of(file("a")));
        WorkLease lease = queue.claim(storage, WorkItem.FILE, 1).get(0);
        assertEquals(0, queue.offer(List.of(new WorkItem(storage, WorkItem.FILE, "a", "changed"))));
        assertEquals(List.of(), queue.claim(storage, WorkItem.FILE, 1), "still leased");
        assertTrue(queue.complete(lease));
        List<WorkLease> again = queue.claim(storage, WorkItem.FILE, 1);
        assertEquals(List.of("a"), keys(again));
        assertEquals("changed", again.get(0).item().payload());
        assertEquals(2, again.get(0).attempt());
    }

    @Test
    void confirm_holdsOnlyForTheCurrentClaim() {
        queue.offer(List.of(file("a")));
        WorkLease first = queue.claim(storage, WorkItem.FILE, 1).get(0);
        assertTrue(queue.confirm(first), "a fresh lease is held");
        queue.release(first);
        assertFalse(queue.confirm(first), "a released lease is no longer held");
        WorkLease second = queue.claim(storage, WorkItem.FILE, 1).get(0);
        assertFalse(queue.confirm(first), "the earlier claim's token is stale");
        assertTrue(queue.confirm(second));
        assertTrue(queue.complete(second));
        assertFalse(queue.confirm(second), "a completed lease is no longer held");
    }

    @Test
    void released_isClaimableAtOnce_withTheAttemptCounted() {
        queue.offer(List.of(file("a")));
        queue.release(queue.claim(storage, WorkItem.FILE, 1).get(0));
        List<WorkLease> again = queue.claim(storage, WorkItem.FILE, 1);
        assertEquals(List.of("a"), keys(again));
        assertEquals(2, again.get(0).attempt());
    }

    @Test
    void concurrentClaims_neverHandTheSameItemOutTwice() throws Exception {
        int items = 400;
        queue.offer(IntStream.range(0, items).mapToObj(i -> file("f" + i)).collect(Collectors.toList()));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    List<WorkLease> got = queue.claim(storage, WorkItem.FILE, 7);
                    if (got.isEmpty()) {
                        return;
                    }
                    for (WorkLease l : got) {
                        if (!seen.add(l.item().key())) {
                            duplicates.add(l.item().key());
                        }
                        queue.complete(l);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), duplicates);
        assertEquals(items, seen.size());
        assertEquals(0, queue.pending(storage, WorkItem.FILE));
    }

    @Test
    void closedQueue_refusesCalls() {
        queue.close();
        assertThrows(IllegalStateException.class, () -> queue.offer(List.of(file("a"))));
        assertThrows(IllegalStateException.class, () -> queue.claim(storage, WorkItem.FILE, 1));
        queue.close();
    }

    @Test
    void ownerNames_differBetweenQueues() {
        try (WorkQueue other = open()) {
            assertFalse(other.owner().equals(queue.owner()));
            assertEquals(new HashSet<>(List.of(queue.owner(), other.owner())).size(), 2);
        }
    }
}
