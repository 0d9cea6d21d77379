// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The retry that looks for an asset by its key while iconik's search index settles. */
class SearchSettleTest {

    private static List<Long> waits(Retry retry) {
        RetryConfig c = retry.getRetryConfig();
        List<Long> out = new ArrayList<>();
        for (int attempt = 1; attempt < c.getMaxAttempts(); attempt++) {
            out.add(c.getIntervalBiFunction().apply(attempt, null));
        }
        return out;
    }

    @Test
    void threeSeconds_areCoveredByFiveLookups_withDoublingWaits() {
        Retry retry = RegistrationSaga.searchSettle(Duration.ofSeconds(3));
        assertEquals(5, retry.getRetryConfig().getMaxAttempts(), "13 with even 250 ms waits");
        assertEquals(List.of(250L, 500L, 1000L, 2000L), waits(retry));
    }

    @Test
    void aShortSettleTime_startsAtAQuarterOfIt_andStillCoversIt() {
        Retry retry = RegistrationSaga.searchSettle(Duration.ofMillis(40));
        assertEquals(List.of(10L, 20L, 40L), waits(retry));
    }

    @Test
    void anAnswerThatStaysEmpty_isAskedForMaxAttemptsTimes_thenStands() {
        AtomicInteger asked = new AtomicInteger();
        String found = RegistrationSaga.searchSettle(Duration.ofMillis(8)).executeSupplier(() -> {
            asked.incrementAndGet();
            return null;
        });
        assertNull(found);
        assertEquals(RegistrationSaga.searchSettle(Duration.ofMillis(8)).getRetryConfig().getMaxAttempts(),
                asked.get());
    }
}
