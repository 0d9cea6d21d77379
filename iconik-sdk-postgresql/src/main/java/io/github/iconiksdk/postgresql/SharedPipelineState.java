// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.core.ingest.IngestPipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * What one ingest pipeline of a fleet keeps on the shared database: its storage's scan state, registration journal
 * and a work queue of its own (one lease owner). Made by {@link PostgresStateDatabase#share}; close it after the
 * pipeline and before the database.
 */
public final class SharedPipelineState implements AutoCloseable {

    private final PostgresStateDatabase database;
    private final String storageId;
    private final PostgresRegistrationStore journal;
    private final PostgresWorkQueue queue;

    SharedPipelineState(PostgresStateDatabase database, String storageId, Duration leaseTime) {
        this.database = database;
        this.storageId = storageId;
        this.queue = database.workQueue(leaseTime);
        this.journal = database.registrationStore(storageId);
    }

    /**
     * Gives a pipeline builder this state: {@link IngestPipeline.Builder#scanStateStores},
     * {@link IngestPipeline.Builder#registrationStore} and {@link IngestPipeline.Builder#workQueue}.
     *
     * @param pipeline the builder of the pipeline of this state's storage
     * @return the same builder
     */
    public IngestPipeline.Builder applyTo(IngestPipeline.Builder pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        return pipeline.scanStateStores(() -> database.scanStateStore(storageId)).registrationStore(journal)
                .workQueue(queue);
    }

    /** @return the registration journal of the storage */
    public PostgresRegistrationStore registrationStore() {
        return journal;
    }

    /** @return this process's work queue (its leases are renewed until it is closed) */
    public PostgresWorkQueue workQueue() {
        return queue;
    }

    /** Releases the queue's leases (others take the work at once) and closes the journal; the database stays open. */
    @Override
    public void close() {
        try {
            queue.close();
        } finally {
            journal.close();
        }
    }
}
