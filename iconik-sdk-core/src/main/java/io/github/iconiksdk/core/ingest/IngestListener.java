// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

/**
 * Receives an {@link IngestPipeline}'s {@link IngestEvent}s. Calls come from the pass's thread and from the
 * transcode and upload workers, so implementations must be thread-safe and quick: record, never block on I/O.
 * An exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface IngestListener {

    /** A listener that ignores everything. */
    IngestListener NONE = event -> { };

    /**
     * Takes one event.
     *
     * @param event what happened
     */
    void onEvent(IngestEvent event);
}
