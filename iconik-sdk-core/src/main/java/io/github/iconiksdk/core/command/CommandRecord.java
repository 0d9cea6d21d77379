// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import java.time.Instant;
import java.util.Objects;

/**
 * One command as the loop's journal holds it, for status pages.
 *
 * @param queue        the queue it came from
 * @param id           its id in that queue
 * @param type         the handler type
 * @param state        {@code PENDING} (received, not started), {@code RUNNING}, {@code DONE} or {@code FAILED}
 * @param message      the handler's message, or the error; empty while pending
 * @param attempts     how many times it was started
 * @param acknowledged whether iconik was told
 * @param updated      when its state last changed
 */
public record CommandRecord(CommandQueue queue, String id, String type, String state, String message, int attempts,
                            boolean acknowledged, Instant updated) {

    /**
     * Checks the fields.
     *
     * @param queue        the queue it came from
     * @param id           its id in that queue
     * @param type         the handler type
     * @param state        its state
     * @param message      the handler's message, or the error
     * @param attempts     how many times it was started
     * @param acknowledged whether iconik was told
     * @param updated      when its state last changed
     * @throws NullPointerException if any field but message is null
     */
    public CommandRecord {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updated, "updated");
        message = message == null ? "" : message;
    }
}
