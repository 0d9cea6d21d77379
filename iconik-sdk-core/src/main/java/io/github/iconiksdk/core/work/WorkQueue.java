// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.work;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Where the work of storages waits for a worker: scan partitions, then each file's registration, renditions and
 * upload. A worker {@linkplain #claim claims} items under a lease that its queue keeps renewing while the worker
 * lives; a worker that dies stops renewing, its leases run out (after {@link #leaseTime()}) and other workers take
 * the items over. {@link LocalWorkQueue} serves one process; a database-backed queue (the
 * {@code iconik-sdk-postgresql} module's) lets a fleet of gateways share a storage's work.
 *
 * <p>A lease is not a lock that makes work exactly-once: a worker stalled for longer than the lease time may find
 * that another took its item over. Work must therefore be safe to do twice (registration is, through its journal's
 * uniqueness); {@link #complete} tells the stalled worker that it lost the item.
 *
 * <p>Offering an item that is already queued or leased does not queue it twice. If it is leased, the queue remembers
 * that it was offered again, and {@link #complete} puts it back rather than removing it, so that a file changed while
 * a worker handled it is handled again.
 *
 * <p>Implementations are thread-safe. Every method throws {@link io.github.iconiksdk.api.IconikException} if the
 * queue's storage cannot be read or written, and {@link IllegalStateException} once the queue is closed.
 */
public interface WorkQueue extends AutoCloseable {

    /**
     * Queues work. Items already queued or leased are not queued twice (see the class comment).
     *
     * @param items the work
     * @return how many of the items were new to the queue
     * @throws io.github.iconiksdk.api.IconikException if the queue cannot be written
     */
    int offer(Collection<WorkItem> items);

    /**
     * Claims up to {@code max} items of one kind of one storage that no live lease holds, oldest offer first. Never
     * waits for items: an empty list means there is nothing to claim now.
     *
     * @param storageId the storage
     * @param kind      the kind of work
     * @param max       at most this many, positive
     * @return the leases, held by {@link #owner()} until completed, released or expired
     * @throws io.github.iconiksdk.api.IconikException if the queue cannot be read or written
     */
    List<WorkLease> claim(String storageId, String kind, int max);

    /**
     * Finishes a leased item: removes it from the queue, or puts it back if it was offered again while leased.
     *
     * @param lease a lease from {@link #claim}
     * @return false if the lease had run out and another worker holds the item (it then does the work too)
     * @throws io.github.iconiksdk.api.IconikException if the queue cannot be written
     */
    boolean complete(WorkLease lease);

    /**
     * The fence a worker passes before it commits work to iconik (a rendition or original upload): renews this one
     * lease now and says whether the worker still holds it. A worker that stalled past its lease (a long GC pause,
     * a suspended VM) learns here that another took the item over, and drops its result instead of making the
     * renditions a second time. After a true answer the worker has a whole {@link #leaseTime()} before anyone else
     * can take the item; the check is only as good as that (iconik itself knows no lease).
     *
     * @param lease a lease from {@link #claim}
     * @return true if the item is still this lease's (this owner and this attempt), false if it was completed,
     *         released or taken over
     * @throws io.github.iconiksdk.api.IconikException if the queue cannot be read or written
     */
    boolean confirm(WorkLease lease);

    /**
     * Gives a leased item back unfinished, for any worker (this one included) to claim again at once.
     *
     * @param lease a lease from {@link #claim}
     * @throws io.github.iconiksdk.api.IconikException if the queue cannot be written
     */
    void release(WorkLease lease);

    /**
     * Counts the items of a kind that are not finished, leased or not.
     *
     * @param storageId the storage
     * @param kind      the kind of work
     * @return how many items are queued or leased
     * @throws io.github.iconiksdk.api.IconikException if the queue cannot be read
     */
    long pending(String storageId, String kind);

    /**
     * Who claims through this queue: the worker named in its leases.
     *
     * @return a name unique to this queue instance (host, process and a random part)
     */
    String owner();

    /**
     * How long a lease lasts without renewal: how soon the items of a worker that died are taken over.
     *
     * @return the lease time
     */
    Duration leaseTime();

    /** Stops renewing; the leases still held are released so that other workers take them at once. Idempotent. */
    @Override
    void close();

    /**
     * A name for a worker: host name, process id and a random part, so that two queues never share one.
     *
     * @return the name
     */
    static String newOwnerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
