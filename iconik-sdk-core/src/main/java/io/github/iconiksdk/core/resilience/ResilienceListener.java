// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.resilience;

/**
 * Receives the resilience events of a client (retries, 429 pauses, circuit breaker transitions, rejected calls).
 * Called on whichever thread raised the event, often an HTTP or scheduler thread: keep it short, never block, and
 * do not throw (an exception is logged and otherwise ignored).
 */
@FunctionalInterface
public interface ResilienceListener {

    /**
     * Called once per event.
     *
     * @param event what happened
     */
    void onEvent(ResilienceEvent event);
}
