// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.core.work.WorkItem;
import io.github.iconiksdk.core.work.WorkLease;
import io.github.iconiksdk.core.work.WorkQueue;
import io.github.iconiksdk.core.contract.WorkQueueContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PostgresWorkQueue} against the {@link WorkQueueContract} and in a fleet of queues, on a real server. */
class PostgresWorkQueueTest extends WorkQueueContract {

    private static PostgresStateDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = PostgresStateDatabase.open(PostgresTestServer.freshSchemaUrl());
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected WorkQueue open() {
        return database.workQueue(Duration.ofSeconds(60));
    }

    /** Ends the leases of an owner now, as the passing of the lease time would. */
    private static void expireLeasesOf(String owner) throws Exception {
        try (Connection c = PostgresTestServer.jdbc();
             PreparedStatement st = c.prepareStatement("UPDATE " + database.schema() + ".work_items"
                     + " SET lease_until = clock_timestamp() - interval '1 second' WHERE owner = ?")) {
            st.setString(1, owner);
            st.executeUpdate();
        }
    }

    @Test
    void aStalledGatewaysFence_refusesItsCommitOnceAnotherTookTheItem_andRenewsOtherwise() throws Exception {
        PostgresWorkQueue stalled = database.workQueue(Duration.ofSeconds(60));
        try {
            stalled.offer(List.of(file("a"), file("b")));
            List<WorkLease> held = stalled.claim(storage, WorkItem.FILE, 2);
            expireLeasesOf(stalled.owner()); // it stalled past its lease: renewal did not run
            List<WorkLease> taken = queue.claim(storage, WorkItem.FILE, 1);
            assertEquals(List.of("a"), keys(taken), "the other takes the oldest run-out lease");
            assertFalse(stalled.confirm(held.get(0)), "a taken-over item fences its stalled holder out");
            assertTrue(stalled.confirm(held.get(1)), "an item nobody took is still the stalled holder's");
            assertEquals(List.of(), queue.claim(storage, WorkItem.FILE, 1), "confirmed: its lease runs again");
            assertTrue(queue.confirm(taken.get(0)));
            assertTrue(queue.complete(taken.get(0)));
            assertTrue(stalled.complete(held.get(1)));
        } finally {
            stalled.close();
        }
    }

    @Test
    void aDeadGatewaysLeases_areTakenOverOnceTheyRunOut_andItsLateCompletionIsRefused() throws Exception {
        PostgresWorkQueue dead = database.workQueue(Duration.ofSeconds(60));
        dead.offer(List.of(file("a"), file("b"), file("c")));
        List<WorkLease> held = dead.claim(storage, WorkItem.FILE, 2);
        dead.abandon();
        assertEquals(List.of("c"), keys(queue.claim(storage, WorkItem.FILE, 10)), "live leases are not taken");
        expireLeasesOf(dead.owner());
        List<WorkLease> taken = queue.claim(storage, WorkItem.FILE, 10);
        assertEquals(List.of("a", "b"), keys(taken));
        taken.forEach(l -> assertEquals(2, l.attempt()));
        PostgresWorkQueue revenant = database.workQueue(Duration.ofSeconds(60));
        try {
            // the dead owner's lease, presented late (its fencing attempt is stale)
            WorkLease late = new WorkLease(held.get(0).item(), revenant.owner(), held.get(0).attempt());
            assertFalse(revenant.complete(late));
        } finally {
            revenant.close();
        }
        for (WorkLease l : taken) {
            assertTrue(queue.complete(l));
        }
    }

    @Test
    void renewal_keepsLeasesAlive_pastTheirFirstEnd() throws Exception {
        queue.offer(List.of(file("a")));
        List<WorkLease> held = queue.claim(storage, WorkItem.FILE, 1);
        expireLeasesOf(queue.owner());
        assertEquals(1, ((PostgresWorkQueue) queue).renewLeases());
        try (WorkQueue other = open()) {
            assertEquals(List.of(), other.claim(storage, WorkItem.FILE, 10));
        }
        assertTrue(queue.complete(held.get(0)));
    }

    @Test
    void close_releasesTheLeases_forOthersAtOnce() {
        WorkQueue leaving = open();
        leaving.offer(List.of(file("a")));
        leaving.claim(storage, WorkItem.FILE, 1);
        leaving.close();
        assertEquals(List.of("a"), keys(queue.claim(storage, WorkItem.FILE, 1)));
    }

    @Test
    void threeGateways_claimingAtOnce_shareTheWork_eachItemOnce() throws Exception {
        int items = 600;
        queue.offer(IntStream.range(0, items).mapToObj(i -> file(String.format("f%04d", i)))
                .collect(Collectors.toList()));
        List<WorkQueue> fleet = List.of(open(), open(), open());
        List<List<String>> done = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        // what went wrong on a worker thread (an assertion there would only end that thread, and the test would
        // then report a wrong total instead of the cause)
        java.util.Queue<String> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (WorkQueue q : fleet) {
            List<String> mine = java.util.Collections.synchronizedList(new ArrayList<>());
            done.add(mine);
            for (int t = 0; t < 2; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        List<WorkLease> got;
                        while (!(got = q.claim(storage, WorkItem.FILE, 5)).isEmpty()) {
                            for (WorkLease l : got) {
                                mine.add(l.item().key());
                                if (!q.complete(l)) {
                                    problems.add("could not complete " + l);
                                }
                            }
                        }
                    } catch (RuntimeException e) {
                        problems.add(e.toString());
                    }
                });
                threads.add(thread);
                thread.start();
            }
        }
        for (Thread thread : threads) {
            thread.join(60_000);
            assertFalse(thread.isAlive(), "a worker still claims after 60 s");
        }
        fleet.forEach(WorkQueue::close);
        assertEquals(List.of(), List.copyOf(problems), "what the workers met");
        Set<String> all = new HashSet<>();
        int total = 0;
        for (List<String> mine : done) {
            all.addAll(mine);
            total += mine.size();
        }
        assertEquals(items, total, "no item was handed out twice");
        assertEquals(items, all.size());
        assertEquals(0, queue.pending(storage, WorkItem.FILE));
    }
}
