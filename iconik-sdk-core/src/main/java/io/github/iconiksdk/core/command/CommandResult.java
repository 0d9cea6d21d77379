// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import java.util.Objects;

/**
 * What a handler made of a command. The loop journals it, then acknowledges the item to iconik (transfers with
 * {@code completed=true} or {@code failed=true}; events and deletions, which have no failed state in iconik, by
 * removing them).
 *
 * @param succeeded whether the work was carried out
 * @param message   what was done, or why it was not (names the file, path or field at fault)
 */
public record CommandResult(boolean succeeded, String message) {

    /**
     * Checks the fields.
     *
     * @param succeeded whether the work was carried out
     * @param message   what was done, or why it was not
     * @throws NullPointerException if message is null
     */
    public CommandResult {
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param message what was done
     * @return a success
     */
    public static CommandResult done(String message) {
        return new CommandResult(true, message);
    }

    /**
     * @param message why the work was not done
     * @return a failure
     */
    public static CommandResult failed(String message) {
        return new CommandResult(false, message);
    }
}
