// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

/**
 * Carries out one type of command. Called from the loop's worker threads, one command at a time per call. The
 * work must be durable when {@link #handle} returns (files renamed into place and synced, records written to
 * iconik): the loop acknowledges the item right after.
 *
 * <p>A handler must be safe to call again for the same item when {@link Command#resumed()} is true: the process may
 * have died in the middle of an earlier attempt. It then finishes or redoes the work without doing it twice (for
 * example, a download writes to a temporary name and checks whether the destination already holds the bytes).
 *
 * <p>{@link CommandLoop#close()} closes every handler registered on it, once, after its last command ended: a
 * handler that holds threads or connections releases them in {@link #close()}.
 */
@FunctionalInterface
public interface CommandHandler extends AutoCloseable {

    /**
     * Carries out a command.
     *
     * @param command the command
     * @return the outcome; a refusal (an unsafe path, a setting that forbids the work) is a failed result, not an
     *         exception
     * @throws Exception on a failure worth another attempt later ({@link java.io.IOException},
     *                   {@link io.github.iconiksdk.core.client.IconikUnavailableException}); the loop retries it
     *                   at the next poll, up to its attempt limit, then acknowledges it as failed
     */
    CommandResult handle(Command command) throws Exception;

    /**
     * Releases what the handler holds (threads, connections); called once by the loop it was registered on, when
     * the loop closes. Does nothing unless overridden.
     */
    @Override
    default void close() {
        // nothing held
    }
}
