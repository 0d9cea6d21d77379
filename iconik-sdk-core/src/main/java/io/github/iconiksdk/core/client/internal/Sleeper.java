// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import java.time.Duration;

/**
 * Waits; a test seam only ({@link Schedulers#sleeping(Sleeper)} turns it into the client's scheduler) so that
 * tests can record waits instead of spending them. Production waits are scheduled, never slept.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code duration}, or records it.
     *
     * @param duration how long
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
