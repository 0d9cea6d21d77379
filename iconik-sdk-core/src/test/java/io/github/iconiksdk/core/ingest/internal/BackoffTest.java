// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The daemon's wait after failed passes. */
class BackoffTest {

    @Test
    void backoff_doublesFromTwoSeconds_upToAMinute() {
        assertEquals(Duration.ofSeconds(2), Backoff.after(1));
        assertEquals(Duration.ofSeconds(4), Backoff.after(2));
        assertEquals(Duration.ofSeconds(32), Backoff.after(5));
        assertEquals(Duration.ofSeconds(60), Backoff.after(6));
        assertEquals(Duration.ofSeconds(60), Backoff.after(1000));
    }
}
