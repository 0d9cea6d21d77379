// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.internal.Json;
import io.github.iconiksdk.core.client.model.FileDeletion;
import io.github.iconiksdk.core.client.model.GatewayEvent;
import io.github.iconiksdk.core.client.model.TransferFromStorage;
import io.github.iconiksdk.core.client.model.TransferToStorage;
import io.github.iconiksdk.core.command.Command;
import io.github.iconiksdk.core.command.CommandHandler;
import io.github.iconiksdk.core.command.CommandQueue;
import io.github.iconiksdk.core.command.CommandRecord;
import io.github.iconiksdk.core.command.CommandResult;
import io.github.iconiksdk.core.command.CommandStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The command loop's engine. A poller reads iconik's queues, records each new item in the {@link CommandJournal}
 * and puts it on an in-memory priority queue (bounded by what iconik lists); workers take the highest priority
 * first, mark it started, run its handler, record the outcome and acknowledge it. On start, whatever the journal
 * holds unfinished or unacknowledged is resumed first. See {@link io.github.iconiksdk.core.command.CommandLoop}.
 */
public final class CommandRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final int MAX_ITEMS_PER_QUEUE_PER_PASS = 1000;
    private static final Duration KEEP_ACKNOWLEDGED = Duration.ofDays(7);

    /**
     * What the runner is built from.
     *
     * @param client      the iconik client
     * @param storageId   the gateway's storage
     * @param journal     the journal
     * @param handlers    handlers by type
     * @param queues      the queues to poll
     * @param interval    the time between polls
     * @param retryDelay  the wait before a failed item (or acknowledgement) is tried again, doubled per attempt up
     *                    to the interval
     * @param workers     how many commands run at once
     * @param maxAttempts how many attempts before an item that keeps failing transiently is failed
     * @param recent      how many recent commands {@link #stats()} lists
     * @param clock       the clock
     * @param mayPoll     asked before each poll; false (or an exception) stops the loop for good
     */
    public record Settings(IconikClient client, String storageId, CommandJournal journal,
                           Map<String, CommandHandler> handlers, Set<CommandQueue> queues, Duration interval,
                           Duration retryDelay, int workers, int maxAttempts, int recent, Clock clock,
                           BooleanSupplier mayPoll) {
    }

    private record Work(Command command, long seq) {
    }

    private final Settings s;
    private final ObjectMapper json = Json.mapper();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Condition pollWanted = lock.newCondition();
    private final PriorityQueue<Work> queue = new PriorityQueue<>((a, b) -> a.command().priority()
            != b.command().priority() ? Integer.compare(b.command().priority(), a.command().priority())
            : Long.compare(a.seq(), b.seq()));
    private final Set<String> inFlight = new HashSet<>();
    private final Set<String> unknownLogged = ConcurrentHashMap.newKeySet();
    private final AtomicLong seq = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private boolean pollNow;
    /** When a failed item is due again (System.nanoTime), or {@link Long#MAX_VALUE}; guarded by {@link #lock}. */
    private long retryAt = Long.MAX_VALUE;
    private volatile boolean stopping;

    /** @param settings what the runner is built from */
    public CommandRunner(Settings settings) {
        this.s = settings;
    }

    // ---- lifecycle

    /** Starts the poller and the workers (daemon threads). */
    public void start() {
        lock.lock();
        try {
            if (!threads.isEmpty()) {
                throw new IllegalStateException("the command loop of storage " + s.storageId() + " is running");
            }
            threads.add(thread("iconik-command-poller", this::pollLoop));
            for (int i = 0; i < s.workers(); i++) {
                threads.add(thread("iconik-command-worker-" + (i + 1), this::workLoop));
            }
        } finally {
            lock.unlock();
        }
        threads.forEach(Thread::start);
    }

    private static Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Asks the poller for a pass now rather than at the end of its interval. */
    public void pollNow() {
        lock.lock();
        try {
            pollNow = true;
            pollWanted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One pass in the caller's thread: polls every queue and carries out everything found, then returns.
     *
     * @return how many commands were carried out (finished, successfully or not)
     * @throws IllegalStateException if the loop's threads are running
     */
    public int runOnce() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("runOnce is for a loop that was not started");
        }
        if (stopping || !mayPoll()) {
            return 0;
        }
        poll();
        int n = 0;
        Work w;
        while ((w = next(false)) != null) {
            if (run(w.command())) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        signalStop();
        // running commands finish (their acknowledgement included) before the threads are interrupted
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread t : threads) {
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left > 0) {
                    t.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.forEach(Thread::interrupt);
    }

    /**
     * Asks the guard whether the loop may go on polling; when not, stops the loop as {@link #close()} does, without
     * waiting for its threads (this runs on the poller): nothing more is polled or started.
     */
    private boolean mayPoll() {
        boolean may;
        try {
            may = s.mayPoll().getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("The command loop of storage {} cannot tell whether it may poll; it stops: {}", s.storageId(),
                    e.toString());
            may = false;
        }
        if (!may) {
            signalStop();
        }
        return may;
    }

    /** Marks the loop stopping and wakes the poller and the workers, so that nothing more is polled or started. */
    private void signalStop() {
        stopping = true;
        lock.lock();
        try {
            workAvailable.signalAll();
            pollWanted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void pollLoop() {
        while (!stopping) {
            if (!mayPoll()) {
                return;
            }
            try {
                poll();
            } catch (RuntimeException e) {
                LOG.warn("Polling iconik's gateway queues of storage {} failed, trying again in {}: {}",
                        s.storageId(), s.interval(), e.toString());
            }
            lock.lock();
            try {
                long next = System.nanoTime() + s.interval().toNanos();
                while (!pollNow && !stopping) {
                    long wait = Math.min(next, retryAt) - System.nanoTime();
                    if (wait <= 0) {
                        break;
                    }
                    pollWanted.awaitNanos(wait);
                }
                pollNow = false;
                retryAt = Long.MAX_VALUE;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void workLoop() {
        while (!stopping) {
            Work w;
            try {
                w = next(true);
            } catch (IllegalStateException interrupted) {
                return;
            }
            if (w == null) {
                return;
            }
            try {
                run(w.command());
            } catch (RuntimeException e) {
                LOG.error("Command {} {} of storage {} broke the worker: {}", w.command().type(), w.command().id(),
                        s.storageId(), e.toString(), e);
            }
        }
    }

    private Work next(boolean wait) {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (!wait || stopping) {
                    return null;
                }
                try {
                    workAvailable.await();
                } catch (InterruptedException e) {
                    return null;
                }
            }
            return queue.poll();
        } finally {
            lock.unlock();
        }
    }

    // ---- polling

    /** One pass: resume the journal's unfinished items, read each queue, re-acknowledge what is owed. */
    void poll() {
        // after a restart: the items the journal holds unfinished (a STARTED one was cut short: it runs again as
        // a resumed attempt); while running: the items put back for a retry (the in-flight set prevents doubles)
        for (CommandJournal.Row r : s.journal().unacknowledged()) {
            if (r.state() == CommandJournal.State.RECEIVED || r.state() == CommandJournal.State.STARTED) {
                enqueue(r);
            }
        }
        for (CommandQueue q : s.queues()) {
            try {
                read(q);
            } catch (RuntimeException e) {
                LOG.warn("Reading iconik's {} queue of storage {} failed: {}", q, s.storageId(), e.toString());
            }
        }
        for (CommandJournal.Row r : s.journal().unacknowledged()) {
            if (r.state() == CommandJournal.State.DONE || r.state() == CommandJournal.State.FAILED) {
                acknowledge(r.queue(), r.id(), r.type(), r.state() == CommandJournal.State.FAILED);
            }
        }
        s.journal().prune(s.clock().instant().minus(KEEP_ACKNOWLEDGED));
    }

    private void read(CommandQueue q) {
        int n = 0;
        for (Object item : items(q)) {
            if (++n > MAX_ITEMS_PER_QUEUE_PER_PASS) {
                break;
            }
            String id = id(item);
            if (id == null) {
                continue;
            }
            String type = q.itemType() != null ? q.itemType() : ((GatewayEvent) item).type();
            if (type == null) {
                type = "UNKNOWN";
            }
            String itemJson;
            try {
                itemJson = json.writeValueAsString(item);
            } catch (JsonProcessingException e) {
                throw new IconikException("cannot journal " + q + " item " + id + ": " + e.getMessage(), e);
            }
            boolean isNew = s.journal().receive(q, id, type, priority(item), itemJson);
            CommandJournal.Row row = s.journal().find(q, id).orElseThrow();
            if (isNew || row.state() == CommandJournal.State.RECEIVED || row.state() == CommandJournal.State.STARTED) {
                enqueue(row);
            } else if (row.acked()) {
                // iconik lists an item it already took the acknowledgement of: tell it again, never run it again
                acknowledge(q, id, row.type(), row.state() == CommandJournal.State.FAILED);
            }
        }
    }

    private Iterable<?> items(CommandQueue q) {
        return switch (q) {
            case EVENTS -> s.client().gatewayEvents(s.storageId());
            case TRANSFERS_TO -> s.client().transfersTo(s.storageId());
            case TRANSFERS_FROM -> s.client().transfersFrom(s.storageId());
            case DELETIONS -> s.client().pendingDeletions(s.storageId());
        };
    }

    private static String id(Object item) {
        if (item instanceof GatewayEvent e) {
            return e.id();
        } else if (item instanceof TransferToStorage t) {
            return t.transfer().id();
        } else if (item instanceof TransferFromStorage t) {
            return t.transfer().id();
        } else if (item instanceof FileDeletion d) {
            return d.id();
        }
        return null;
    }

    /** [I] a TRANSCODE (or other) event may carry a {@code priority} 1-10 in its data; everything else is 5. */
    private static int priority(Object item) {
        if (item instanceof GatewayEvent e && e.data() != null && e.data().get("priority") instanceof Number n) {
            int p = n.intValue();
            return p >= 1 && p <= 10 ? p : 5;
        }
        return 5;
    }

    private Object item(CommandJournal.Row r) {
        Class<?> type = switch (r.queue()) {
            case EVENTS -> GatewayEvent.class;
            case TRANSFERS_TO -> TransferToStorage.class;
            case TRANSFERS_FROM -> TransferFromStorage.class;
            case DELETIONS -> FileDeletion.class;
        };
        try {
            return json.readValue(r.itemJson(), type);
        } catch (JsonProcessingException e) {
            throw new IconikException("command journal holds an unreadable " + r.queue() + " item " + r.id() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String key(CommandQueue q, String id) {
        return q + "/" + id;
    }

    private void enqueue(CommandJournal.Row r) {
        lock.lock();
        try {
            if (!inFlight.add(key(r.queue(), r.id()))) {
                return;
            }
            Command c = new Command(r.queue(), r.id(), r.type(), r.priority(), item(r), r.attempts() + 1);
            queue.add(new Work(c, seq.incrementAndGet()));
            workAvailable.signal();
        } finally {
            lock.unlock();
        }
    }

    // ---- running

    /** @return whether the command finished (rather than being put back for a retry) */
    private boolean run(Command c) {
        String key = key(c.queue(), c.id());
        boolean finished = false;
        try {
            CommandJournal.Row row = s.journal().find(c.queue(), c.id()).orElse(null);
            if (row == null || row.state() == CommandJournal.State.DONE || row.state() == CommandJournal.State.FAILED) {
                return false;
            }
            s.journal().started(c.queue(), c.id());
            CommandResult result;
            try {
                result = handle(c);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (c.attempt() < s.maxAttempts() && !stopping) {
                    LOG.warn("Command {} {} of storage {} failed (attempt {} of {}), retrying at the next poll: {}",
                            c.type(), c.id(), s.storageId(), c.attempt(), s.maxAttempts(), e.toString());
                    s.journal().retry(c.queue(), c.id(), e.toString());
                    retrySoon(c.attempt());
                    return false;
                }
                result = CommandResult.failed("failed after " + c.attempt() + " attempts: " + e);
            }
            s.journal().finished(c.queue(), c.id(), result.succeeded(), result.message());
            finished = true;
            if (result.succeeded()) {
                LOG.info("Command {} {} of storage {} done: {}", c.type(), c.id(), s.storageId(), result.message());
            } else {
                LOG.warn("Command {} {} of storage {} failed: {}", c.type(), c.id(), s.storageId(),
                        result.message());
            }
            acknowledge(c.queue(), c.id(), c.type(), !result.succeeded());
            return true;
        } finally {
            lock.lock();
            try {
                inFlight.remove(key);
            } finally {
                lock.unlock();
            }
            if (!finished && stopping) {
                LOG.debug("Command {} {} left for the next start", c.type(), c.id());
            }
        }
    }

    /**
     * Brings the next poll forward to the retry delay after a failure, doubled for each earlier attempt, never
     * later than the interval would have it.
     */
    private void retrySoon(int attempt) {
        long delay = Math.min(s.interval().toNanos(), s.retryDelay().toNanos() << Math.min(attempt - 1, 20));
        lock.lock();
        try {
            retryAt = Math.min(retryAt, System.nanoTime() + delay);
            pollWanted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private CommandResult handle(Command c) throws Exception {
        CommandHandler h = s.handlers().get(c.type());
        if (h == null) {
            if (unknownLogged.add(c.type())) {
                LOG.warn("No handler for {} commands of storage {}: acknowledging them unhandled (logged once per"
                        + " type)", c.type(), s.storageId());
            }
            // an event nobody handles is simply done with; a transfer or deletion nobody carries out failed
            return c.queue() == CommandQueue.EVENTS ? CommandResult.done("no handler for " + c.type() + "; ignored")
                    : CommandResult.failed("no handler for " + c.type());
        }
        return h.handle(c);
    }

    private void acknowledge(CommandQueue q, String id, String type, boolean failed) {
        try {
            switch (q) {
                case EVENTS -> s.client().acknowledgeGatewayEvent(s.storageId(), id);
                case TRANSFERS_TO -> s.client().acknowledgeTransferTo(s.storageId(), id, failed);
                case TRANSFERS_FROM -> s.client().acknowledgeTransferFrom(s.storageId(), id, failed);
                case DELETIONS -> s.client().acknowledgeDeletion(s.storageId(), id);
            }
        } catch (NotFoundException gone) {
            LOG.debug("iconik no longer has {} {} {}: taken as acknowledged", q, type, id);
        } catch (RuntimeException e) {
            LOG.warn("Acknowledging {} {} {} of storage {} failed, trying again soon: {}", q, type, id,
                    s.storageId(), e.toString());
            retrySoon(1);
            return;
        }
        s.journal().acknowledged(q, id);
    }

    // ---- control of queued work

    /**
     * Fails the queued (not yet started) commands that match, acknowledging them as failed.
     *
     * @return how many
     */
    public int abort(Predicate<Command> which, String reason) {
        List<Command> removed = new ArrayList<>();
        lock.lock();
        try {
            queue.removeIf(w -> {
                if (which.test(w.command())) {
                    removed.add(w.command());
                    inFlight.remove(key(w.command().queue(), w.command().id()));
                    return true;
                }
                return false;
            });
        } finally {
            lock.unlock();
        }
        for (Command c : removed) {
            s.journal().finished(c.queue(), c.id(), false, reason);
            acknowledge(c.queue(), c.id(), c.type(), true);
        }
        return removed.size();
    }

    /**
     * Changes the priority of the queued commands that match.
     *
     * @return how many
     */
    public int changePriority(Predicate<Command> which, int priority) {
        int n = 0;
        lock.lock();
        try {
            List<Work> changed = new ArrayList<>();
            queue.removeIf(w -> {
                if (which.test(w.command())) {
                    changed.add(w);
                    return true;
                }
                return false;
            });
            for (Work w : changed) {
                Command c = w.command();
                s.journal().priority(c.queue(), c.id(), priority);
                queue.add(new Work(new Command(c.queue(), c.id(), c.type(), priority, c.item(), c.attempt()),
                        w.seq()));
                n++;
            }
        } finally {
            lock.unlock();
        }
        return n;
    }

    /** @return the queues as the journal sees them */
    public CommandStats stats() {
        Map<CommandQueue, Map<CommandJournal.State, Long>> counts = s.journal().counts();
        Map<CommandQueue, Long> pending = new EnumMap<>(CommandQueue.class);
        Map<CommandQueue, Long> done = new EnumMap<>(CommandQueue.class);
        Map<CommandQueue, Long> failed = new EnumMap<>(CommandQueue.class);
        counts.forEach((q, m) -> {
            pending.put(q, m.get(CommandJournal.State.RECEIVED) + m.get(CommandJournal.State.STARTED));
            done.put(q, m.get(CommandJournal.State.DONE));
            failed.put(q, m.get(CommandJournal.State.FAILED));
        });
        List<CommandRecord> recent = new ArrayList<>();
        s.journal().recent(s.recent()).forEach(r -> recent.add(CommandJournal.record(r)));
        return new CommandStats(pending, done, failed, recent);
    }
}
