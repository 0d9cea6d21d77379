// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.api.IconikException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Change hints for a scanner: the file system's own notifications (a {@link WatchService}, inotify on Linux) over
 * the folders a scan has walked, turned into "these folders changed, look at them again" so that a new file is
 * found seconds after it was written instead of at the next periodic pass.
 *
 * <p>Hints are only hints. They can be lost (a notification queue that overflows, a folder created and filled
 * before it was watched) or absent (network mounts give none), so the periodic full pass stays the source of
 * truth. What a hint object does about that:
 * <ul>
 *   <li>Folders are watched one by one as a scan lists them ({@link #watch}); a folder the scan has not walked yet
 *   is not watched, and a partial pass enters every sub-folder that is not watched, so a new sub-folder tree is
 *   walked (and watched) by the pass its parent's hint starts.</li>
 *   <li>A lost notification (overflow) is reported as a request for a full pass ({@link Due#fullPass()}).</li>
 *   <li>Memory is bounded: at most {@code maxFolders} folders are watched (beyond that, and beyond the operating
 *   system's own limit, the rest is left to the periodic pass, with one warning), and the folders waiting to be
 *   looked at are a subset of those.</li>
 * </ul>
 *
 * <p>Folders are paths relative to the root, {@code /}-separated, {@code ""} for the root itself. Thread-safe:
 * scans register folders from their listing threads while one thread takes what is due.
 */
public final class ChangeHints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeHints.class);

    /** How many folders are watched at most, by default. */
    public static final int DEFAULT_MAX_FOLDERS = 65_536;

    /** By default, a folder is due this long after its first notification, so that a burst becomes one pass. */
    public static final Duration DEFAULT_SETTLE = Duration.ofMillis(200);

    /**
     * What is due for a look: some folders, or a full pass because notifications were lost.
     *
     * @param folders  folders to look at again (relative to the root), empty when nothing is due
     * @param fullPass whether notifications were lost, so that only a full pass can tell what changed
     */
    public record Due(Set<String> folders, boolean fullPass) {

        /** Nothing due. */
        public static final Due NOTHING = new Due(Set.of(), false);

        /**
         * Copies the folders.
         *
         * @param folders  folders to look at again (relative to the root)
         * @param fullPass whether only a full pass can tell what changed
         * @throws NullPointerException if {@code folders} is null
         */
        public Due {
            folders = Set.copyOf(folders);
        }

        /** @return whether nothing is due */
        public boolean isEmpty() {
            return folders.isEmpty() && !fullPass;
        }
    }

    private final Path root;
    private final WatchService service;
    private final int maxFolders;
    private final long settleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<WatchKey, String> folderOfKey = new HashMap<>();
    private final Map<String, WatchKey> keyOfFolder = new HashMap<>();
    /** Folder to the {@link System#nanoTime()} at which it is due. */
    private final Map<String, Long> due = new HashMap<>();
    private final Thread thread;
    private boolean lost;
    private boolean woken;
    private boolean closed;
    private boolean warnedFull;

    private ChangeHints(Path root, WatchService service, int maxFolders, Duration settle) {
        this.root = root;
        this.service = service;
        this.maxFolders = maxFolders;
        this.settleNanos = settle.toNanos();
        this.thread = new Thread(this::takeNotifications, "iconik-change-hints");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Starts change hints below a root with the defaults ({@link #DEFAULT_MAX_FOLDERS}, {@link #DEFAULT_SETTLE}).
     *
     * @param root the storage root
     * @return the hints, watching nothing yet
     * @throws IconikException if the root's file system offers no watch service, naming the root
     */
    public static ChangeHints open(Path root) {
        return open(root, DEFAULT_MAX_FOLDERS, DEFAULT_SETTLE);
    }

    /**
     * Starts change hints below a root.
     *
     * @param root       the storage root
     * @param maxFolders how many folders may be watched at most, positive
     * @param settle     how long after its first notification a folder is due, zero or positive
     * @return the hints, watching nothing yet
     * @throws IllegalArgumentException if {@code maxFolders} is not positive or {@code settle} is negative
     * @throws IconikException          if the root's file system offers no watch service, naming the root
     */
    public static ChangeHints open(Path root, int maxFolders, Duration settle) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(settle, "settle");
        if (maxFolders <= 0) {
            throw new IllegalArgumentException("maxFolders must be positive: " + maxFolders);
        }
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative: " + settle);
        }
        Path absolute = root.toAbsolutePath().normalize();
        FileSystem fs = absolute.getFileSystem();
        try {
            return new ChangeHints(absolute, fs.newWatchService(), maxFolders, settle);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IconikException("no change hints for " + absolute + ": the file system offers no watch"
                    + " service (" + e + ")", e);
        }
    }

    /** @return the root the folders are relative to */
    public Path root() {
        return root;
    }

    /**
     * Watches a folder (not its sub-folders) from now on; call it just before listing the folder, so that nothing
     * written after the listing goes unnoticed. Does nothing if it is already watched.
     *
     * @param folder the folder relative to the root
     * @return whether the folder is watched; {@code false} when the limit (this object's or the operating
     *         system's) is reached, the folder cannot be watched, or the hints are closed
     */
    public boolean watch(String folder) {
        Objects.requireNonNull(folder, "folder");
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (keyOfFolder.containsKey(folder)) {
                return true;
            }
            if (keyOfFolder.size() >= maxFolders) {
                warnFull("the limit of " + maxFolders + " watched folders is reached");
                return false;
            }
        } finally {
            lock.unlock();
        }
        WatchKey key;
        try {
            // Registered outside the lock: the JDK's watch service hands it to its own thread and waits.
            key = root.resolve(folder).register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (ClosedWatchServiceException e) {
            return false;
        } catch (IOException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("limit")) {
                warnFull("the operating system's limit is reached (" + reason + "; on Linux see"
                        + " fs.inotify.max_user_watches)");
            } else {
                LOG.debug("cannot watch {}: {}", folder, e.toString());
            }
            return false;
        }
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            String previous = folderOfKey.put(key, folder);
            if (previous != null && !previous.equals(folder)) {
                keyOfFolder.remove(previous); // the same folder under a new name (renamed): watched once
            }
            keyOfFolder.put(folder, key);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void warnFull(String why) {
        if (!warnedFull) {
            warnedFull = true;
            LOG.warn("change hints cover only part of {}: {}; the periodic scan finds the rest", root, why);
        }
    }

    /**
     * Tells whether a folder is watched.
     *
     * @param folder the folder relative to the root
     * @return whether notifications for it arrive
     */
    public boolean isWatched(String folder) {
        lock.lock();
        try {
            return keyOfFolder.containsKey(folder);
        } finally {
            lock.unlock();
        }
    }

    /** @return how many folders are watched */
    public int watchedFolders() {
        lock.lock();
        try {
            return keyOfFolder.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks for another look at a folder after a delay, hint or no hint: how a scanner comes back to a file that
     * was still growing once its threshold has passed. An earlier time already set for the folder wins.
     *
     * @param folder the folder relative to the root
     * @param delay  from now, zero or positive
     */
    public void recheck(String folder, Duration delay) {
        Objects.requireNonNull(folder, "folder");
        long at = System.nanoTime() + Math.max(0, delay.toNanos());
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (!due.containsKey(folder) && due.size() >= maxFolders) {
                lost = true; // bounded: too much to remember one by one, so a full pass instead
            } else {
                due.merge(folder, at, Math::min);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until some folders are due (or notifications were lost), the timeout passes, {@link #wakeUp} is
     * called, or the hints are closed, and takes what is due.
     *
     * @param timeout the longest wait
     * @return the folders due now, or a full-pass request; {@link Due#NOTHING} after a timeout, a wake-up or close
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public Due awaitDue(Duration timeout) throws InterruptedException {
        return await(timeout, true);
    }

    /**
     * Waits as {@link #awaitDue} does, but leaves what is due in place for the next {@link #awaitDue}: for a caller
     * that has something to do (read settings, say) between learning that a pass is due and running it.
     *
     * @param timeout the longest wait
     * @return true if folders are due or notifications were lost; false after a timeout, a wake-up or close
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitAnyDue(Duration timeout) throws InterruptedException {
        return !await(timeout, false).isEmpty();
    }

    private Due await(Duration timeout, boolean take) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return Due.NOTHING;
                }
                if (lost) {
                    if (take) {
                        lost = false;
                        due.clear();
                    }
                    return new Due(Set.of(), true);
                }
                if (woken) {
                    woken = false;
                    return Due.NOTHING;
                }
                long now = System.nanoTime();
                long earliest = Long.MAX_VALUE;
                Set<String> ready = new HashSet<>();
                for (Iterator<Map.Entry<String, Long>> it = due.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, Long> e = it.next();
                    if (e.getValue() - now <= 0) {
                        ready.add(e.getKey());
                        if (take) {
                            it.remove();
                        }
                    } else {
                        earliest = Math.min(earliest, e.getValue() - now);
                    }
                }
                if (!ready.isEmpty()) {
                    return new Due(ready, false);
                }
                long left = deadline - now;
                if (left <= 0) {
                    return Due.NOTHING;
                }
                changed.awaitNanos(Math.min(left, earliest));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Makes a running or the next {@link #awaitDue} return at once (for example to start a full pass). */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops watching and releases the operating system's resources; {@link #awaitDue} returns at once after. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            folderOfKey.clear();
            keyOfFolder.clear();
            due.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service of {}: {}", root, e.toString());
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void takeNotifications() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            List<WatchEvent<?>> events = key.pollEvents();
            boolean valid = key.reset();
            lock.lock();
            try {
                String folder = folderOfKey.get(key);
                if (folder == null) {
                    continue;
                }
                for (WatchEvent<?> e : events) {
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                        lost = true;
                    }
                }
                if (!events.isEmpty()) {
                    due.putIfAbsent(folder, System.nanoTime() + settleNanos);
                }
                if (!valid) {
                    // The folder is gone (its parent, if watched, has its own notification) or was unmounted.
                    folderOfKey.remove(key);
                    keyOfFolder.remove(folder, key);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return "ChangeHints[" + root + ", " + watchedFolders() + " folders watched]";
    }
}
