// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import java.util.Objects;

/**
 * One item of a gateway queue as the command loop hands it to a handler.
 *
 * @param queue    the queue it came from
 * @param id       its id in that queue (the event, transfer or deletion id)
 * @param type     the handler type: the event's type, or {@link CommandQueue#itemType()}
 * @param priority 1 (lowest) to 10 (highest); 5 unless iconik said otherwise
 * @param item     the item as iconik sent it: a {@link io.github.iconiksdk.core.client.model.GatewayEvent},
 *                 {@link io.github.iconiksdk.core.client.model.TransferToStorage},
 *                 {@link io.github.iconiksdk.core.client.model.TransferFromStorage} or
 *                 {@link io.github.iconiksdk.core.client.model.FileDeletion}
 * @param attempt  1 the first time; more when an earlier attempt was interrupted (a crash, a transient failure), in
 *                 which case the handler must finish or redo the work without doing it twice
 */
public record Command(CommandQueue queue, String id, String type, int priority, Object item, int attempt) {

    /**
     * Checks the fields.
     *
     * @param queue    the queue it came from
     * @param id       its id in that queue
     * @param type     the handler type
     * @param priority 1 to 10
     * @param item     the item as iconik sent it
     * @param attempt  1 or more
     * @throws NullPointerException if queue, id, type or item is null
     * @throws IllegalArgumentException if priority or attempt is out of range
     */
    public Command {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(item, "item");
        if (priority < 1 || priority > 10) {
            throw new IllegalArgumentException("priority must be 1 to 10, not " + priority);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, not " + attempt);
        }
    }

    /**
     * The item as the class its queue carries.
     *
     * @param type the class expected
     * @param <T>  the class
     * @return the item
     * @throws IllegalStateException if the item is of another class
     */
    public <T> T item(Class<T> type) {
        if (!type.isInstance(item)) {
            throw new IllegalStateException("command " + this.type + " " + id + " carries a "
                    + item.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(item);
    }

    /** @return whether an earlier attempt at this item was interrupted */
    public boolean resumed() {
        return attempt > 1;
    }
}
