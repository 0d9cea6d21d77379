// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

import java.util.Objects;
import java.util.concurrent.BlockingQueue;

/**
 * Receives the events of a scan pass, one at a time, in the scanner's thread.
 *
 * <p>Delivery is at least once. An event is handed over when {@link #onEvent} returns normally; the scanner then
 * records a batch of handed-over events as delivered, calling {@link #flush()} first. A pass killed before that
 * record reports those events again on the next pass, so listeners must treat a repeat as harmless. If
 * {@code onEvent} or {@code flush} throws, the pass stops and every event not yet recorded is reported again on
 * the next pass.
 *
 * <p>Slow listeners slow the scanner down (back-pressure); the scanner never buffers events without bound.
 */
@FunctionalInterface
public interface ScanListener {

    /** A listener that drops every event (useful to build up state without acting on it). */
    ScanListener NONE = event -> { };

    /**
     * Handles one event.
     *
     * @param event the change or notice
     */
    void onEvent(ScanEvent event);

    /**
     * Makes every event handed over so far durable, or at least visible to whoever consumes them (a buffering
     * listener flushes here). Called before the scanner records a batch of events as delivered. Does nothing by
     * default.
     */
    default void flush() {
    }

    /**
     * A listener that puts each event into a bounded queue, waiting while it is full: the consumer of the queue
     * sets the pace of the scan. An event counts as handed over once it is in the queue.
     *
     * @param queue the queue, bounded
     * @return the listener
     * @throws NullPointerException if {@code queue} is null
     */
    static ScanListener toQueue(BlockingQueue<ScanEvent> queue) {
        Objects.requireNonNull(queue, "queue");
        return event -> {
            try {
                queue.put(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing over " + event.path(), e);
            }
        };
    }
}
