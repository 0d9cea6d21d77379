// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command queues as the loop's journal sees them, for status pages.
 *
 * @param pending per queue, items received and not finished (waiting or running)
 * @param done    per queue, items carried out (kept while the journal keeps them)
 * @param failed  per queue, items refused or failed
 * @param recent  the last few commands, newest first
 */
public record CommandStats(Map<CommandQueue, Long> pending, Map<CommandQueue, Long> done,
                           Map<CommandQueue, Long> failed, List<CommandRecord> recent) {

    /**
     * Copies the fields.
     *
     * @param pending per queue, items received and not finished
     * @param done    per queue, items carried out
     * @param failed  per queue, items refused or failed
     * @param recent  the last few commands, newest first
     * @throws NullPointerException if any field is null
     */
    public CommandStats {
        pending = Map.copyOf(Objects.requireNonNull(pending, "pending"));
        done = Map.copyOf(Objects.requireNonNull(done, "done"));
        failed = Map.copyOf(Objects.requireNonNull(failed, "failed"));
        recent = List.copyOf(Objects.requireNonNull(recent, "recent"));
    }
}
