// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.upload.RegistrationOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What a running gateway is doing, kept up to date by the gateway through {@link GatewayListener} and read, as
 * immutable {@link StatusSnapshot}s, by the status page, the progress display and the report to iconik. Every
 * method is thread-safe; recording is a few atomic updates, so the gateway never waits on a reader.
 */
final class GatewayStatus implements GatewayListener {

    /** How many recent problems are kept (iconik's report takes at most 10 error lines; the page shows these). */
    static final int RECENT_ERRORS = 20;
    /** The window over which files per second are averaged. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    /** How many files' recent events are kept for the status page's file search (the least recent go first). */
    static final int FILE_TRAILS = 20_000;
    /** How often {@code run} samples the series by default. */
    static final Duration SERIES_PERIOD = Duration.ofSeconds(10);

    private final Clock clock;
    private final Instant started;
    private final String version;
    private volatile String storageId;
    private volatile String storageName;
    private volatile ScannerState state = ScannerState.INACTIVE;
    private volatile String stateMessage;
    private volatile Instant lastScanFinished;
    private volatile Duration lastScanDuration;
    private volatile long lastScanFiles;
    private volatile Instant scanStartedAt;
    private final AtomicLong scans = new AtomicLong();
    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong removed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong bytesUploaded = new AtomicLong();
    private final AtomicLong problems = new AtomicLong();
    private final ArrayDeque<StatusSnapshot.Problem> recent = new ArrayDeque<>();
    private final RateCounter rate;
    private volatile IntSupplier transcodeQueue = () -> 0;
    private volatile IntSupplier uploadQueue = () -> 0;
    private volatile Supplier<String> serviceProblem = () -> null;
    private final ErrorGroups errorGroups = new ErrorGroups();
    private final java.util.LinkedHashMap<String, FileTrail> trails = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, FileTrail> eldest) {
            return size() > FILE_TRAILS;
        }
    };
    private final StatusSeries series;

    /**
     * A status whose series are sampled every {@link #SERIES_PERIOD}.
     *
     * @param storageId the storage the gateway serves (its name is learnt from iconik)
     * @param version   the gateway's version, for the page and iconik's report
     * @param clock     the clock (tests pass a fixed or stepped one)
     */
    GatewayStatus(String storageId, String version, Clock clock) {
        this(storageId, version, clock, SERIES_PERIOD);
    }

    /**
     * @param storageId    the storage the gateway serves (its name is learnt from iconik)
     * @param version      the gateway's version, for the page and iconik's report
     * @param clock        the clock (tests pass a fixed or stepped one)
     * @param seriesPeriod how often {@link #sample()} is meant to be called (the series hold an hour of it)
     * @throws IllegalArgumentException if seriesPeriod is not positive or longer than an hour
     */
    GatewayStatus(String storageId, String version, Clock clock, Duration seriesPeriod) {
        this.storageId = Objects.requireNonNull(storageId, "storageId");
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
        this.rate = new RateCounter(clock, RATE_WINDOW);
        this.series = new StatusSeries(seriesPeriod);
    }

    /** @return how often {@link #sample()} is meant to be called */
    Duration seriesPeriod() {
        return series.period();
    }

    /**
     * Tells the status how to learn that iconik itself is failing, apart from a failed pass: while the supplier
     * answers a message (the client's circuit breakers are open or probing), the scanner state reads FAILING with
     * that message; it reads what the passes say again as soon as it answers null.
     *
     * @param problem answers why iconik is failing, or null while it answers
     */
    void serviceHealth(Supplier<String> problem) {
        this.serviceProblem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * Adds a point to each series (files per second since the last sample, files queued now, bytes uploaded since
     * the start); {@code run} calls it every {@link #seriesPeriod()}.
     */
    void sample() {
        series.sample(clock.instant(), registered.get(), safe(transcodeQueue) + safe(uploadQueue),
                bytesUploaded.get());
    }

    /**
     * Tells the status where iconik's command queues are read from (the gateway's command loop, once it runs).
     *
     * @param stats the command queues, empty before the loop runs
     */
    void commands(java.util.function.Supplier<java.util.Optional<io.github.iconiksdk.core.command.CommandStats>> stats) {
        this.commandStats = Objects.requireNonNull(stats, "stats");
    }

    private volatile java.util.function.Supplier<java.util.Optional<io.github.iconiksdk.core.command.CommandStats>>
            commandStats = java.util.Optional::empty;

    /**
     * Tells the status where the queue depths come from (the gateway's transcode and upload pools).
     *
     * @param transcodes files waiting for or in a transcode
     * @param uploads    files waiting for or in an upload
     */
    void queues(IntSupplier transcodes, IntSupplier uploads) {
        this.transcodeQueue = Objects.requireNonNull(transcodes, "transcodes");
        this.uploadQueue = Objects.requireNonNull(uploads, "uploads");
    }

    @Override
    public void storageRead(String id, String name) {
        storageId = id;
        storageName = name;
    }

    @Override
    public void scanStarted() {
        scanStartedAt = clock.instant();
        state = ScannerState.ACTIVE;
        stateMessage = null;
    }

    @Override
    public void scanFinished(ScanSummary summary) {
        lastScanFinished = clock.instant();
        lastScanDuration = summary.elapsed();
        lastScanFiles = summary.filesScanned();
        scans.incrementAndGet();
        state = ScannerState.INACTIVE;
        stateMessage = null;
    }

    @Override
    public void passFailed(String message) {
        state = ScannerState.FAILING;
        stateMessage = message;
        problem(message);
    }

    /**
     * What this run saw happen to one file (none of it survives a restart; the registration journal holds the rest).
     *
     * @param path        the file's path relative to the storage root
     * @param outcome     its last registration's outcome, or null when none happened in this run
     * @param uploads     objects uploaded for it in this run (proxies, keyframes, the original)
     * @param bytes       bytes they held
     * @param failures    registrations that failed in this run
     * @param lastAt      when the last event happened
     * @param lastEvent   what it was
     */
    record FileTrail(String path, RegistrationOutcome outcome, int uploads, long bytes, int failures, Instant lastAt,
                     String lastEvent) {
    }

    /**
     * What this run saw happen to one file, for the status page's file search.
     *
     * @param path the file's path relative to the storage root
     * @return its trail, or empty when nothing happened to it since the start (or it was dropped for newer ones)
     */
    java.util.Optional<FileTrail> file(String path) {
        synchronized (trails) {
            return java.util.Optional.ofNullable(trails.get(path));
        }
    }

    private void trail(String path, java.util.function.UnaryOperator<FileTrail> change) {
        if (path == null) {
            return;
        }
        synchronized (trails) {
            FileTrail t = trails.get(path);
            trails.put(path, change.apply(t != null ? t : new FileTrail(path, null, 0, 0, 0, clock.instant(), "")));
        }
    }

    @Override
    public void fileRegistered(String path, RegistrationOutcome outcome) {
        Instant now = clock.instant();
        trail(path, t -> new FileTrail(t.path(), outcome, t.uploads(), t.bytes(), t.failures(), now,
                "registration: " + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        switch (outcome) {
            case ALREADY_REGISTERED -> unchanged.incrementAndGet();
            case REMOVED -> removed.incrementAndGet();
            default -> {
                registered.incrementAndGet();
                rate.add();
            }
        }
    }

    @Override
    public void fileFailed(String path, String message) {
        failed.incrementAndGet();
        Instant now = clock.instant();
        trail(path, t -> new FileTrail(t.path(), t.outcome(), t.uploads(), t.bytes(), t.failures() + 1, now,
                "registration failed: " + message));
        record(path + ": " + message, path);
    }

    @Override
    public void uploaded(String path, long bytes) {
        uploads.incrementAndGet();
        bytesUploaded.addAndGet(Math.max(0, bytes));
        Instant now = clock.instant();
        trail(path, t -> new FileTrail(t.path(), t.outcome(), t.uploads() + 1, t.bytes() + Math.max(0, bytes), t.failures(),
                now, "uploaded " + Math.max(0, bytes) + " bytes"));
    }

    @Override
    public void problem(String message) {
        record(message, null);
    }

    private void record(String message, String path) {
        problems.incrementAndGet();
        StatusSnapshot.Problem p = new StatusSnapshot.Problem(clock.instant(), String.valueOf(message));
        errorGroups.add(p.at(), p.message(), path);
        synchronized (recent) {
            if (recent.size() == RECENT_ERRORS) {
                recent.removeFirst();
            }
            recent.addLast(p);
        }
    }

    /** @return the state now, consistent enough for display: each field is read once */
    StatusSnapshot snapshot() {
        List<StatusSnapshot.Problem> errors;
        synchronized (recent) {
            errors = new ArrayList<>(recent);
        }
        Instant now = clock.instant();
        ScannerState shown = state;
        String message = stateMessage;
        Instant scanning = shown == ScannerState.ACTIVE ? scanStartedAt : null;
        String service = serviceProblem();
        if (service != null && shown != ScannerState.FAILING) {
            shown = ScannerState.FAILING;
            message = service;
        }
        return new StatusSnapshot(storageId, storageName, version, started, now, shown, message,
                scanning, lastScanFinished, lastScanDuration, lastScanFiles, scans.get(), safe(transcodeQueue),
                safe(uploadQueue), registered.get(), unchanged.get(), removed.get(), failed.get(), rate.perSecond(),
                uploads.get(), bytesUploaded.get(), problems.get(), List.copyOf(errors), errorGroups.groups(),
                errorGroups.evicted(), series.points(),
                Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory(),
                Runtime.getRuntime().maxMemory(), commandStats());
    }

    private io.github.iconiksdk.core.command.CommandStats commandStats() {
        try {
            return commandStats.get().orElse(null);
        } catch (RuntimeException e) {
            return null; // a journal that cannot be read leaves the section out, not the page
        }
    }

    private String serviceProblem() {
        try {
            return serviceProblem.get();
        } catch (RuntimeException e) {
            return null; // a health source that fails says nothing about iconik
        }
    }

    private static int safe(IntSupplier s) {
        try {
            return Math.max(0, s.getAsInt());
        } catch (RuntimeException e) {
            return 0; // a pool being replaced between passes
        }
    }

    /** Counts events in one-second buckets over a sliding window. */
    static final class RateCounter {
        private final Clock clock;
        private final int seconds;
        private final long[] bucketSecond;
        private final long[] counts;

        RateCounter(Clock clock, Duration window) {
            this.clock = clock;
            this.seconds = (int) Math.max(1, window.toSeconds());
            this.bucketSecond = new long[seconds];
            this.counts = new long[seconds];
        }

        synchronized void add() {
            long now = clock.instant().getEpochSecond();
            int i = (int) Math.floorMod(now, (long) seconds);
            if (bucketSecond[i] != now) {
                bucketSecond[i] = now;
                counts[i] = 0;
            }
            counts[i]++;
        }

        /** @return the events of the last {@code window} seconds, this one included, divided by the window */
        synchronized double perSecond() {
            long now = clock.instant().getEpochSecond();
            long sum = 0;
            for (int i = 0; i < seconds; i++) {
                if (now - bucketSecond[i] < seconds && bucketSecond[i] <= now) {
                    sum += counts[i];
                }
            }
            return (double) sum / seconds;
        }
    }
}
