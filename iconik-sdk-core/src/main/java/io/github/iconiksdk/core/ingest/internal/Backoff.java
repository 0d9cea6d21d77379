// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.resilience4j.core.IntervalFunction;

import java.time.Duration;

/**
 * The daemon's wait after a failed pass: doubling from {@value #FIRST_SECONDS} s to {@value #MAX_SECONDS} s, as a
 * Resilience4j {@link IntervalFunction} (the daemon waits it out on its wake-up monitor, so that a stop request
 * cuts it short).
 */
public final class Backoff {

    /** The first wait, in seconds. */
    public static final int FIRST_SECONDS = 2;
    /** The longest wait, in seconds. */
    public static final int MAX_SECONDS = 60;

    private static final IntervalFunction INTERVAL = IntervalFunction.ofExponentialBackoff(
            Duration.ofSeconds(FIRST_SECONDS), 2, Duration.ofSeconds(MAX_SECONDS));

    private Backoff() {
    }

    /**
     * @param failures how many passes in a row have failed (1 for the first)
     * @return how long to wait before the next try
     */
    public static Duration after(int failures) {
        return Duration.ofMillis(INTERVAL.apply(Math.max(1, Math.min(failures, 64))));
    }
}
