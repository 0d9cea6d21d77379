// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.work;

import java.util.Objects;

/**
 * One unit of work a {@link WorkQueue} holds until a worker finishes it: identified by storage, kind and key, so
 * that offering the same work twice queues it once.
 *
 * @param storageId the iconik storage the work belongs to
 * @param kind      what sort of work, for example {@link #SCAN} or {@link #FILE}; workers claim one kind at a time
 * @param key       what the work is about within its kind: a scan directory, a file's path relative to the
 *                  storage root
 * @param payload   what a worker needs beyond the key, in a form its kind defines (may be empty)
 */
public record WorkItem(String storageId, String kind, String key, String payload) {

    /** The kind of a scan partition: the key is a scan directory ({@code ""} for the whole storage). */
    public static final String SCAN = "scan";
    /** The kind of one file's work (registration, renditions, original upload): the key is its path. */
    public static final String FILE = "file";

    /**
     * Validates the item.
     *
     * @param storageId the iconik storage the work belongs to
     * @param kind      what sort of work
     * @param key       what the work is about within its kind
     * @param payload   what a worker needs beyond the key (may be empty)
     * @throws NullPointerException     if any part is null
     * @throws IllegalArgumentException if the storage id or kind is empty
     */
    public WorkItem {
        Objects.requireNonNull(storageId, "storageId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        if (storageId.isEmpty()) {
            throw new IllegalArgumentException("work item of kind '" + kind + "' has an empty storage id");
        }
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("work item '" + key + "' has an empty kind");
        }
    }

    /**
     * A work item with no payload.
     *
     * @param storageId the iconik storage
     * @param kind      what sort of work
     * @param key       what the work is about
     * @return the item
     */
    public static WorkItem of(String storageId, String kind, String key) {
        return new WorkItem(storageId, kind, key, "");
    }
}
