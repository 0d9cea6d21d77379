// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * The client-side rate limit: a Resilience4j {@code RateLimiter} shared by every client of this JVM that uses the
 * same credentials against the same endpoint. It hands out {@link #burst()} permits per period of
 * {@code burst / requestsPerSecond} seconds ({@link #toRateLimiterConfig()}). iconik allows about 50 requests per
 * second per credential pair (1,000 per 20 seconds); the default, 45 per second as 5 every 111 ms, stays under both
 * (a window of one second touches at most 10 periods: 50 requests; 20 seconds at most 181 periods: 905). A 429
 * drains the limiter and pauses every caller of the credential for iconik's {@code Retry-After}; a 429 without
 * {@code Retry-After} halves the permits per period instead (once a second at most; never below the floor
 * {@link #minRequestsPerSecond()} allows, nor below one), and each successful answer then wins a little of the rate
 * back.
 */
public final class RateLimitOptions {

    private static final RateLimitOptions DEFAULTS = builder().build();
    private static final RateLimitOptions DISABLED = new RateLimitOptions(0, 0, 0);

    private final double requestsPerSecond;
    private final int burst;
    private final double minRequestsPerSecond;

    private RateLimitOptions(double requestsPerSecond, int burst, double minRequestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
        this.minRequestsPerSecond = minRequestsPerSecond;
    }

    /** @return 45 requests per second, bursts of 5, never slower than 1 per second after 429s */
    public static RateLimitOptions defaults() {
        return DEFAULTS;
    }

    /** @return no client-side limit (429s are still retried and honoured per request) */
    public static RateLimitOptions disabled() {
        return DISABLED;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether a limit applies */
    public boolean enabled() {
        return requestsPerSecond > 0;
    }

    /** @return the sustained rate; 0 when disabled */
    public double requestsPerSecond() {
        return requestsPerSecond;
    }

    /** @return how many requests may go at once after a quiet spell; 0 when disabled */
    public int burst() {
        return burst;
    }

    /** @return the floor the rate never drops below after 429s; 0 when disabled */
    public double minRequestsPerSecond() {
        return minRequestsPerSecond;
    }

    /**
     * The length of one period of the limiter: {@code burst / requestsPerSecond}, rounded up to the nanosecond so
     * that a window of exactly {@code burst × k} periods is never shorter than the time it stands for.
     *
     * @return the period
     * @throws IllegalStateException if the limit is disabled
     */
    public Duration period() {
        if (!enabled()) {
            throw new IllegalStateException("the rate limit is disabled");
        }
        return Duration.ofNanos(Math.max(1, (long) Math.ceil(burst * 1e9 / requestsPerSecond)));
    }

    /**
     * These options as a Resilience4j configuration: {@link #burst()} permits per {@link #period()}; a caller
     * waits up to 2 minutes for its permit.
     *
     * @return the configuration
     * @throws IllegalStateException if the limit is disabled
     */
    public RateLimiterConfig toRateLimiterConfig() {
        return RateLimiterConfig.custom().limitForPeriod(burst).limitRefreshPeriod(period())
                .timeoutDuration(Duration.ofMinutes(2)).build();
    }

    /** @return the fewest permits per period a 429 may leave, from {@link #minRequestsPerSecond()} (at least 1) */
    public double minPermitsPerPeriod() {
        return enabled() ? Math.max(1, minRequestsPerSecond * period().toNanos() / 1e9) : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimitOptions r && r.requestsPerSecond == requestsPerSecond && r.burst == burst
                && r.minRequestsPerSecond == minRequestsPerSecond;
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestsPerSecond, burst, minRequestsPerSecond);
    }

    @Override
    public String toString() {
        return enabled() ? "RateLimitOptions[requestsPerSecond=" + requestsPerSecond + ", burst=" + burst
                + ", minRequestsPerSecond=" + minRequestsPerSecond + "]" : "RateLimitOptions[disabled]";
    }

    /** Builds {@link RateLimitOptions}. */
    public static final class Builder {
        private double requestsPerSecond = 45;
        private int burst = 5;
        private double minRequestsPerSecond = 1;

        private Builder() {
        }

        /**
         * @param requestsPerSecond the sustained rate, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive and finite
         */
        public Builder requestsPerSecond(double requestsPerSecond) {
            if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
                throw new IllegalArgumentException("requestsPerSecond must be positive, was " + requestsPerSecond);
            }
            this.requestsPerSecond = requestsPerSecond;
            return this;
        }

        /**
         * @param burst the bucket size, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder burst(int burst) {
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, was " + burst);
            }
            this.burst = burst;
            return this;
        }

        /**
         * @param minRequestsPerSecond the floor after 429s, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive and finite
         */
        public Builder minRequestsPerSecond(double minRequestsPerSecond) {
            if (!(minRequestsPerSecond > 0) || Double.isInfinite(minRequestsPerSecond)) {
                throw new IllegalArgumentException("minRequestsPerSecond must be positive, was "
                        + minRequestsPerSecond);
            }
            this.minRequestsPerSecond = minRequestsPerSecond;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if the floor exceeds the rate
         */
        public RateLimitOptions build() {
            if (minRequestsPerSecond > requestsPerSecond) {
                throw new IllegalArgumentException("minRequestsPerSecond " + minRequestsPerSecond
                        + " exceeds requestsPerSecond " + requestsPerSecond);
            }
            return new RateLimitOptions(requestsPerSecond, burst, minRequestsPerSecond);
        }
    }
}
