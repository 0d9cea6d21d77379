// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ScanListener;
import io.github.iconiksdk.api.scan.ScanStateStore;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.scan.StorageScanner;
import io.github.iconiksdk.core.pattern.PatternSet;
import io.github.iconiksdk.core.scan.internal.NodeFilter;
import io.github.iconiksdk.core.scan.internal.ScanDirectories;
import io.github.iconiksdk.core.scan.internal.ScanPass;
import io.github.iconiksdk.core.state.SqliteScanStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SDK's {@link StorageScanner} for a local or mounted file system: walks the storage root (or its scan
 * directories) in a fixed order, compares what it finds with its {@link ScanStateStore}, and reports what changed.
 *
 * <pre>{@code
 * try (StorageScanner scanner = FileSystemScanner.builder()
 *         .root(Path.of("/mnt/media"))
 *         .patterns(PatternSet.builder().scanIgnore(Patterns.DEFAULT_SCAN_IGNORE).build())
 *         .stateFile(Path.of("/var/lib/gateway/scan.db"))
 *         .build()) {
 *     ScanSummary s = scanner.scanOnce(event -> System.out.println(event));
 * }
 * }</pre>
 *
 * <p>What it promises:
 * <ul>
 *   <li>A file is stable once its size, modification time and file key have stayed the same for the growing-files
 *   threshold, counted from its modification time when that lies in the past (from the observation that saw a
 *   change of size alone otherwise). Until then it is reported as {@code GROWING} on every pass, never as
 *   {@code NEW} or {@code MODIFIED}.</li>
 *   <li>{@code MOVED} needs the same file key, size and time at the old and the new path (or, where the file
 *   system has no file keys, the same size, time and checksum); anything else is {@code REMOVED} plus
 *   {@code NEW}, so a recycled inode is never mistaken for a move. A renamed folder gives one {@code MOVED} per
 *   file.</li>
 *   <li>Folders matched by the ignore list are never listed; files are reported only if the include list (when
 *   not empty) keeps them. A known file that becomes ignored is reported {@code REMOVED}.</li>
 *   <li>A folder that cannot be listed, or a file that cannot be examined or read, is reported {@code UNREADABLE};
 *   what the store knows under it is left alone and tried again on the next pass.</li>
 *   <li>Delivery is at least once (see {@link ScanListener}).</li>
 * </ul>
 *
 * <p>The scanner owns its store and closes it in {@link #close()}.
 */
public final class FileSystemScanner implements StorageScanner {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemScanner.class);
    /** A growing file is looked at again this long after it should have become stable (clock granularity). */
    private static final long RECHECK_MARGIN_MILLIS = 50;

    private final ScanPass.Settings settings;
    private final ScanStateStore store;
    private final Clock clock;
    private final ExecutorService hashPool;
    private final ExecutorService listingPool;
    /** Change hints, or {@code null} when off or unavailable. */
    private final ChangeHints hints;
    /** Without hints: what {@link #wakeUp} signals (and {@link #close}); guards {@link #wokenUp}. */
    private final Object noHintsWake = new Object();
    /** Without hints: a {@link #wakeUp} not yet taken by a wait. */
    private boolean wokenUp;
    private final long thresholdMillis;
    private final ReentrantLock passLock = new ReentrantLock();
    private final Object lifecycle = new Object();
    private Periodic periodic;
    private boolean closed;

    private FileSystemScanner(Builder b) {
        this.clock = b.clock;
        this.store = b.store != null ? b.store : SqliteScanStateStore.open(b.stateFile);
        NodeFilter filter = filter(b.ignore, b.include);
        this.hints = b.watch ? openHints(b) : null;
        this.thresholdMillis = b.growingThreshold.toMillis();
        this.settings = new ScanPass.Settings(b.root, ScanDirectories.normalise(b.scanDirectories), filter,
                b.followLinks, b.growingThreshold, b.checksums, b.checksumWorkers * 4,
                b.concurrency > 1 ? b.concurrency * 2 : 0, b.batchSize, b.progress,
                hints == null ? null : hints::watch);
        this.hashPool = b.checksums ? Executors.newFixedThreadPool(b.checksumWorkers, threads("iconik-checksum"))
                : null;
        this.listingPool = b.concurrency > 1
                ? Executors.newFixedThreadPool(b.concurrency, threads("iconik-scan-list")) : null;
    }

    private static ChangeHints openHints(Builder b) {
        try {
            return ChangeHints.open(b.root, b.maxWatchedFolders, ChangeHints.DEFAULT_SETTLE);
        } catch (IconikException e) {
            LOG.warn("scanning {} without change hints: {}", b.root, e.getMessage());
            return null;
        }
    }

    private static NodeFilter filter(IgnoreMatcher ignore, IgnoreMatcher include) {
        return (path, directory) -> {
            if (ignore.matches(path, directory)) {
                return false;
            }
            return directory || include.isEmpty() || include.matches(path, false);
        };
    }

    /** @return a builder; {@link Builder#root} and a store ({@link Builder#stateFile} or {@link Builder#store}) are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if a pass is already running (for example a periodic one) or the scanner is
     *                               closed
     */
    @Override
    public ScanSummary scanOnce(ScanListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("scanner is closed");
            }
        }
        if (!passLock.tryLock()) {
            throw new IllegalStateException("a scan pass is already running");
        }
        try {
            return runPass(listener);
        } finally {
            passLock.unlock();
        }
    }

    /**
     * Runs a partial pass over some folders and blocks until it has finished: each folder is walked with all it
     * holds and compared with the store, and nothing outside them is looked at, so a file elsewhere is never
     * reported {@code REMOVED} by it. Moves between the folders of one call are found; a move from elsewhere is
     * {@code NEW} here and {@code REMOVED} at the next full pass. A folder that does not exist (any more) is
     * passed over without events. Only what lies inside the scan directories and is not ignored is scanned.
     *
     * @param folders  folders relative to the root ({@code /}-separated; {@code ""} is the whole root)
     * @param listener receives every event; see {@link ScanListener} for delivery guarantees
     * @return the pass's counts
     * @throws IllegalArgumentException                 if a folder leaves the root ({@code ..})
     * @throws IllegalStateException                    if a pass is already running or the scanner is closed
     * @throws io.github.iconiksdk.api.IconikException if the state store fails
     */
    public ScanSummary scanFolders(Collection<String> folders, ScanListener listener) {
        return scanFolders(folders, folder -> true, listener);
    }

    /**
     * Runs a partial pass over some folders as {@link #scanFolders(Collection, ScanListener)} does, walking only the
     * sub-folders that {@code descend} accepts: a sub-folder not walked, and all it holds, is left as the store has
     * it (never reported {@code REMOVED}). With {@code sub -> false} only the files directly in the folders are
     * looked at (the folder of a file someone named).
     *
     * @param folders  folders relative to the root ({@code /}-separated; {@code ""} is the whole root)
     * @param descend  whether to walk a sub-folder found under them (its path relative to the root)
     * @param listener receives every event; see {@link ScanListener} for delivery guarantees
     * @return the pass's counts
     * @throws IllegalArgumentException                 if a folder leaves the root ({@code ..})
     * @throws IllegalStateException                    if a pass is already running or the scanner is closed
     * @throws io.github.iconiksdk.api.IconikException if the state store fails
     */
    public ScanSummary scanFolders(Collection<String> folders, java.util.function.Predicate<String> descend,
                                   ScanListener listener) {
        Objects.requireNonNull(folders, "folders");
        Objects.requireNonNull(descend, "descend");
        Objects.requireNonNull(listener, "listener");
        List<String> normalised = new ArrayList<>();
        for (String folder : folders) {
            normalised.addAll(ScanDirectories.normalise(List.of(folder)));
        }
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("scanner is closed");
            }
        }
        if (!passLock.tryLock()) {
            throw new IllegalStateException("a scan pass is already running");
        }
        try {
            return runPartialPass(normalised, descend, listener);
        } finally {
            passLock.unlock();
        }
    }

    /** @return whether change hints are on (asked for with {@link Builder#watch} and offered by the file system) */
    public boolean isWatching() {
        return hints != null;
    }

    private ScanSummary runPartialPass(Collection<String> folders, java.util.function.Predicate<String> descend,
                                       ScanListener listener) {
        LOG.debug("partial scan pass of {} starting", folders);
        ScanSummary summary = ScanPass.runPartial(settings, folders, descend, store, withRechecks(listener),
                hashPool, listingPool, clock);
        LOG.debug("partial scan pass finished: {}", summary);
        return summary;
    }

    /**
     * What {@link #scanChanges} did.
     *
     * @param partialPass    the counts of the partial pass it ran over the changed folders, or {@code null} if
     *                       nothing was due before the timeout
     * @param fullPassNeeded whether notifications were lost, so that only a full pass ({@link #scanOnce}) can tell
     *                       what changed; no partial pass ran then
     */
    public record ChangeScan(ScanSummary partialPass, boolean fullPassNeeded) {
    }

    /**
     * For a caller that runs its own loop of full passes ({@link #scanOnce} every interval): waits up to
     * {@code timeout} for change hints and, when folders are due, runs a partial pass over them (their files and
     * the sub-folders not watched; see {@link Builder#watch}) and returns. Growing files seen by any pass of a
     * watching scanner make their folder due again once their threshold has passed. Without hints (off, or not
     * offered by the file system) it just waits for the timeout, or until {@link #wakeUp} or {@link #close}.
     *
     * @param timeout  the longest wait for something to be due
     * @param listener receives the partial pass's events; see {@link ScanListener} for delivery guarantees
     * @return what was done
     * @throws InterruptedException                     if the thread is interrupted while waiting
     * @throws IllegalStateException                    if a pass is already running or the scanner is closed
     * @throws io.github.iconiksdk.api.IconikException if the state store fails
     */
    public ChangeScan scanChanges(Duration timeout, ScanListener listener) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("scanner is closed");
            }
        }
        if (hints == null) {
            awaitWakeUp(timeout);
            return new ChangeScan(null, false);
        }
        ChangeHints.Due due = hints.awaitDue(timeout);
        if (due.fullPass()) {
            return new ChangeScan(null, true);
        }
        if (due.folders().isEmpty()) {
            return new ChangeScan(null, false);
        }
        if (!passLock.tryLock()) {
            due.folders().forEach(folder -> hints.recheck(folder, Duration.ZERO)); // not lost: due again
            throw new IllegalStateException("a scan pass is already running");
        }
        try {
            return new ChangeScan(runPartialPass(due.folders(), sub -> !hints.isWatched(sub), listener), false);
        } finally {
            passLock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} until change hints have folders due (or were lost), without scanning: a following
     * {@link #scanChanges} then runs at once. For a caller with work to do between learning that something changed
     * and scanning it (the ingest pipeline reads the storage's settings). Without hints it just waits the timeout (or
     * until {@link #wakeUp} or {@link #close}).
     *
     * @param timeout the longest wait
     * @return true if a {@link #scanChanges} would now do something; false after the timeout or {@link #wakeUp}
     * @throws InterruptedException  if the thread is interrupted while waiting
     * @throws IllegalStateException if the scanner is closed
     */
    public boolean awaitChanges(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("scanner is closed");
            }
        }
        if (hints == null) {
            awaitWakeUp(timeout);
            return false;
        }
        return hints.awaitAnyDue(timeout);
    }

    /**
     * Makes an {@link #awaitChanges} or {@link #scanChanges} wait in progress, or else the next one, return at once
     * without a pass (for a caller that wants to stop, or to start its full pass early). Any thread; with or without
     * hints.
     */
    public void wakeUp() {
        if (hints != null) {
            hints.wakeUp();
        } else {
            synchronized (noHintsWake) {
                wokenUp = true;
                noHintsWake.notifyAll();
            }
        }
    }

    /**
     * Without hints nothing can become due, so the wait is a plain blocking one (no polling, nothing tried again):
     * it ends at the timeout, or at once on a {@link #wakeUp} (made during the wait or before it) or {@link #close}.
     */
    private void awaitWakeUp(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + Math.max(0, timeout.toNanos());
        synchronized (noHintsWake) {
            long left;
            while (!wokenUp && (left = end - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(noHintsWake, left);
            }
            wokenUp = false;
        }
    }

    private ScanListener withRechecks(ScanListener listener) {
        return hints == null ? listener : new GrowingRecheck(listener);
    }

    private ScanSummary runPass(ScanListener listener) {
        LOG.debug("scan pass of {} starting", settings);
        ScanSummary summary = ScanPass.run(settings, store, withRechecks(listener), hashPool, listingPool, clock);
        LOG.debug("scan pass finished: {}", summary);
        return summary;
    }

    @Override
    public PeriodicScan startPeriodic(Duration interval, ScanListener listener) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(listener, "listener");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("scanner is closed");
            }
            if (periodic != null && !periodic.stopped) {
                throw new IllegalStateException("periodic scanning is already running");
            }
            periodic = new Periodic(interval, listener);
            periodic.thread.start();
            return periodic;
        }
    }

    @Override
    public void close() {
        Periodic p;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            p = periodic;
        }
        if (p != null) {
            p.close();
        }
        if (hints != null) {
            hints.close();
        }
        synchronized (noHintsWake) {
            wokenUp = true; // a wait without hints in progress ends at once
            noHintsWake.notifyAll();
        }
        passLock.lock();
        try {
            shutdown(hashPool);
            shutdown(listingPool);
            store.close();
        } finally {
            passLock.unlock();
        }
    }

    private static void shutdown(ExecutorService pool) {
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A pass every interval, on its own thread, one at a time; {@link #scanNow()} cuts the wait short. */
    private final class Periodic implements PeriodicScan {
        private final Duration interval;
        private final ScanListener listener;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition wake = lock.newCondition();
        private final Thread thread;
        private boolean requested = true;
        private volatile boolean stopped;
        private volatile ScanSummary last;

        Periodic(Duration interval, ScanListener listener) {
            this.interval = interval;
            this.listener = listener;
            this.thread = new Thread(this::loop, "iconik-scan-periodic");
            this.thread.setDaemon(true);
        }

        private void loop() {
            long nextFull = System.nanoTime();
            while (true) {
                boolean full = false;
                lock.lock();
                try {
                    while (true) {
                        if (stopped) {
                            return;
                        }
                        long wait = nextFull - System.nanoTime();
                        if (requested || wait <= 0) {
                            requested = false;
                            full = true;
                            break;
                        }
                        if (hints != null) {
                            break; // wait on the hints below, outside this lock
                        }
                        wake.awaitNanos(wait);
                    }
                } catch (InterruptedException e) {
                    return;
                } finally {
                    lock.unlock();
                }
                java.util.Set<String> folders = java.util.Set.of();
                if (!full) {
                    ChangeHints.Due due;
                    try {
                        due = hints.awaitDue(Duration.ofNanos(Math.max(0, nextFull - System.nanoTime())));
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (due.isEmpty()) {
                        continue; // timed out, woken by scanNow or close: decided above
                    }
                    full = due.fullPass();
                    folders = due.folders();
                }
                passLock.lock();
                try {
                    if (stopped) {
                        return;
                    }
                    if (full) {
                        last = runPass(listener);
                    } else {
                        runPartialPass(folders, sub -> !hints.isWatched(sub), listener);
                    }
                } catch (RuntimeException e) {
                    // A failed pass (listener, store, unreadable root) is retried at the next interval.
                    LOG.warn("scan pass failed; retrying in {}: {}", interval, e.toString());
                } finally {
                    passLock.unlock();
                }
                if (full) {
                    nextFull = System.nanoTime() + interval.toNanos();
                }
            }
        }

        @Override
        public void scanNow() {
            lock.lock();
            try {
                requested = true;
                wake.signalAll();
            } finally {
                lock.unlock();
            }
            if (hints != null) {
                hints.wakeUp();
            }
        }

        @Override
        public Optional<ScanSummary> lastSummary() {
            return Optional.ofNullable(last);
        }

        @Override
        public void close() {
            lock.lock();
            try {
                stopped = true;
                wake.signalAll();
            } finally {
                lock.unlock();
            }
            if (hints != null) {
                hints.wakeUp();
            }
            if (Thread.currentThread() != thread) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Passes events on and asks the hints for another look at the folder of a growing file once its threshold
     * will have passed, so that it is reported then rather than at the next full pass.
     */
    private final class GrowingRecheck implements ScanListener {
        private final ScanListener delegate;

        GrowingRecheck(ScanListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onEvent(ScanEvent event) {
            delegate.onEvent(event);
            if (event instanceof ScanEvent.Growing growing) {
                long now = clock.millis();
                // Stable at its time + threshold if the time says when it last changed (not in the future).
                long since = Math.min(growing.modified().toEpochMilli(), now);
                long stableAt = since + thresholdMillis;
                if (stableAt <= now) {
                    stableAt = now + thresholdMillis;
                }
                int slash = event.path().lastIndexOf('/');
                hints.recheck(slash < 0 ? "" : event.path().substring(0, slash),
                        Duration.ofMillis(stableAt - now + RECHECK_MARGIN_MILLIS));
            }
        }

        @Override
        public void flush() {
            delegate.flush();
        }
    }

    @Override
    public String toString() {
        return "FileSystemScanner[" + settings + "]";
    }

    /** Builds a {@link FileSystemScanner}. Not thread-safe. */
    public static final class Builder {
        private Path root;
        private List<String> scanDirectories = List.of();
        private IgnoreMatcher ignore = IgnoreMatcher.NONE;
        private IgnoreMatcher include = IgnoreMatcher.NONE;
        private Duration growingThreshold = Duration.ofSeconds(10);
        private boolean checksums = true;
        private int checksumWorkers = 2;
        private int concurrency = 4;
        private boolean followLinks;
        private Clock clock = Clock.systemUTC();
        private ScanStateStore store;
        private Path stateFile;
        private int batchSize = 1000;
        private ProgressListener progress = ProgressListener.NONE;
        private boolean watch;
        private int maxWatchedFolders = ChangeHints.DEFAULT_MAX_FOLDERS;

        private Builder() {
        }

        /**
         * Turns change hints on or off (off by default). With hints, periodic scanning ({@link #startPeriodic})
         * also watches the folders it walks ({@link ChangeHints}: inotify on Linux) and rescans a changed folder
         * at once, and a growing file's folder again once its threshold has passed, so that a new file is
         * reported about the growing-files threshold after its last write; the full pass every interval stays the
         * source of truth. Where the file system offers no watch service, the scanner logs a warning and scans
         * without hints.
         *
         * @param watch whether to use change hints
         * @return this builder
         */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /**
         * Sets how many folders change hints watch at most (default {@link ChangeHints#DEFAULT_MAX_FOLDERS});
         * the rest is left to the periodic full pass.
         *
         * @param max 1 or more
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxWatchedFolders(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max watched folders must be positive: " + max);
            }
            this.maxWatchedFolders = max;
            return this;
        }

        /**
         * Sets the storage root (iconik's mount point); paths in events are relative to it. Required.
         *
         * @param root an existing folder
         * @return this builder
         */
        public Builder root(Path root) {
            this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
            return this;
        }

        /**
         * Limits scanning to folders below the root (iconik's {@code scan_directories}); each is scanned
         * recursively. Empty (the default) scans the whole root.
         *
         * @param directories paths relative to the root
         * @return this builder
         * @throws IllegalArgumentException if a directory leaves the root
         */
        public Builder scanDirectories(List<String> directories) {
            ScanDirectories.normalise(Objects.requireNonNull(directories, "directories"));
            this.scanDirectories = List.copyOf(directories);
            return this;
        }

        /**
         * Sets the ignore list ({@code scan_ignore}): matching folders are never listed, matching files never
         * reported. Default: nothing ignored.
         *
         * @param ignore the compiled list
         * @return this builder
         */
        public Builder ignore(IgnoreMatcher ignore) {
            this.ignore = Objects.requireNonNull(ignore, "ignore");
            return this;
        }

        /**
         * Takes the ignore and include lists from a storage's pattern set ({@code scan_ignore},
         * {@code scan_include}).
         *
         * @param patterns the storage's compiled patterns
         * @return this builder
         */
        public Builder patterns(PatternSet patterns) {
            Objects.requireNonNull(patterns, "patterns");
            this.ignore = patterns.scanIgnore();
            this.include = patterns.scanInclude();
            return this;
        }

        /**
         * Sets the include list ({@code scan_include}): when not empty, only files it matches are reported
         * (folders are always walked). Default: every file.
         *
         * @param include the compiled list
         * @return this builder
         */
        public Builder include(IgnoreMatcher include) {
            this.include = Objects.requireNonNull(include, "include");
            return this;
        }

        /**
         * Sets how long a file must stay unchanged before it is reported ({@code growing_files_threshold}).
         * Default 10 s; zero makes every file stable at once.
         *
         * @param threshold zero or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder growingThreshold(Duration threshold) {
            if (Objects.requireNonNull(threshold, "threshold").isNegative()) {
                throw new IllegalArgumentException("growing threshold is negative: " + threshold);
            }
            this.growingThreshold = threshold;
            return this;
        }

        /**
         * Turns MD5 checksums of new and changed stable files on (the default) or off.
         *
         * @param checksums whether to compute them
         * @return this builder
         */
        public Builder checksums(boolean checksums) {
            this.checksums = checksums;
            return this;
        }

        /**
         * Sets how many files are hashed at once ({@code checksum_max_workers}). Default 2.
         *
         * @param workers 1 to 64
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder checksumWorkers(int workers) {
            if (workers < 1 || workers > 64) {
                throw new IllegalArgumentException("checksum workers must be 1 to 64: " + workers);
            }
            this.checksumWorkers = workers;
            return this;
        }

        /**
         * Sets how many folders may be listed at once ({@code scanner_concurrency_value}); 1 lists in the
         * scanning thread only. Default 4.
         *
         * @param concurrency 1 to 64
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("scanner concurrency must be 1 to 64: " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Follows symbolic links (off by default). A link to a folder that contains it is reported as an
         * unreadable loop instead of being entered.
         *
         * @param follow whether to follow links
         * @return this builder
         */
        public Builder followLinks(boolean follow) {
            this.followLinks = follow;
            return this;
        }

        /**
         * Sets the clock the growing-files threshold is measured with (tests). Default: the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Keeps the scan state in an embedded SQLite database file, created if missing.
         *
         * @param file the database file
         * @return this builder
         */
        public Builder stateFile(Path file) {
            this.stateFile = Objects.requireNonNull(file, "file");
            this.store = null;
            return this;
        }

        /**
         * Keeps the scan state in a store of your own (for example a server database). The scanner closes it.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(ScanStateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            this.stateFile = null;
            return this;
        }

        /**
         * Sets how many state changes go into one transaction (and so how many events at most are reported again
         * after a crash). Default 1000.
         *
         * @param size 1 to 100000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder batchSize(int size) {
            if (size < 1 || size > 100_000) {
                throw new IllegalArgumentException("batch size must be 1 to 100000: " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Receives how many files a pass has looked at, a few times a second and once at its end (unit
         * {@code "files"}, total unknown). Called in the scanning thread. Default: none.
         *
         * @param progress the listener
         * @return this builder
         */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Builds the scanner and opens its store.
         *
         * @return the scanner
         * @throws IllegalStateException                    if the root or the store is missing
         * @throws io.github.iconiksdk.api.IconikException if the state file cannot be opened
         */
        public FileSystemScanner build() {
            if (root == null) {
                throw new IllegalStateException("root is required");
            }
            if (store == null && stateFile == null) {
                throw new IllegalStateException("a state store is required: stateFile(...) or store(...)");
            }
            return new FileSystemScanner(this);
        }
    }
}
