package io.github.iconiksdk.core.client.internal;

import io.github.iconiksdk.core.client.RateLimitOptions;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Property(tries = 200)
    void requestsStartingInAnyWindow_neverExceedBurstPlusRateTimesWindow(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 200) Integer> gapsMillis,
            @ForAll @IntRange(min = 1, max = 50) int rate, @ForAll @IntRange(min = 1, max = 20) int burst) {
        AtomicLong now = new AtomicLong(0);
        TokenBucket bucket = new TokenBucket(RateLimitOptions.builder().requestsPerSecond(rate).burst(burst)
                .minRequestsPerSecond(1).build(), now::get);
        List<Long> starts = new ArrayList<>();
        for (int gap : gapsMillis) {
            now.addAndGet(gap * 1_000_000L);
            starts.add(now.get() + bucket.reserve().toNanos());
        }
        starts.sort(Long::compare);
        for (int i = 0; i < starts.size(); i++) {
            for (int j = i; j < starts.size(); j++) {
                double window = (starts.get(j) - starts.get(i)) / (double) SECOND;
                int count = j - i + 1;
                assertTrue(count <= burst + rate * window + 1e-6,
                        count + " requests in " + window + " s at rate " + rate + ", burst " + burst);
            }
        }
    }

    @Test
    void aBurstGoesAtOnce_thenRequestsAreSpacedByTheRate() {
        AtomicLong now = new AtomicLong(0);
        TokenBucket bucket = new TokenBucket(RateLimitOptions.builder().requestsPerSecond(10).burst(3).build(),
                now::get);

        assertEquals(Duration.ZERO, bucket.reserve());
        assertEquals(Duration.ZERO, bucket.reserve());
        assertEquals(Duration.ZERO, bucket.reserve());
        assertEquals(Duration.ofMillis(100), bucket.reserve());
        assertEquals(Duration.ofMillis(200), bucket.reserve());
    }

    @Test
    void a429_halvesTheRate_pausesForRetryAfter_andSuccessesWinTheRateBack() {
        AtomicLong now = new AtomicLong(0);
        TokenBucket bucket = new TokenBucket(RateLimitOptions.builder().requestsPerSecond(40).burst(40)
                .minRequestsPerSecond(5).build(), now::get);

        bucket.onRateLimited(Duration.ofSeconds(2));

        assertEquals(20, bucket.currentRate(), 1e-9);
        assertTrue(bucket.reserve().compareTo(Duration.ofSeconds(2)) >= 0);
        bucket.onRateLimited(null);
        assertEquals(20, bucket.currentRate(), 1e-9, "429s of the same second count once");
        for (int i = 0; i < 3; i++) {
            now.addAndGet(1_000_000_000L);
            bucket.onRateLimited(null);
        }
        assertEquals(5, bucket.currentRate(), 1e-9, "never below the floor");
        for (int i = 0; i < 100; i++) {
            bucket.onSuccess();
        }
        assertEquals(40, bucket.currentRate(), 1e-9);
    }
}
