// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.core.client.IconikUnavailableException;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.resilience.ClientResilience;
import io.github.iconiksdk.core.resilience.ResilienceEvent;
import io.github.iconiksdk.core.resilience.ResilienceListener;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Registers several files at once: the stage between the scanner (and the journal's unfinished registrations)
 * and the {@link RenditionStage}. Attempts run on a Resilience4j {@link ThreadPoolBulkhead} of
 * {@code registration-workers} threads; every request they make also waits for the client's rate limiter, so the
 * workers share iconik's limit rather than multiply it. A file whose attempt failed is tried again by a
 * Resilience4j {@link Retry} ({@value #ATTEMPTS} attempts, back-off doubling from 500 ms) that waits on a timer, not
 * on a worker: a file in back-off never holds up the others. At most four times the worker count of
 * files are accepted and not finished at once; {@link #submit} waits beyond that, which slows the scanner down
 * (back-pressure, one way).
 *
 * <p><b>iconik down.</b> When iconik fails, the client's circuit breakers open and refuse calls without sending
 * them ({@link IconikUnavailableException}). Counted as attempts, those refusals used up a file's
 * {@value #ATTEMPTS} attempts in the 3.5 s of its back-off, and every file that reached the stage while the
 * breakers were open was left for the next pass, which starts only when this one has ended (in the outage
 * benchmark, the last file was registered 111 s after iconik came back). So an attempt that ends on a refusal is
 * not counted: the file waits on the timer (no worker held, no request sent) for the breaker's open wait, and at
 * most the stage's longest back-off ({@code firstBackoff} × 4, 2 s by default, so that a stop request is seen as
 * soon as before), then tries again. It goes at once when one of the client's breakers closes (the Resilience4j
 * state transition, through {@link ClientResilience#addListener}): a probe got through and iconik answers again.
 * Files keep flowing in the same pass within moments of iconik's return, each registered once (an attempt is
 * resumable: the journal holds what the last one did). The stage holds at most four times the worker count of
 * files, so while the breakers are open the scanner waits (back-pressure) instead of running more files into the
 * refusals. The refusals themselves cost iconik nothing: only the breakers' probes reach it.
 *
 * <p>This waiting is bounded: a stage waits for the breakers at most {@code outagePatience} (default
 * {@link #OUTAGE_PATIENCE}) from the first refusal after its last successful attempt. Past it, refusals count as
 * attempts again, as before: every file fails fast, the pass ends, the daemon shows iconik failing, and its next
 * pass (a new stage, patient again) tries them again. A pass whose iconik never comes back thus ends about
 * {@link #OUTAGE_PATIENCE} later than it did. The alternative, the pass submitting its failed files again when the
 * breakers close, was kept out: each would first be reported failed, and the pass would have to keep the scanner's
 * events of failed files to hand them in again; a file that waits in the stage stays one job, reported once.
 *
 * <p>Two jobs never touch the same path at once: a job for a path in flight waits for it (a MOVED file waits for
 * both its paths). A change the scanner must deliver again when it fails (MOVED, REMOVED: nothing was journalled)
 * is marked {@code mustSucceed}; {@link #awaitIdle()} then throws, which stops the pass before the scanner records
 * the event as delivered.
 */
public final class RegistrationStage implements AutoCloseable {

    /** How often one file's registration is tried within a pass before it is left for the next one. */
    static final int ATTEMPTS = 4;
    /** The back-off before the second attempt; it doubles for each further one. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    /**
     * How long a stage waits for iconik's circuit breakers to let calls through again, from the first refused
     * attempt after its last successful one, before refusals count as failed attempts (a minute: twelve of the
     * breakers' default 5 s open waits).
     */
    static final Duration OUTAGE_PATIENCE = Duration.ofMinutes(1);
    /** The shortest wait after a refusal (whatever the breaker says), so that a refused file never spins. */
    static final Duration SHORTEST_REFUSED_WAIT = Duration.ofMillis(10);
    /** No refusal seen since the last successful attempt. */
    private static final long NOT_REFUSED = Long.MIN_VALUE;

    private final ThreadPoolBulkhead bulkhead;
    private final Retry retry;
    private final ScheduledExecutorService timer;
    private final Semaphore accepted;
    private final Events events;
    private final PassCounts counts;
    private final BooleanSupplier stopRequested;
    private final Consumer<Registration> next;
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();
    private volatile IconikException mustSucceedFailure;
    private final Duration outagePatience;
    private final Duration longestRefusedWait;
    private final LongSupplier nanoClock;
    private final ClientResilience breakers;
    private final ResilienceListener breakerClosed = this::onResilienceEvent;
    /** When the first refusal since the last successful attempt came ({@link #nanoClock}), or NOT_REFUSED. */
    private final AtomicLong refusedSince = new AtomicLong(NOT_REFUSED);
    /** How many times a breaker closed: an attempt refused while this changed tries again at once. */
    private final AtomicLong closings = new AtomicLong();
    /** Files waiting after a refusal. */
    private final Set<RefusedWait> waiting = ConcurrentHashMap.newKeySet();

    /** One file's registration: its paths, and an attempt that returns the registration or null (nothing done). */
    private record Job(String path, List<String> paths, String mustSucceed, Supplier<Registration> attempt,
                       Runnable finished) {
    }

    /**
     * @param workers       registrations attempted at once
     * @param breakers      the client's policies, whose breakers closing wakes the files refused while they were
     *                      open; null to wait out each refusal
     * @param events        where reports go
     * @param counts        the pass's counts
     * @param stopRequested true once the pass should end: no further attempt starts
     * @param next          receives every registration made (the rendition stage)
     */
    RegistrationStage(int workers, ClientResilience breakers, Events events, PassCounts counts,
                      BooleanSupplier stopRequested, Consumer<Registration> next) {
        this(workers, FIRST_BACKOFF, OUTAGE_PATIENCE, System::nanoTime, breakers, events, counts, stopRequested,
                next);
    }

    /**
     * @param workers       registrations attempted at once
     * @param firstBackoff  the wait before a file's second attempt (doubling for each further one)
     * @param events        where reports go
     * @param counts        the pass's counts
     * @param stopRequested true once the pass should end: no further attempt starts
     * @param next          receives every registration made (the rendition stage)
     */
    RegistrationStage(int workers, Duration firstBackoff, Events events, PassCounts counts,
                      BooleanSupplier stopRequested, Consumer<Registration> next) {
        this(workers, firstBackoff, OUTAGE_PATIENCE, System::nanoTime, null, events, counts, stopRequested, next);
    }

    /**
     * @param workers        registrations attempted at once
     * @param firstBackoff   the wait before a file's second attempt (doubling for each further one); four times it
     *                       is the longest wait after a refusal
     * @param outagePatience how long the stage waits for the breakers after a refusal (see the class comment)
     * @param nanoClock      the monotonic clock the patience is measured on
     * @param breakers       the client's policies, whose breakers closing wakes the refused files; null for none
     * @param events         where reports go
     * @param counts         the pass's counts
     * @param stopRequested  true once the pass should end: no further attempt starts
     * @param next           receives every registration made (the rendition stage)
     */
    RegistrationStage(int workers, Duration firstBackoff, Duration outagePatience, LongSupplier nanoClock,
                      ClientResilience breakers, Events events, PassCounts counts, BooleanSupplier stopRequested,
                      Consumer<Registration> next) {
        this.retry = Retry.of("ingest-registration", RetryConfig.custom().maxAttempts(ATTEMPTS)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2))
                .retryOnException(e -> e instanceof IconikException && !stopRequested.getAsBoolean())
                .writableStackTraceEnabled(false).build());
        this.bulkhead = ThreadPoolBulkhead.of("ingest-registration", ThreadPoolBulkheadConfig.custom()
                .maxThreadPoolSize(workers).coreThreadPoolSize(workers).queueCapacity(4 * workers)
                .keepAliveDuration(Duration.ofSeconds(30)).writableStackTraceEnabled(false).build());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-registration-backoff");
            t.setDaemon(true);
            return t;
        });
        this.accepted = new Semaphore(4 * workers);
        this.events = events;
        this.counts = counts;
        this.stopRequested = stopRequested;
        this.next = next;
        this.outagePatience = outagePatience;
        this.longestRefusedWait = firstBackoff.multipliedBy(1L << (ATTEMPTS - 2));
        this.nanoClock = nanoClock;
        this.breakers = breakers;
        if (breakers != null) {
            breakers.addListener(breakerClosed);
        }
    }

    /**
     * Accepts one file's registration; waits while the stage holds as many as it takes, and while another job
     * touches one of its paths.
     *
     * @param path        the path reported when it fails
     * @param paths       every path the job touches
     * @param mustSucceed what the change is ("MOVED of a/b.mov") when its failure must stop the pass (the scanner
     *                    then delivers it again); null otherwise
     * @param attempt     one attempt: the registration made, or null when there was nothing to do
     */
    void submit(String path, List<String> paths, String mustSucceed, Supplier<Registration> attempt) {
        submit(path, paths, mustSucceed, attempt, () -> { });
    }

    /**
     * Accepts one file's registration as {@link #submit(String, List, String, Supplier)} does, and says when it has
     * finished (registered, failed, or left to the journal by a stop).
     *
     * @param path        the path reported when it fails
     * @param paths       every path the job touches
     * @param mustSucceed as for the other {@code submit}
     * @param attempt     one attempt: the registration made, or null when there was nothing to do
     * @param finished    run once the job has finished, after the registration was handed on
     */
    synchronized void submit(String path, List<String> paths, String mustSucceed, Supplier<Registration> attempt,
                             Runnable finished) {
        Job job = new Job(path, List.copyOf(paths), mustSucceed, attempt, finished);
        try {
            for (String p : job.paths()) {
                CompletableFuture<Void> busy = inFlight.get(p);
                if (busy != null) {
                    busy.join(); // submitters take turns (synchronized): nobody else can take the path meanwhile
                }
            }
            accepted.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IconikException("interrupted while handing " + path + " to registration", e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        job.paths().forEach(p -> inFlight.put(p, done));
        pending.incrementAndGet();
        start(job, done);
    }

    /**
     * Runs the job's attempts: each on a worker of the bulkhead, the waits between them on the timer (Resilience4j's
     * asynchronous retry), so that no worker sleeps through a file's back-off.
     */
    private void start(Job job, CompletableFuture<Void> done) {
        retry.executeCompletionStage(timer, () -> attemptUntilSent(job)).whenComplete((r, error) -> {
            if (error == null) {
                if (r != null) {
                    if (counts.outcome(r.path(), r.outcome())) { // a resumed file is counted and reported once
                        events.emit(new IngestEvent.FileRegistered(r.path(), r.outcome(),
                                Optional.ofNullable(r.assetId())));
                    }
                    next.accept(r);
                }
            } else {
                Throwable e = unwrapped(error);
                if (!(e instanceof StopRequested)) {
                    failed(job, e instanceof IconikException ie ? ie : new IconikException(e.toString(), e));
                }
            }
            finish(job, done);
        });
    }

    /**
     * One attempt as the retry counts them: tried again after each refusal by an open breaker, while the stage is
     * patient (see the class comment), waiting on the timer in between.
     */
    private CompletionStage<Registration> attemptUntilSent(Job job) {
        CompletableFuture<Registration> outcome = new CompletableFuture<>();
        tryOnce(job, outcome);
        return outcome;
    }

    private void tryOnce(Job job, CompletableFuture<Registration> outcome) {
        long closingsBefore = closings.get();
        attemptOnWorker(job).whenComplete((r, error) -> {
            if (error == null) {
                refusedSince.set(NOT_REFUSED); // iconik answered every call of the attempt
                outcome.complete(r);
                return;
            }
            Throwable e = unwrapped(error);
            IconikUnavailableException refused = refusal(e);
            if (refused == null || stopRequested.getAsBoolean() || !stillPatient()) {
                outcome.completeExceptionally(e);
                return;
            }
            Duration wait = refused.retryAfter().orElse(longestRefusedWait);
            wait = wait.compareTo(longestRefusedWait) > 0 ? longestRefusedWait : wait;
            wait = wait.compareTo(SHORTEST_REFUSED_WAIT) < 0 ? SHORTEST_REFUSED_WAIT : wait;
            awaitBreakers(wait, closingsBefore, () -> tryOnce(job, outcome), outcome);
        });
    }

    /** @return what a completion stage failed with, without its {@link CompletionException} wrapper */
    private static Throwable unwrapped(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** @return the breaker's refusal that ended an attempt, or null when the attempt failed otherwise */
    private static IconikUnavailableException refusal(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof IconikUnavailableException u) {
                return u;
            }
        }
        return null;
    }

    /** @return whether the stage still waits for the breakers (starts its patience at the first refusal) */
    private boolean stillPatient() {
        long now = nanoClock.getAsLong();
        refusedSince.compareAndSet(NOT_REFUSED, now);
        long since = refusedSince.get();
        return since == NOT_REFUSED || now - since < outagePatience.toNanos();
    }

    /**
     * Runs {@code again} after {@code wait}, or as soon as a breaker closes (also when one closed since the refused
     * attempt began). A closed stage ends the job unfinished.
     */
    private void awaitBreakers(Duration wait, long closingsBefore, Runnable again,
                               CompletableFuture<Registration> outcome) {
        RefusedWait w = new RefusedWait(again);
        waiting.add(w);
        if (closings.get() != closingsBefore) {
            w.fire(); // a breaker closed while the attempt ran: its event may have missed this file
            return;
        }
        try {
            w.scheduled = timer.schedule(w::fire, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            waiting.remove(w);
            outcome.completeExceptionally(new StopRequested());
        }
    }

    /** A file waiting after a refusal; fires once, on its timer or on a breaker closing. */
    private final class RefusedWait {
        private final Runnable again;
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ScheduledFuture<?> scheduled;

        RefusedWait(Runnable again) {
            this.again = again;
        }

        void fire() {
            if (fired.compareAndSet(false, true)) {
                waiting.remove(this);
                ScheduledFuture<?> s = scheduled;
                if (s != null) {
                    s.cancel(false);
                }
                again.run();
            }
        }
    }

    /** A breaker of the client closed: iconik answers again, so the refused files go now. */
    private void onResilienceEvent(ResilienceEvent event) {
        if (event.type() != ResilienceEvent.Type.CIRCUIT_CLOSED) {
            return;
        }
        closings.incrementAndGet();
        for (RefusedWait w : waiting) {
            try {
                timer.execute(w::fire); // never on the thread that closed the breaker (a sender thread)
            } catch (RejectedExecutionException closed) {
                return; // the stage is closed; its jobs end with it
            }
        }
    }

    /** One attempt on a worker; never throws here, so that the retry always hears how it ended. */
    private CompletionStage<Registration> attemptOnWorker(Job job) {
        try {
            return bulkhead.executeSupplier(() -> {
                if (stopRequested.getAsBoolean()) {
                    throw new StopRequested(); // the journal keeps the file's progress; the next pass resumes it
                }
                return job.attempt().get();
            });
        } catch (BulkheadFullException | IllegalStateException e) {
            // Cannot happen while accepted permits bound the queue; a closed stage ends the job unfinished.
            return CompletableFuture.failedFuture(new StopRequested());
        }
    }

    /** Ends a job without an attempt or a failure: a stop, or a closed stage. */
    private static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stop requested", null, false, false);
        }
    }

    private void failed(Job job, IconikException e) {
        if (stopRequested.getAsBoolean()) {
            return;
        }
        counts.failed(job.path());
        events.emit(new IngestEvent.FileFailed(job.path(), String.valueOf(e.getMessage())));
        if (job.mustSucceed() != null) {
            mustSucceedFailure = new IconikException("could not record " + job.mustSucceed() + " in iconik ("
                    + e.getMessage() + "); the pass stops and the change is reported again on the next one", e);
        }
    }

    private void finish(Job job, CompletableFuture<Void> done) {
        job.paths().forEach(p -> inFlight.remove(p, done));
        done.complete(null);
        try {
            job.finished().run();
        } catch (RuntimeException e) {
            events.notice("after the registration of " + job.path() + ": " + e.getMessage());
        }
        accepted.release();
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /**
     * Waits until every accepted job has finished (registered, failed, or left to the journal by a stop).
     *
     * @throws IconikException if a change that must succeed failed: the pass stops and the scanner reports the
     *                         change again on the next one
     */
    void awaitIdle() {
        synchronized (idle) {
            while (pending.get() > 0) {
                try {
                    idle.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IconikException("interrupted while waiting for registrations", e);
                }
            }
        }
        IconikException failure = mustSucceedFailure;
        if (failure != null) {
            mustSucceedFailure = null;
            throw failure;
        }
    }

    /** @return files accepted and not finished */
    int backlog() {
        return pending.get();
    }

    /** Stops the timer and the workers; an attempt in flight ends with its request. */
    @Override
    public void close() {
        if (breakers != null) {
            breakers.removeListener(breakerClosed);
        }
        timer.shutdownNow();
        try {
            bulkhead.close();
        } catch (Exception e) {
            // nothing to release beyond the threads
        }
    }
}
