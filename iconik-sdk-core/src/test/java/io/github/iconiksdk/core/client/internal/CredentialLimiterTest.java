// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-credential limiter: Resilience4j's {@code AtomicRateLimiter} on a fake clock, plus the 429 pause. */
class CredentialLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    /** The options' limiter, with a queue long enough for every request of a property (not the 2 min default). */
    private static CredentialLimiter limiter(RateLimitOptions options, AtomicLong now) {
        RateLimiterConfig config = RateLimiterConfig.from(options.toRateLimiterConfig())
                .timeoutDuration(Duration.ofHours(1)).build();
        return new CredentialLimiter(new AtomicRateLimiter("test", config, now::get), options.minPermitsPerPeriod(),
                now::get);
    }

    @Test
    void aWaitLongerThanTheTimeout_isRefusedAtOnce() {
        AtomicLong now = new AtomicLong(0);
        RateLimitOptions options = RateLimitOptions.builder().requestsPerSecond(1).burst(1).build();
        CredentialLimiter limiter = new CredentialLimiter(new AtomicRateLimiter("test",
                options.toRateLimiterConfig(), now::get), 1, now::get);
        for (int i = 0; i < 121; i++) {
            limiter.reserveNanos();
        }
        assertThrows(RequestNotPermitted.class, limiter::reserveNanos, "the 122nd would wait past 2 minutes");
    }

    /** Start times of requests arriving after the given gaps, each starting when the limiter lets it. */
    private static List<Long> starts(CredentialLimiter limiter, AtomicLong now, List<Integer> gapsMillis) {
        List<Long> starts = new ArrayList<>();
        for (int gap : gapsMillis) {
            now.addAndGet(gap * 1_000_000L);
            starts.add(now.get() + limiter.reserveNanos());
        }
        starts.sort(Long::compare);
        return starts;
    }

    @Property(tries = 200)
    void requestsStartingInAnyWindow_neverExceedBurstTimesThePeriodsItTouches(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 200) Integer> gapsMillis,
            @ForAll @IntRange(min = 1, max = 50) int rate, @ForAll @IntRange(min = 1, max = 20) int burst) {
        AtomicLong now = new AtomicLong(0);
        RateLimitOptions options = RateLimitOptions.builder().requestsPerSecond(rate).burst(burst)
                .minRequestsPerSecond(1).build();
        List<Long> starts = starts(limiter(options, now), now, gapsMillis);
        long period = options.period().toNanos();
        for (int i = 0; i < starts.size(); i++) {
            for (int j = i; j < starts.size(); j++) {
                long window = starts.get(j) - starts.get(i);
                long periodsTouched = window / period + 2;
                int count = j - i + 1;
                assertTrue(count <= burst * periodsTouched, count + " requests in " + window + " ns at rate "
                        + rate + ", burst " + burst);
            }
        }
    }

    @Property(tries = 100)
    void theDefaults_stayUnderIconiksLimits_50InAnySecond_1000InAny20Seconds(
            @ForAll @Size(min = 1, max = 1500) List<@IntRange(min = 0, max = 40) Integer> gapsMillis) {
        AtomicLong now = new AtomicLong(0);
        List<Long> starts = starts(limiter(RateLimitOptions.defaults(), now), now, gapsMillis);
        int inSecond = 0;
        int inTwenty = 0;
        for (int i = 0, j1 = 0, j20 = 0; i < starts.size(); i++) {
            while (j1 < starts.size() && starts.get(j1) - starts.get(i) <= SECOND) {
                j1++;
            }
            while (j20 < starts.size() && starts.get(j20) - starts.get(i) <= 20 * SECOND) {
                j20++;
            }
            inSecond = Math.max(inSecond, j1 - i);
            inTwenty = Math.max(inTwenty, j20 - i);
        }
        assertTrue(inSecond <= 50, inSecond + " requests within one second");
        assertTrue(inTwenty <= 1000, inTwenty + " requests within 20 seconds");
    }

    @Test
    void aBurstGoesAtOnce_thenRequestsWaitForTheNextPeriod() {
        AtomicLong now = new AtomicLong(0);
        CredentialLimiter limiter = limiter(RateLimitOptions.builder().requestsPerSecond(10).burst(3).build(), now);

        assertEquals(0, limiter.reserveNanos());
        assertEquals(0, limiter.reserveNanos());
        assertEquals(0, limiter.reserveNanos());
        assertEquals(300_000_000L, limiter.reserveNanos(), "3 per 300 ms: the fourth waits for the next period");
    }

    @Test
    void a429WithRetryAfter_pausesEveryCallerForIt_andLeavesThePermits() {
        AtomicLong now = new AtomicLong(0);
        CredentialLimiter limiter = limiter(RateLimitOptions.builder().requestsPerSecond(40).burst(40)
                .minRequestsPerSecond(5).build(), now);

        for (int i = 0; i < 5; i++) {
            assertFalse(limiter.onRateLimited(Duration.ofSeconds(2)), "iconik said how long: no cut as well");
            assertTrue(limiter.reserveNanos() >= Duration.ofSeconds(2).toNanos(), "a caller paused");
            assertTrue(limiter.reserveNanos() >= Duration.ofSeconds(2).toNanos(), "and the next one too");
            now.addAndGet(3 * SECOND);
        }
        assertEquals(40, limiter.currentLimit(), 1e-9);
        assertEquals(40, limiter.rateLimiter().getRateLimiterConfig().getLimitForPeriod());
        assertEquals(0, limiter.reserveNanos(), "the pause is over");
    }

    @Test
    void a429WithoutRetryAfter_lowersThePermits_andSuccessesWinThemBack() {
        AtomicLong now = new AtomicLong(0);
        CredentialLimiter limiter = limiter(RateLimitOptions.builder().requestsPerSecond(40).burst(40)
                .minRequestsPerSecond(5).build(), now);

        assertTrue(limiter.onRateLimited(null));

        assertEquals(20, limiter.currentLimit(), 1e-9);
        assertEquals(20, limiter.rateLimiter().getRateLimiterConfig().getLimitForPeriod());
        assertTrue(!limiter.onRateLimited(null), "429s of the same second count once");
        assertEquals(20, limiter.currentLimit(), 1e-9);
        for (int i = 0; i < 3; i++) {
            now.addAndGet(SECOND);
            limiter.onRateLimited(null);
        }
        assertEquals(5, limiter.currentLimit(), 1e-9, "never below the floor");
        for (int i = 0; i < 100; i++) {
            limiter.onSuccess();
        }
        assertEquals(40, limiter.currentLimit(), 1e-9);
        assertEquals(40, limiter.rateLimiter().getRateLimiterConfig().getLimitForPeriod());
    }
}
