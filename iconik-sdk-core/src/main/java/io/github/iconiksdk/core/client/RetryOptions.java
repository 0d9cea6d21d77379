// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the client retries a request that failed in a way iconik treats as transient: 429, 500, 502, 503, 504
 * and connection failures. Waits grow exponentially from {@link #initialBackoff()} up to {@link #maxBackoff()}, with
 * random jitter, unless iconik's {@code Retry-After} asks for a specific wait. A request stops being retried after
 * {@link #maxAttempts()} attempts or once the next wait would end after {@link #maxTotalTime()} from its first
 * attempt, whichever comes first. Which failures are retried for which methods is described in
 * {@link IconikClient}.
 *
 * <p>These are the SDK's short form of a Resilience4j {@link RetryConfig} ({@link #toRetryConfig()}); a client can
 * also be given a {@code RetryConfig} directly ({@link IconikClient.Builder#retry(RetryConfig, Duration)}).
 */
public final class RetryOptions {

    private static final RetryOptions DEFAULTS = builder().build();
    private static final RetryOptions NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final double jitter;
    private final Duration maxTotalTime;

    private RetryOptions(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxTotalTime = b.maxTotalTime;
    }

    /**
     * The defaults: 5 attempts, 500 ms first wait doubling up to 30 s, ±50 % jitter, at most 2 minutes in all.
     *
     * @return the default options
     */
    public static RetryOptions defaults() {
        return DEFAULTS;
    }

    /** @return options that send every request exactly once */
    public static RetryOptions none() {
        return NONE;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        return new Builder().maxAttempts(maxAttempts).initialBackoff(initialBackoff).maxBackoff(maxBackoff)
                .multiplier(multiplier).jitter(jitter).maxTotalTime(maxTotalTime);
    }

    /** @return attempts in all, including the first (1 means no retry) */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the wait before the first retry, before jitter */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** @return the longest computed wait; a longer {@code Retry-After} is still honoured */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** @return the factor between one wait and the next */
    public double multiplier() {
        return multiplier;
    }

    /** @return the random spread of each wait, as a fraction (0.5 means ±50 %) */
    public double jitter() {
        return jitter;
    }

    /** @return the most time one request may spend in attempts and waits before the last error is thrown */
    public Duration maxTotalTime() {
        return maxTotalTime;
    }

    /**
     * The backoff as a Resilience4j interval function: {@code initialBackoff × multiplier^(attempt-1)}, capped at
     * {@code maxBackoff}, then spread by ±{@code jitter}. Capping before spreading keeps the spread at the cap,
     * so that callers that failed together do not retry together even after many attempts.
     *
     * @return the interval function, in milliseconds per attempt (1 for the wait after the first attempt)
     */
    public IntervalFunction intervalFunction() {
        long initial = initialBackoff.toNanos();
        long max = maxBackoff.toNanos();
        double factor = multiplier;
        double spread = jitter;
        return attempt -> {
            double base = initial * Math.pow(factor, attempt - 1);
            double capped = Math.min(base, max);
            double jittered = spread == 0 ? capped
                    : capped * (1.0 + spread * (2 * ThreadLocalRandom.current().nextDouble() - 1));
            return Duration.ofNanos((long) jittered).toMillis();
        };
    }

    /**
     * These options as a Resilience4j configuration: {@link #maxAttempts()} and {@link #intervalFunction()}. The
     * client adds the SDK's rules (what may be retried, {@code Retry-After}, the time budget) on top.
     *
     * @return the configuration
     */
    public RetryConfig toRetryConfig() {
        return RetryConfig.custom().maxAttempts(maxAttempts).intervalFunction(intervalFunction()).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryOptions r && r.maxAttempts == maxAttempts && r.initialBackoff.equals(initialBackoff)
                && r.maxBackoff.equals(maxBackoff) && r.multiplier == multiplier && r.jitter == jitter
                && r.maxTotalTime.equals(maxTotalTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, maxTotalTime);
    }

    @Override
    public String toString() {
        return "RetryOptions[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", multiplier=" + multiplier + ", jitter=" + jitter + ", maxTotalTime=" + maxTotalTime
                + "]";
    }

    /** Builds {@link RetryOptions}; every setter validates its argument at once. */
    public static final class Builder {
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private double multiplier = 2.0;
        private double jitter = 0.5;
        private Duration maxTotalTime = Duration.ofMinutes(2);

        private Builder() {
        }

        /**
         * @param maxAttempts attempts in all, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param initialBackoff the first wait, zero or positive
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if negative
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
            return this;
        }

        /**
         * @param maxBackoff the cap on computed waits, zero or positive
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if negative
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * @param multiplier growth factor between waits, at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1 or not finite
         */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /**
         * @param jitter random spread as a fraction, from 0 (none) to 1 (anything from zero to twice the wait)
         * @return this builder
         * @throws IllegalArgumentException if outside [0, 1]
         */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0.0 && jitter <= 1.0)) {
                throw new IllegalArgumentException("jitter must be within [0, 1], was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /**
         * @param maxTotalTime the time budget of one request across all attempts and waits, positive
         * @return this builder
         * @throws NullPointerException     if null
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder maxTotalTime(Duration maxTotalTime) {
            Objects.requireNonNull(maxTotalTime, "maxTotalTime");
            if (maxTotalTime.isZero() || maxTotalTime.isNegative()) {
                throw new IllegalArgumentException("maxTotalTime must be positive, was " + maxTotalTime);
            }
            this.maxTotalTime = maxTotalTime;
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException if {@code initialBackoff} exceeds {@code maxBackoff}
         */
        public RetryOptions build() {
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalArgumentException("initialBackoff " + initialBackoff + " exceeds maxBackoff "
                        + maxBackoff);
            }
            return new RetryOptions(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + d);
            }
            return d;
        }
    }
}
