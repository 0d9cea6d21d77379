// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.work;

import java.util.Objects;

/**
 * A worker's claim on one {@link WorkItem}: the work is this worker's until it completes or releases it, or until
 * the lease runs out because the worker stopped renewing it (it died, or lost the queue); another worker may then
 * claim it.
 *
 * @param item    the work
 * @param owner   the worker holding the lease ({@link WorkQueue#owner()})
 * @param attempt how many times the item has been claimed, this claim included (1 the first time)
 */
public record WorkLease(WorkItem item, String owner, int attempt) {

    /**
     * Validates the lease.
     *
     * @param item    the work
     * @param owner   the worker holding the lease
     * @param attempt how many times the item has been claimed, this claim included
     * @throws NullPointerException     if the item or owner is null
     * @throws IllegalArgumentException if the attempt is not positive
     */
    public WorkLease {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(owner, "owner");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " of work item " + item.key()
                    + " is not positive");
        }
    }
}
