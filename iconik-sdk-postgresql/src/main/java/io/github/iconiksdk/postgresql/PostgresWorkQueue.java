// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.core.work.WorkItem;
import io.github.iconiksdk.core.work.WorkLease;
import io.github.iconiksdk.core.work.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link WorkQueue} a fleet of gateways shares, on PostgreSQL's own primitives rather than a protocol of our
 * own: a worker claims rows of table {@code work_items} with {@code SELECT … FOR UPDATE SKIP LOCKED} (concurrent
 * claims never wait for, nor take, each other's rows) and marks them with its name and a lease end. A background
 * thread renews every lease of this queue each third of the lease time; a gateway that dies stops renewing, and
 * once its leases have run out any other gateway's claim takes the rows. Lease ends are the server's clock
 * ({@code clock_timestamp()}), so the gateways' clocks need not agree.
 *
 * <p>The attempt count is the fencing token: {@link #complete} and {@link #release} act only if the row still
 * carries this owner and attempt, so a worker that stalled past its lease learns that it lost the item.
 *
 * <p>Created by {@link PostgresStateDatabase#workQueue(Duration)}; thread-safe. {@link #close()} releases the
 * leases still held (stop the workers first) so that the others take the work over at once.
 */
public final class PostgresWorkQueue implements WorkQueue {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresWorkQueue.class);
    /** Rows per INSERT of an offer: keeps one statement's arrays moderate. */
    private static final int OFFER_CHUNK = 1000;

    private final PostgresStateDatabase database;
    private final String owner = WorkQueue.newOwnerName();
    private final Duration leaseTime;
    private final ScheduledExecutorService renewer;
    private volatile boolean closed;

    PostgresWorkQueue(PostgresStateDatabase database, Duration leaseTime) {
        this.database = database;
        this.leaseTime = leaseTime;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "work-lease-renewer");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, leaseTime.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public int offer(Collection<WorkItem> items) {
        Objects.requireNonNull(items, "items");
        ensureOpen();
        // ON CONFLICT cannot touch one row twice in a statement: the last offer of a key wins.
        Map<List<String>, WorkItem> unique = new LinkedHashMap<>();
        for (WorkItem item : items) {
            unique.put(List.of(item.storageId(), item.kind(), item.key()), item);
        }
        List<WorkItem> all = new ArrayList<>(unique.values());
        int added = 0;
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO work_items (storage_id, kind, key, payload)"
                     + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])"
                     + " ON CONFLICT (storage_id, kind, key) DO UPDATE SET payload = excluded.payload,"
                     + " offered_again = work_items.offered_again OR (work_items.owner IS NOT NULL"
                     + " AND work_items.lease_until >= clock_timestamp())"
                     + " RETURNING (xmax = 0)")) {
            for (int from = 0; from < all.size(); from += OFFER_CHUNK) {
                List<WorkItem> chunk = all.subList(from, Math.min(all.size(), from + OFFER_CHUNK));
                st.setArray(1, texts(c, chunk, WorkItem::storageId));
                st.setArray(2, texts(c, chunk, WorkItem::kind));
                st.setArray(3, texts(c, chunk, WorkItem::key));
                st.setArray(4, texts(c, chunk, WorkItem::payload));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(1)) {
                            added++;
                        }
                    }
                }
            }
            return added;
        } catch (SQLException e) {
            throw failure("offer work to", e);
        }
    }

    @Override
    public List<WorkLease> claim(String storageId, String kind, int max) {
        Objects.requireNonNull(storageId, "storageId");
        Objects.requireNonNull(kind, "kind");
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("WITH picked AS ("
                     + " SELECT storage_id, kind, key FROM work_items"
                     + " WHERE storage_id = ? AND kind = ? AND (lease_until IS NULL OR lease_until < clock_timestamp())"
                     + " ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)"
                     + " UPDATE work_items w SET owner = ?, lease_until = clock_timestamp() + ? * interval '1 millisecond',"
                     + " attempts = w.attempts + 1, offered_again = false"
                     + " FROM picked WHERE w.storage_id = picked.storage_id AND w.kind = picked.kind"
                     + " AND w.key = picked.key"
                     + " RETURNING w.seq, w.key, w.payload, w.attempts")) {
            st.setString(1, storageId);
            st.setString(2, kind);
            st.setInt(3, max);
            st.setString(4, owner);
            st.setLong(5, leaseTime.toMillis());
            List<long[]> order = new ArrayList<>();
            List<WorkLease> leases = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    order.add(new long[] {rs.getLong(1), leases.size()});
                    leases.add(new WorkLease(new WorkItem(storageId, kind, rs.getString(2), rs.getString(3)), owner,
                            rs.getInt(4)));
                }
            }
            // RETURNING has no order: hand the leases out oldest offer first, as the SELECT chose them.
            order.sort(Comparator.comparingLong(a -> a[0]));
            List<WorkLease> sorted = new ArrayList<>(leases.size());
            for (long[] o : order) {
                sorted.add(leases.get((int) o[1]));
            }
            return sorted;
        } catch (SQLException e) {
            throw failure("claim work from", e);
        }
    }

    @Override
    public boolean complete(WorkLease lease) {
        Objects.requireNonNull(lease, "lease");
        ensureOpen();
        if (!owner.equals(lease.owner())) {
            return false;
        }
        String match = " WHERE storage_id = ? AND kind = ? AND key = ? AND owner = ? AND attempts = ?";
        try (Connection c = database.connection()) {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM work_items" + match
                    + " AND NOT offered_again")) {
                bind(st, lease);
                if (st.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE work_items SET owner = NULL, lease_until = NULL,"
                    + " offered_again = false" + match + " AND offered_again")) {
                bind(st, lease);
                return st.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw failure("complete work in", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement: the row's lease is renewed only while it carries this owner and attempt (the fencing
     * token), whether or not its lease time has passed: no other worker took it if the attempt is unchanged.
     */
    @Override
    public boolean confirm(WorkLease lease) {
        Objects.requireNonNull(lease, "lease");
        ensureOpen();
        if (!owner.equals(lease.owner())) {
            return false;
        }
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("UPDATE work_items SET lease_until = clock_timestamp()"
                     + " + ? * interval '1 millisecond'"
                     + " WHERE storage_id = ? AND kind = ? AND key = ? AND owner = ? AND attempts = ?")) {
            st.setLong(1, leaseTime.toMillis());
            st.setString(2, lease.item().storageId());
            st.setString(3, lease.item().kind());
            st.setString(4, lease.item().key());
            st.setString(5, owner);
            st.setInt(6, lease.attempt());
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("confirm a lease in", e);
        }
    }

    @Override
    public void release(WorkLease lease) {
        Objects.requireNonNull(lease, "lease");
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("UPDATE work_items SET owner = NULL, lease_until = NULL,"
                     + " offered_again = false"
                     + " WHERE storage_id = ? AND kind = ? AND key = ? AND owner = ? AND attempts = ?")) {
            bind(st, lease);
            st.executeUpdate();
        } catch (SQLException e) {
            throw failure("release work in", e);
        }
    }

    @Override
    public long pending(String storageId, String kind) {
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT count(*) FROM work_items WHERE storage_id = ? AND kind = ?")) {
            st.setString(1, storageId);
            st.setString(2, kind);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("count work in", e);
        }
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Duration leaseTime() {
        return leaseTime;
    }

    /**
     * Renews every lease this queue holds, at once; the background thread calls it each third of the lease time.
     *
     * @return how many leases were renewed
     * @throws IconikException if the database cannot be written
     */
    public int renewLeases() {
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("UPDATE work_items SET lease_until = clock_timestamp()"
                     + " + ? * interval '1 millisecond' WHERE owner = ?")) {
            st.setLong(1, leaseTime.toMillis());
            st.setString(2, owner);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw failure("renew the leases in", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewer.shutdownNow();
        if (database.isClosed()) {
            return;
        }
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("UPDATE work_items SET owner = NULL, lease_until = NULL,"
                     + " offered_again = false WHERE owner = ?")) {
            st.setString(1, owner);
            int released = st.executeUpdate();
            if (released > 0) {
                LOG.debug("work queue {} released {} leases on close", owner, released);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("work queue {}: could not release its leases on close ({}); they run out within {}", owner,
                    e.getMessage(), leaseTime);
        }
    }

    /**
     * Names the owner and the database, without a password.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "PostgresWorkQueue[" + owner + " in " + database.describe() + ", lease " + leaseTime + "]";
    }

    /** As if the process had been killed: renewal stops, nothing is released. For tests of the take-over. */
    void abandon() {
        closed = true;
        renewer.shutdownNow();
    }

    private void renewQuietly() {
        if (closed) {
            return;
        }
        try {
            renewLeases();
        } catch (RuntimeException e) {
            // Handled: the next round tries again; if the database stays away the leases run out, and the work is
            // taken over (it is safe to do twice).
            LOG.warn("work queue {}: could not renew its leases: {}", owner, e.getMessage());
        }
    }

    private void bind(PreparedStatement st, WorkLease lease) throws SQLException {
        st.setString(1, lease.item().storageId());
        st.setString(2, lease.item().kind());
        st.setString(3, lease.item().key());
        st.setString(4, owner);
        st.setInt(5, lease.attempt());
    }

    private static Array texts(Connection c, List<WorkItem> items, java.util.function.Function<WorkItem, String> part)
            throws SQLException {
        return c.createArrayOf("text", items.stream().map(part).toArray());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("work queue " + owner + " is closed");
        }
    }

    private IconikException failure(String what, SQLException e) {
        return new IconikException("cannot " + what + " the work queue in " + database.describe() + ": "
                + e.getMessage(), e);
    }
}
