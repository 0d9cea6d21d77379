// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.command.internal.CommandJournal;
import io.github.iconiksdk.core.command.internal.CommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Polls the work iconik queues for a storage gateway — its gateway events, {@code transfers_to},
 * {@code transfers_from} and {@code deletions_from} — at an interval, hands each item to the handler registered for
 * its type, and acknowledges it only once the handler returned (the work is durable).
 *
 * <p>Every item is journalled in SQLite before it runs, and its outcome before it is acknowledged: an item is
 * carried out at most once (seen again, a finished item is only acknowledged again) and acknowledged at least once
 * (an acknowledgement that did not reach iconik is sent again at the next poll, and after a restart). An item
 * whose handler was cut short by a kill runs again as a {@linkplain Command#resumed() resumed} attempt, which
 * handlers finish without doing the work twice. Items of a type with no handler are logged once per type and
 * acknowledged (events as done, transfers and deletions as failed). Transient failures (a thrown exception) are
 * retried after {@link Builder#retryDelay} (doubled per attempt, at most the interval), up to
 * {@link Builder#maxAttempts}, then acknowledged as failed.
 *
 * <pre>{@code
 * try (CommandLoop loop = CommandLoop.builder(client, storageId, dataDir.resolve("commands.db"))
 *         .interval(Duration.ofSeconds(5))
 *         .handler("SCAN", scanNow)
 *         .handler(CommandQueue.TRANSFERS_TO.itemType(), download)
 *         .build().start()) {
 *     ...
 * }
 * }</pre>
 */
public final class CommandLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLoop.class);

    private final CommandRunner runner;
    private final CommandJournal journal;
    private final List<CommandHandler> handlers;

    private CommandLoop(CommandRunner runner, CommandJournal journal, List<CommandHandler> handlers) {
        this.runner = runner;
        this.journal = journal;
        this.handlers = handlers;
    }

    /**
     * Starts building a loop.
     *
     * @param client      the iconik client (its credentials need the storage worker and transfer roles)
     * @param storageId   the gateway's storage
     * @param journalFile the SQLite journal file (created if needed; keep it beside the registration journal)
     * @return a builder
     */
    public static Builder builder(IconikClient client, String storageId, Path journalFile) {
        return new Builder(client, storageId, journalFile);
    }

    /**
     * Starts polling and working in background (daemon) threads.
     *
     * @return this loop
     * @throws IllegalStateException if it is already running
     */
    public CommandLoop start() {
        runner.start();
        return this;
    }

    /** Asks for a poll now rather than at the end of the interval (for example after a reconnect). */
    public void pollNow() {
        runner.pollNow();
    }

    /**
     * Polls once and carries out everything found, in the caller's thread; for a loop that was not started (tests,
     * one-shot tools).
     *
     * @return how many commands finished
     * @throws IllegalStateException if the loop was started
     */
    public int runOnce() {
        return runner.runOnce();
    }

    /**
     * Fails the queued, not yet started commands that match (the {@code DOWNLOAD_ABORT} / {@code UPLOAD_ABORT}
     * events), acknowledging them as failed with the reason.
     *
     * @param which  the commands to abort
     * @param reason why, for the journal and iconik's job
     * @return how many were aborted
     */
    public int abort(Predicate<Command> which, String reason) {
        return runner.abort(which, reason);
    }

    /**
     * Changes the priority of the queued, not yet started commands that match (the {@code *_CHANGE_PRIORITY}
     * events); higher runs first.
     *
     * @param which    the commands
     * @param priority 1 (lowest) to 10 (highest)
     * @return how many were changed
     * @throws IllegalArgumentException if priority is not 1 to 10
     */
    public int changePriority(Predicate<Command> which, int priority) {
        if (priority < 1 || priority > 10) {
            throw new IllegalArgumentException("priority must be 1 to 10, not " + priority);
        }
        return runner.changePriority(which, priority);
    }

    /** @return the command queues as the journal sees them, and the last few commands */
    public CommandStats stats() {
        return runner.stats();
    }

    /**
     * Stops polling, lets running commands finish (up to 30 s in all), closes every handler registered (each once,
     * whatever the number of types it serves; a failing close is logged) and the journal.
     */
    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            try {
                Set<CommandHandler> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                distinct.addAll(handlers);
                for (CommandHandler h : distinct) {
                    try {
                        h.close();
                    } catch (RuntimeException e) {
                        LOG.warn("closing the command handler {} failed", h, e);
                    }
                }
            } finally {
                journal.close();
            }
        }
    }

    /** Builds a {@link CommandLoop}. */
    public static final class Builder {
        private final IconikClient client;
        private final String storageId;
        private final Path journalFile;
        private final Map<String, CommandHandler> handlers = new LinkedHashMap<>();
        private Set<CommandQueue> queues = EnumSet.allOf(CommandQueue.class);
        private Duration interval = Duration.ofSeconds(5);
        private Duration retryDelay = Duration.ofSeconds(1);
        private int workers = 2;
        private int maxAttempts = 5;
        private int recent = 20;
        private Clock clock = Clock.systemUTC();
        private BooleanSupplier pollWhile = () -> true;

        private Builder(IconikClient client, String storageId, Path journalFile) {
            this.client = Objects.requireNonNull(client, "client");
            this.storageId = Objects.requireNonNull(storageId, "storageId");
            this.journalFile = Objects.requireNonNull(journalFile, "journalFile");
        }

        /**
         * Registers the handler of a type: an event type ({@code SCAN}, {@code TRANSCODE},
         * {@code REQUEST_COLLECTION_MAP}, …) or a queue's {@link CommandQueue#itemType()}. A later call for the same
         * type replaces the earlier.
         *
         * @param type    the type
         * @param handler its handler
         * @return this builder
         */
        public Builder handler(String type, CommandHandler handler) {
            handlers.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * @param queues the queues to poll (default all)
         * @return this builder
         * @throws IllegalArgumentException if empty
         */
        public Builder queues(Set<CommandQueue> queues) {
            if (queues.isEmpty()) {
                throw new IllegalArgumentException("poll at least one queue");
            }
            this.queues = EnumSet.copyOf(queues);
            return this;
        }

        /**
         * @param interval the time between polls (default 5 s, iconik's scan interval default)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder interval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive, not " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * @param retryDelay how soon an item whose handler threw (or whose acknowledgement failed) is tried again:
         *                   this long after its first attempt, doubled for each further one, never later than the
         *                   interval (default 1 s)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder retryDelay(Duration retryDelay) {
            if (retryDelay.isNegative() || retryDelay.isZero()) {
                throw new IllegalArgumentException("retryDelay must be positive, not " + retryDelay);
            }
            this.retryDelay = retryDelay;
            return this;
        }

        /**
         * @param workers how many commands run at once (default 2)
         * @return this builder
         * @throws IllegalArgumentException if not 1 to 64
         */
        public Builder workers(int workers) {
            if (workers < 1 || workers > 64) {
                throw new IllegalArgumentException("workers must be 1 to 64, not " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * @param maxAttempts attempts of an item whose handler keeps throwing before it is failed (default 5)
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be 1 or more, not " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param recent how many recent commands {@link CommandLoop#stats()} lists (default 20)
         * @return this builder
         */
        public Builder recent(int recent) {
            this.recent = Math.max(0, recent);
            return this;
        }

        /**
         * @param clock the clock of the journal's times (tests)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A condition asked before each poll of iconik's queues (on the poller's thread): once it answers false, or
         * throws, the loop stops for good: it polls no more and starts no further command (those running finish,
         * and are acknowledged); close it as usual. For a process whose right to poll can be lost, such as a fleet's
         * {@link CommandRole.Held#isHeld() role}.
         *
         * @param mayPoll whether the loop may poll now; default always
         * @return this builder
         */
        public Builder pollWhile(BooleanSupplier mayPoll) {
            this.pollWhile = Objects.requireNonNull(mayPoll, "mayPoll");
            return this;
        }

        /**
         * Opens the journal and builds the loop (not started).
         *
         * @return the loop
         * @throws io.github.iconiksdk.api.IconikException if the journal cannot be opened
         */
        public CommandLoop build() {
            CommandJournal journal = CommandJournal.open(journalFile, clock);
            CommandRunner[] self = new CommandRunner[1];
            Map<String, CommandHandler> all = new LinkedHashMap<>(handlers);
            control(all, "DOWNLOAD", CommandQueue.TRANSFERS_TO, self);
            control(all, "UPLOAD", CommandQueue.TRANSFERS_FROM, self);
            CommandRunner runner = new CommandRunner(new CommandRunner.Settings(client, storageId, journal,
                    Map.copyOf(all), EnumSet.copyOf(queues), interval, retryDelay, workers, maxAttempts, recent,
                    clock, pollWhile));
            self[0] = runner;
            return new CommandLoop(runner, journal, List.copyOf(handlers.values()));
        }

        /**
         * The built-in handlers of {@code DOWNLOAD_ABORT}/{@code UPLOAD_ABORT} and {@code *_CHANGE_PRIORITY}, unless
         * registered: [I] the event's data names the transfer by {@code transfer_id} (or {@code id}) or its job by
         * {@code job_id}, and the new {@code priority}; only transfers not yet started are affected.
         */
        private static void control(Map<String, CommandHandler> all, String prefix, CommandQueue queue,
                                    CommandRunner[] runner) {
            all.putIfAbsent(prefix + "_ABORT", c -> {
                Predicate<Command> which = matching(c, queue);
                if (which == null) {
                    return CommandResult.failed(c.type() + " names no transfer_id or job_id");
                }
                int n = runner[0].abort(which, "aborted by " + c.type() + " " + c.id());
                return CommandResult.done(n + " queued transfer(s) aborted");
            });
            all.putIfAbsent(prefix + "_CHANGE_PRIORITY", c -> {
                Predicate<Command> which = matching(c, queue);
                Object p = data(c).get("priority");
                if (which == null || !(p instanceof Number n) || n.intValue() < 1 || n.intValue() > 10) {
                    return CommandResult.failed(c.type() + " needs transfer_id or job_id and a priority 1 to 10");
                }
                int changed = runner[0].changePriority(which, n.intValue());
                return CommandResult.done(changed + " queued transfer(s) now at priority " + n.intValue());
            });
        }

        private static Map<String, Object> data(Command c) {
            Map<String, Object> d = c.item(io.github.iconiksdk.core.client.model.GatewayEvent.class).data();
            return d == null ? Map.of() : d;
        }

        private static Predicate<Command> matching(Command c, CommandQueue queue) {
            Map<String, Object> d = data(c);
            Object transfer = d.containsKey("transfer_id") ? d.get("transfer_id") : d.get("id");
            Object job = d.get("job_id");
            if (transfer == null && job == null) {
                return null;
            }
            return other -> other.queue() == queue && ((transfer != null && transfer.toString().equals(other.id()))
                    || (job != null && job.toString().equals(jobOf(other.item()))));
        }

        private static String jobOf(Object item) {
            if (item instanceof io.github.iconiksdk.core.client.model.TransferToStorage t) {
                return t.transfer().jobId();
            }
            if (item instanceof io.github.iconiksdk.core.client.model.TransferFromStorage t) {
                return t.transfer().jobId();
            }
            return null;
        }
    }
}
