package io.github.iconiksdk.core.client.internal;

import io.github.iconiksdk.core.client.RateLimitOptions;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket that refills continuously at the current rate, holds at most {@code burst} tokens, and hands out
 * tokens in order of arrival. A caller that finds it empty reserves the next token (the balance goes negative)
 * and waits outside the lock, so waiting callers never spin. A 429 halves the rate (once a second at most) and
 * pauses the bucket; each success wins back 2 % of the configured rate (additive increase, multiplicative decrease).
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double configuredRate;
    private final double minRate;
    private final double capacity;
    private final LongSupplier nanoClock;

    private double rate;
    private double tokens;
    private long lastRefill;
    private long pausedUntil;
    private long lastDecrease;

    /**
     * @param options   the enabled options
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public TokenBucket(RateLimitOptions options, LongSupplier nanoClock) {
        if (!options.enabled()) {
            throw new IllegalArgumentException("rate limit is disabled");
        }
        this.configuredRate = options.requestsPerSecond();
        this.minRate = options.minRequestsPerSecond();
        this.capacity = options.burst();
        this.nanoClock = nanoClock;
        this.rate = configuredRate;
        this.tokens = capacity;
        this.lastRefill = nanoClock.getAsLong();
        this.pausedUntil = lastRefill;
        this.lastDecrease = lastRefill - NANOS_PER_SECOND;
    }

    /**
     * Takes one token, and says how long the caller must wait before using it.
     *
     * @return the wait; zero when a token was available
     */
    public synchronized Duration reserve() {
        long now = nanoClock.getAsLong();
        refill(now);
        tokens -= 1;
        long waitNanos = 0;
        if (tokens < 0) {
            waitNanos = (long) Math.ceil(-tokens / rate * NANOS_PER_SECOND);
        }
        long pause = pausedUntil - now;
        if (pause > waitNanos) {
            waitNanos = pause;
        }
        return Duration.ofNanos(waitNanos);
    }

    /**
     * iconik answered 429: halve the rate (at most once a second, since concurrent callers receive their 429s for
     * the same overload together) and stop handing out tokens for {@code retryAfter}.
     *
     * @param retryAfter iconik's wait, or {@code null} when it sent none
     */
    public synchronized void onRateLimited(Duration retryAfter) {
        long now = nanoClock.getAsLong();
        refill(now);
        if (now - lastDecrease >= NANOS_PER_SECOND) {
            rate = Math.max(minRate, rate / 2);
            lastDecrease = now;
        }
        tokens = Math.min(tokens, 0);
        if (retryAfter != null && !retryAfter.isNegative()) {
            long until = now + Math.min(retryAfter.toNanos(), Long.MAX_VALUE / 4);
            if (until - pausedUntil > 0) {
                pausedUntil = until;
            }
        }
    }

    /** iconik processed a request: recover 2 % of the configured rate, up to it. */
    public synchronized void onSuccess() {
        if (rate < configuredRate) {
            refill(nanoClock.getAsLong());
            rate = Math.min(configuredRate, rate + configuredRate * 0.02);
        }
    }

    /** @return the current rate in requests per second */
    public synchronized double currentRate() {
        return rate;
    }

    private void refill(long now) {
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + rate * elapsed / NANOS_PER_SECOND);
            lastRefill = now;
        }
    }
}
