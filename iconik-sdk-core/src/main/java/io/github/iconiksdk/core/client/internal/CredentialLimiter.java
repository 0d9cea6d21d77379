// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The rate limit of one credential: a Resilience4j {@link RateLimiter} plus what a 429 does to it. iconik counts
 * requests per credential, so one instance is shared by every client of the credential. A 429 drains the current
 * cycle's permits and pauses every caller until iconik's {@code Retry-After}. Only a 429 without
 * {@code Retry-After} also halves the permits per cycle (at most once a second, since concurrent callers get their
 * 429s for the same overload together; never below the floor); each success wins back 2 % of the configured
 * permits. A 429 that says how long to wait is obeyed exactly and no more: cutting the rate on top of the pause
 * counted one signal twice, and under sporadic 429s (5 % of answers) kept the rate at 1 of 5 permits, so that a
 * resumed ingest of 240 files took 158 s where the pauses alone cost about 60 (BENCHMARKS.md, issue 16).
 */
public final class CredentialLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimiter limiter;
    private final LongSupplier nanoClock;
    private final int configuredLimit;
    private final double floor;

    private double limit;
    private long pausedUntil;
    private long lastDecrease;

    /**
     * @param limiter   the Resilience4j limiter (its limit per period is changed by 429s)
     * @param floor     the fewest permits per period a 429 may leave, at least 1
     * @param nanoClock the monotonic clock the limiter runs on
     */
    public CredentialLimiter(RateLimiter limiter, double floor, LongSupplier nanoClock) {
        this.limiter = limiter;
        this.nanoClock = nanoClock;
        this.configuredLimit = limiter.getRateLimiterConfig().getLimitForPeriod();
        this.floor = Math.max(1, Math.min(floor, configuredLimit));
        this.limit = configuredLimit;
        long now = nanoClock.getAsLong();
        this.pausedUntil = now;
        this.lastDecrease = now - NANOS_PER_SECOND;
    }

    /** @return the Resilience4j limiter */
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /**
     * Reserves a permit and says how long the caller must wait before sending (the limiter's wait, or the 429
     * pause when that ends later).
     *
     * @return the wait in nanoseconds, zero to send at once
     * @throws RequestNotPermitted if the limiter cannot grant a permit within its timeout
     */
    public long reserveNanos() {
        long wait = limiter.reservePermission();
        if (wait < 0) {
            throw RequestNotPermitted.createRequestNotPermitted(limiter);
        }
        long pause;
        synchronized (this) {
            pause = pausedUntil - nanoClock.getAsLong();
        }
        return Math.max(wait, pause);
    }

    /**
     * iconik answered 429: every caller pauses for {@code retryAfter}; without one, the rate is halved instead.
     *
     * @param retryAfter iconik's wait, or null when it sent none
     * @return whether this 429 lowered the rate (one without {@code Retry-After}, the first of its second)
     */
    public boolean onRateLimited(Duration retryAfter) {
        limiter.drainPermissions();
        boolean lowered = false;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (retryAfter == null && now - lastDecrease >= NANOS_PER_SECOND) {
                limit = Math.max(floor, limit / 2);
                lastDecrease = now;
                lowered = true;
                apply();
            }
            if (retryAfter != null && !retryAfter.isNegative()) {
                long until = now + Math.min(retryAfter.toNanos(), Long.MAX_VALUE / 4);
                if (until - pausedUntil > 0) {
                    pausedUntil = until;
                }
            }
        }
        return lowered;
    }

    /** iconik processed a request: win back 2 % of the configured permits per period, up to them. */
    public void onSuccess() {
        synchronized (this) {
            if (limit < configuredLimit) {
                limit = Math.min(configuredLimit, limit + configuredLimit * 0.02);
                apply();
            }
        }
    }

    /** @return the permits per period now in force (fewer than configured after 429s) */
    public synchronized double currentLimit() {
        return limit;
    }

    /** @return the permits per period configured */
    public int configuredLimit() {
        return configuredLimit;
    }

    private void apply() {
        int permits = (int) Math.max(1, Math.floor(limit + 1e-9));
        if (permits != limiter.getRateLimiterConfig().getLimitForPeriod()) {
            limiter.changeLimitForPeriod(permits);
        }
    }
}
