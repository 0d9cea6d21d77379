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

    /**
     * @param storageId the storage the gateway serves (its name is learnt from iconik)
     * @param version   the gateway's version, for the page and iconik's report
     * @param clock     the clock (tests pass a fixed or stepped one)
     */
    GatewayStatus(String storageId, String version, Clock clock) {
        this.storageId = Objects.requireNonNull(storageId, "storageId");
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
        this.rate = new RateCounter(clock, RATE_WINDOW);
    }

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

    @Override
    public void fileRegistered(String path, RegistrationOutcome outcome) {
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
        problem(path + ": " + message);
    }

    @Override
    public void uploaded(String path, long bytes) {
        uploads.incrementAndGet();
        bytesUploaded.addAndGet(Math.max(0, bytes));
    }

    @Override
    public void problem(String message) {
        problems.incrementAndGet();
        StatusSnapshot.Problem p = new StatusSnapshot.Problem(clock.instant(), String.valueOf(message));
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
        Instant scanning = state == ScannerState.ACTIVE ? scanStartedAt : null;
        return new StatusSnapshot(storageId, storageName, version, started, now, state, stateMessage,
                scanning, lastScanFinished, lastScanDuration, lastScanFiles, scans.get(), safe(transcodeQueue),
                safe(uploadQueue), registered.get(), unchanged.get(), removed.get(), failed.get(), rate.perSecond(),
                uploads.get(), bytesUploaded.get(), problems.get(), List.copyOf(errors),
                Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory(),
                Runtime.getRuntime().maxMemory());
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
