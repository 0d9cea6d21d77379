package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.core.ingest.IngestEvent;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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

    /** One file's registration: its paths, and an attempt that returns the registration or null (nothing done). */
    private record Job(String path, List<String> paths, String mustSucceed, Supplier<Registration> attempt,
                       Runnable finished) {
    }

    /**
     * @param workers       registrations attempted at once
     * @param events        where reports go
     * @param counts        the pass's counts
     * @param stopRequested true once the pass should end: no further attempt starts
     * @param next          receives every registration made (the rendition stage)
     */
    RegistrationStage(int workers, Events events, PassCounts counts, BooleanSupplier stopRequested,
                      Consumer<Registration> next) {
        this(workers, FIRST_BACKOFF, events, counts, stopRequested, next);
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
        retry.executeCompletionStage(timer, () -> attemptOnWorker(job)).whenComplete((r, error) -> {
            if (error == null) {
                if (r != null) {
                    if (counts.outcome(r.path(), r.outcome())) { // a resumed file is counted and reported once
                        events.emit(new IngestEvent.FileRegistered(r.path(), r.outcome(),
                                Optional.ofNullable(r.assetId())));
                    }
                    next.accept(r);
                }
            } else {
                Throwable e = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (!(e instanceof StopRequested)) {
                    failed(job, e instanceof IconikException ie ? ie : new IconikException(e.toString(), e));
                }
            }
            finish(job, done);
        });
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
        timer.shutdownNow();
        try {
            bulkhead.close();
        } catch (Exception e) {
            // nothing to release beyond the threads
        }
    }
}
