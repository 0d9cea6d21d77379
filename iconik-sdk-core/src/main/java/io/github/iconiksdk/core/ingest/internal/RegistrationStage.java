package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Registers several files at once: the stage between the scanner (and the journal's unfinished registrations)
 * and the {@link RenditionStage}. Attempts run on a Resilience4j {@link ThreadPoolBulkhead} of
 * {@code registration-workers} threads; every request they make also waits for the client's rate limiter, so the
 * workers share iconik's limit rather than multiply it. A file whose attempt failed waits out its back-off on a
 * timer, not on a worker: a file in back-off never holds up the others. At most four times the worker count of
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
        start(job, 0, done);
    }

    private void start(Job job, int attempt, CompletableFuture<Void> done) {
        try {
            bulkhead.executeRunnable(() -> attempt(job, attempt, done));
        } catch (BulkheadFullException | IllegalStateException e) {
            // Cannot happen while accepted permits bound the queue; a closed stage ends the job unfinished.
            finish(job, done);
        }
    }

    private void attempt(Job job, int attempt, CompletableFuture<Void> done) {
        if (stopRequested.getAsBoolean()) {
            finish(job, done); // the journal keeps the file's progress; the next pass resumes it
            return;
        }
        try {
            Registration r = job.attempt().get();
            if (r != null) {
                counts.outcome(r.outcome());
                events.emit(new IngestEvent.FileRegistered(r.path(), r.outcome(),
                        Optional.ofNullable(r.assetId())));
                next.accept(r);
            }
            finish(job, done);
        } catch (IconikException e) {
            if (attempt + 1 < ATTEMPTS && !stopRequested.getAsBoolean()) {
                long wait = FIRST_BACKOFF.toMillis() << attempt;
                try {
                    timer.schedule(() -> start(job, attempt + 1, done), wait, TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    // the stage is closing: the file is left to the journal
                }
            }
            failed(job, e);
            finish(job, done);
        } catch (RuntimeException e) {
            failed(job, new IconikException(e.toString(), e));
            finish(job, done);
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
