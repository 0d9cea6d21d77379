// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

import java.time.Duration;
import java.util.Optional;

/**
 * Scans one storage (a mount point and optional scan directories) and reports what changed since the last pass:
 * new, modified, removed and moved files once they are stable, and growing or unreadable ones as notices. What it
 * has seen is kept in a {@link ScanStateStore}, so a restart does not report anything twice.
 *
 * <p>A scanner runs at most one pass at a time. Implementations are thread-safe.
 */
public interface StorageScanner extends AutoCloseable {

    /**
     * Runs one pass and blocks until it has finished.
     *
     * @param listener receives every event; see {@link ScanListener} for delivery guarantees
     * @return the pass's counts
     * @throws IllegalStateException   if a pass is already running or the scanner is closed
     * @throws io.github.iconiksdk.api.IconikException if the storage root itself cannot be read or the state store
     *                                 fails; a single unreadable file or folder never fails the pass
     */
    ScanSummary scanOnce(ScanListener listener);

    /**
     * Starts scanning in the background: a pass every {@code interval} (measured from the end of one pass to the
     * start of the next), never two at once, until the returned handle or this scanner is closed.
     *
     * @param interval time between passes, positive
     * @param listener receives every event of every pass
     * @return a handle to trigger a pass now or stop
     * @throws IllegalStateException    if periodic scanning is already running or the scanner is closed
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    PeriodicScan startPeriodic(Duration interval, ScanListener listener);

    /** Stops periodic scanning, waits for a running pass to finish, and releases the state store. */
    @Override
    void close();

    /** Control over a running periodic scan. */
    interface PeriodicScan extends AutoCloseable {

        /** Asks for a pass as soon as possible; if one is running, another follows it. Returns at once. */
        void scanNow();

        /** @return the counts of the last finished pass; empty before the first one ends */
        Optional<ScanSummary> lastSummary();

        /** Stops after the running pass, if any, and waits for it. */
        @Override
        void close();
    }
}
