// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.core.work.LocalWorkQueue;
import io.github.iconiksdk.core.work.WorkItem;
import io.github.iconiksdk.core.work.WorkLease;
import io.github.iconiksdk.core.work.WorkQueue;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A pass's per-file claims on a {@link WorkQueue}: the scanner's NEW and MODIFIED changes (on a shared queue its
 * MOVED and REMOVED changes too) are offered as {@link WorkItem#FILE} items, and a claimer thread hands every item this process claims to the registration
 * stage. A lease is completed when the file's registration has finished and, on a shared queue, when its renditions
 * and original upload have too (the stages report {@link #started} and {@link #ended} for it); so a gateway that
 * dies leaves its claimed files, renditions included, to the others once its leases run out.
 *
 * <p>On a {@link LocalWorkQueue} (one process; the default) the queue is not durable, so {@link #awaitAll} is the
 * scanner's flush: the items handed over are registered before the scan state records them. On a shared queue the
 * offer is durable and the flush does not wait; the pass ends when the storage has no file work left, wherever it
 * was claimed.
 */
final class FileClaims implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileClaims.class);

    /** How many claims a move or removal that keeps failing gets before it is given up (and reported). */
    static final int MAX_CHANGE_ATTEMPTS = 5;

    /** How long the claimer waits before asking again when nothing was free to claim. */
    private static final Duration IDLE_POLL = Duration.ofMillis(50);
    /** The wait before claiming again after the queue could not be read. */
    private static final Duration CLAIM_RETRY_WAIT = Duration.ofSeconds(1);

    private final WorkQueue queue;
    private final String storageId;
    private final boolean shared;
    private final int batch;
    private final int holdAtMost;
    private final Consumer<WorkLease> handler;
    private final BooleanSupplier stopRequested;
    private final Events events;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    /**
     * Claims again after a queue that cannot be read or written (a shared database away): every second, for as
     * long as the pass runs (Resilience4j; the first failure is reported, and a stop or {@link #close} ends the waits).
     */
    private final Retry claimRetry;
    private volatile boolean closed;
    private volatile WorkLease scanLease;
    private Thread claimer;

    /** A claimed file and how many of its jobs (registration, renditions, original) have not ended. */
    private static final class Held {
        final WorkLease lease;
        int outstanding = 1; // the registration

        Held(WorkLease lease) {
            this.lease = lease;
        }
    }

    /**
     * @param queue         the queue (shared when it is not a {@link LocalWorkQueue})
     * @param storageId     the storage
     * @param batch         how many items to claim at once
     * @param holdAtMost    how many claimed and unfinished files this process holds at most on a shared queue (a
     *                      file held waiting for a busy transcoder is one the other gateways cannot take)
     * @param handler       takes each claimed lease to the registration stage (may block: back-pressure)
     * @param stopRequested true once the pass should end
     * @param events        where a queue that cannot be reached is reported
     */
    FileClaims(WorkQueue queue, String storageId, int batch, int holdAtMost, Consumer<WorkLease> handler,
               BooleanSupplier stopRequested, Events events) {
        this.queue = queue;
        this.storageId = storageId;
        this.shared = !(queue instanceof LocalWorkQueue);
        this.batch = batch;
        this.holdAtMost = shared ? Math.max(1, holdAtMost) : 2 * batch;
        this.handler = handler;
        this.stopRequested = stopRequested;
        this.events = events;
        this.claimRetry = Retry.of("ingest-work-queue-claim", RetryConfig.custom().maxAttempts(Integer.MAX_VALUE)
                .waitDuration(CLAIM_RETRY_WAIT)
                .retryOnException(e -> e instanceof IconikException && !closed && !stopRequested.getAsBoolean())
                .writableStackTraceEnabled(false).build());
        claimRetry.getEventPublisher().onRetry(e -> {
            if (e.getNumberOfRetryAttempts() == 1) {
                events.notice("work queue: " + e.getLastThrowable().getMessage() + "; claiming again every "
                        + CLAIM_RETRY_WAIT.toSeconds() + " s");
            }
        });
    }

    /** @return whether other processes share the queue (the lease then covers renditions and the original) */
    boolean shared() {
        return shared;
    }

    /** Starts the claimer thread. */
    void start() {
        claimer = new Thread(this::claimLoop, "ingest-claims-" + storageId);
        claimer.setDaemon(true);
        claimer.start();
    }

    /**
     * Claims the storage's scan for this pass: on a shared queue only one gateway scans a storage at a time (the
     * others work on the files it offers). A scan left by a gateway that died is claimed once its lease ran out.
     *
     * @return whether this process scans
     */
    boolean claimScan() {
        if (queue.pending(storageId, WorkItem.SCAN) == 0) {
            queue.offer(List.of(WorkItem.of(storageId, WorkItem.SCAN, "")));
        }
        List<WorkLease> got = queue.claim(storageId, WorkItem.SCAN, 1);
        scanLease = got.isEmpty() ? null : got.get(0);
        LOG.debug("storage {}: scan {}", storageId, scanLease != null ? "claimed" : "held by another worker");
        return scanLease != null;
    }

    /** Completes the scan claimed by {@link #claimScan()}, if any. */
    void scanDone() {
        WorkLease lease = scanLease;
        scanLease = null;
        if (lease != null) {
            queue.complete(lease);
            LOG.debug("storage {}: scan done", storageId);
        }
    }

    /**
     * Offers one file's change as work. The key is the path the change concerns first: a move's is the path it left,
     * so that it waits for work another gateway does on that file (an offer of a leased key is held back until the
     * lease ends) and is then applied to what that work registered. A pass reports one change per path, and a pass
     * ends only when the fleet has no file work left, so a later change never replaces one not yet handled.
     *
     * @param change the scanner's change
     */
    void offer(ScanEvent.Change change) {
        queue.offer(List.of(new WorkItem(storageId, WorkItem.FILE, change.movedFrom().orElse(change.path()),
                payloadOf(change))));
        wakeClaimer();
    }

    /**
     * Offers files without a change in hand (a registration left unfinished, renditions still wanted): the taker
     * finishes them from the journal, or registers the file as it is now.
     *
     * @param paths paths relative to the storage root
     */
    void offerPaths(Collection<String> paths) {
        if (paths.isEmpty() || (shared && queue.pending(storageId, WorkItem.FILE) > 0)) {
            // While the fleet has file work, what the journal lists as unfinished or wanted is mostly in other
            // gateways' hands (offering it again would have it done twice); the last pass to find the queue empty
            // offers what is truly left over.
            return;
        }
        queue.offer(paths.stream().map(p -> WorkItem.of(storageId, WorkItem.FILE, p)).toList());
        wakeClaimer();
    }

    /**
     * The change an item carries, if it carries one.
     *
     * @param item a {@link WorkItem#FILE} item
     * @return the change, or empty for an item offered by path alone
     */
    static Optional<ScanEvent.Change> changeOf(WorkItem item) {
        String[] p = item.payload().split(" ", 5);
        if (p.length < 4) {
            return Optional.empty();
        }
        ChangeType type = ChangeType.valueOf(p[0]);
        long size = Long.parseLong(p[1]);
        Instant modified = Instant.ofEpochMilli(Long.parseLong(p[2]));
        String md5 = p[3].isEmpty() ? null : p[3];
        if (type == ChangeType.MOVED) {
            if (p.length != 5) {
                return Optional.empty();
            }
            return Optional.of(ScanEvent.Change.moved(item.key(), p[4], size, modified, md5));
        }
        return Optional.of(ScanEvent.Change.of(type, item.key(), size, modified, md5));
    }

    /** Type, size, time and MD5 (empty if none), and for a move the path it went to (last: it may hold spaces). */
    static String payloadOf(ScanEvent.Change c) {
        String common = c.type() + " " + c.size() + " " + c.modified().toEpochMilli() + " " + c.md5().orElse("");
        return c.movedFrom().isPresent() ? common + " " + c.path() : common;
    }

    /**
     * One more job of a claimed file has started (a rendition or original upload). Paths this process does not
     * hold (registered outside the queue) are ignored.
     *
     * @param path the file
     */
    void started(String path) {
        Held h = held.get(path);
        if (h != null) {
            synchronized (h) {
                h.outstanding++;
            }
        }
    }

    /**
     * A job of a claimed file has ended; when it was the last, the lease is completed.
     *
     * @param path the file
     */
    void ended(String path) {
        Held h = held.get(path);
        if (h == null || !lastJobEnded(path, h)) {
            return;
        }
        try {
            // false: the lease ran out and another took it over; the journal makes it safe
            boolean completed = queue.complete(h.lease);
            LOG.debug("storage {}: {} {}", storageId, completed ? "completed" : "lost", path);
        } catch (IconikException e) {
            events.notice("work queue: could not complete " + path + " (" + e.getMessage()
                    + "); another gateway takes it over after the lease time");
        }
        wakeClaimer();
    }

    /**
     * Counts one job of a claimed file as ended; after its last job the file is no longer held.
     *
     * @param path the file
     * @param h    its holding
     * @return whether that was its last job
     */
    private boolean lastJobEnded(String path, Held h) {
        synchronized (h) {
            if (--h.outstanding > 0) {
                return false;
            }
        }
        held.remove(path, h);
        return true;
    }

    /**
     * A claimed move or removal failed; nothing of it was journalled, so the lease is given back for any gateway
     * to try again, until the item has been claimed {@link #MAX_CHANGE_ATTEMPTS} times; then it is given up and
     * reported (the next full scan of the storage does not report it again).
     *
     * @param path the key the change was claimed under
     * @param what the change, for the report ("MOVED of a/b.mov")
     */
    void failed(String path, String what) {
        Held h = held.get(path);
        if (h == null) {
            return;
        }
        if (h.lease.attempt() >= MAX_CHANGE_ATTEMPTS) {
            events.notice("work queue: gave up " + what + " after " + h.lease.attempt() + " attempts");
            ended(path);
            return;
        }
        if (!lastJobEnded(path, h)) {
            return;
        }
        try {
            queue.release(h.lease);
        } catch (IconikException e) {
            events.notice("work queue: could not give back " + what + " (" + e.getMessage()
                    + "); another gateway takes it over after the lease time");
        }
        wakeClaimer();
    }

    /**
     * The fence before a claimed file's work is committed to iconik (or its transcode starts): whether this process
     * still holds the file's lease, renewed by the check ({@link WorkQueue#confirm}). A process that stalled past its
     * lease finds that another gateway took the file over, and leaves the work to it. Paths not claimed here (an
     * item of another key, work registered outside the queue) pass.
     *
     * @param path the file
     * @return false if the file's lease was lost (the caller drops its result)
     */
    boolean fence(String path) {
        Held h = held.get(path);
        if (h == null) {
            return true;
        }
        try {
            if (queue.confirm(h.lease)) {
                return true;
            }
            events.notice("work queue: " + path + " was taken over by another gateway while this one worked on it"
                    + " (its lease ran out): its work is left to that one");
        } catch (IconikException e) {
            events.notice("work queue: cannot confirm the lease of " + path + " (" + e.getMessage()
                    + "); its work is left to whoever holds it after the lease time");
        }
        return false;
    }

    /**
     * Whether this process holds the file's lease now.
     *
     * @param path the file
     * @return true while claimed here and not finished
     */
    boolean holds(String path) {
        return held.containsKey(path);
    }

    /**
     * Waits until the storage has no file work left: every item offered (by any process) is finished. On a shared
     * queue, a scan that a dead gateway left is given back for the next pass to take.
     *
     * @param checkStop called between looks; throws to end the wait when the pass should stop
     * @throws IconikException if the queue cannot be read
     */
    void awaitAll(Runnable checkStop) {
        while (true) {
            checkStop.run();
            if (queue.pending(storageId, WorkItem.FILE) == 0) {
                if (!shared || scanLease != null || queue.pending(storageId, WorkItem.SCAN) == 0) {
                    LOG.debug("storage {}: no file work left", storageId);
                    return;
                }
                // Another gateway scans: its files may still come. A scan whose lease ran out is nobody's now:
                // give it back and end the pass (the next pass of any gateway takes it).
                List<WorkLease> orphan = queue.claim(storageId, WorkItem.SCAN, 1);
                if (!orphan.isEmpty()) {
                    queue.release(orphan.get(0));
                    return;
                }
            }
            try {
                await(shared ? Duration.ofMillis(200) : IDLE_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IconikException("interrupted while waiting for file work", e);
            }
        }
    }

    private void claimLoop() {
        while (!closed && !stopRequested.getAsBoolean()) {
            try {
                claimRetry.executeCallable(this::claimOnce);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // Not retried: closed or a stop was asked for (the retry tries IconikExceptions again until then).
                if (!(e instanceof IconikException) || closed || Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    /** Claims what there is room for and hands it over; waits a little when nothing was free. */
    private Void claimOnce() throws InterruptedException {
        int room = Math.min(batch, holdAtMost - held.size());
        List<WorkLease> got = room <= 0 ? List.of() : queue.claim(storageId, WorkItem.FILE, room);
        if (got.isEmpty()) {
            await(IDLE_POLL);
            return null;
        }
        LOG.debug("storage {}: claimed {} file(s), first {}", storageId, got.size(), got.get(0).item().key());
        for (WorkLease lease : got) {
            if (closed || stopRequested.getAsBoolean()) {
                queue.release(lease);
                continue;
            }
            held.put(lease.item().key(), new Held(lease));
            handler.accept(lease);
        }
        return null;
    }

    private void wakeClaimer() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /**
     * Waits up to {@code d} for a lease of this process to end or for {@link #close}: a blocking wait between
     * looks at the queue, not a retry. It is bounded because what other processes do to a shared queue (or what
     * the local queue's offers add) sends no signal here.
     */
    private void await(Duration d) throws InterruptedException {
        synchronized (wake) {
            wake.wait(d.toMillis());
        }
    }

    /** Stops claiming and gives back what is held unfinished (and the scan), so that others take it at once. */
    @Override
    public void close() {
        closed = true;
        wakeClaimer();
        Thread t = claimer;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            for (Held h : held.values()) {
                queue.release(h.lease);
            }
            held.clear();
            WorkLease scan = scanLease;
            scanLease = null;
            if (scan != null) {
                queue.release(scan);
            }
        } catch (IconikException | IllegalStateException e) {
            // a shared queue's leases run out by themselves; a closed local one is gone with the pipeline
        }
    }
}
