// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

/** The gateway queues iconik keeps for a storage, each polled by the command loop. */
public enum CommandQueue {
    /** {@code GET storages/{id}/gateway/events/}: scans, transcodes, collection maps, aborts, … */
    EVENTS(null),
    /** {@code GET storages/{id}/transfers_to/}: copies into the gateway's storage. */
    TRANSFERS_TO("TRANSFER_TO"),
    /** {@code GET storages/{id}/transfers_from/}: copies out of the gateway's storage. */
    TRANSFERS_FROM("TRANSFER_FROM"),
    /** {@code GET storages/{id}/deletions_from/}: files to delete from the gateway's storage. */
    DELETIONS("DELETION");

    private final String type;

    CommandQueue(String type) {
        this.type = type;
    }

    /**
     * The handler type of this queue's items: {@code TRANSFER_TO}, {@code TRANSFER_FROM}, {@code DELETION}; null
     * for {@link #EVENTS}, whose items carry their own type ({@code TRANSCODE}, {@code SCAN}, …).
     *
     * @return the type, or null for events
     */
    public String itemType() {
        return type;
    }
}
