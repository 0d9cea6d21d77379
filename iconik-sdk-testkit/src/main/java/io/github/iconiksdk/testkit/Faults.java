// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * Random faults and latency for the fake iconik, as shares of requests. A request fails with a 5xx with probability
 * {@code serverErrorRate}, with a 429 with {@code rateLimitRate}, with a reset connection with {@code resetRate}
 * (half of those before the request is applied, half after); every request waits {@code latency} first.
 *
 * @param serverErrorRate share of requests answered with a 5xx, 0 to 1
 * @param rateLimitRate share of requests answered with a 429 and {@code Retry-After: 1}, 0 to 1
 * @param resetRate share of requests whose connection is reset, 0 to 1
 * @param latency delay before each answer (zero for none)
 */
public record Faults(double serverErrorRate, double rateLimitRate, double resetRate, Duration latency) {

    private static final Faults NONE = new Faults(0, 0, 0, Duration.ZERO);

    /**
     * Checks the values.
     *
     * @param serverErrorRate share of requests answered with a 5xx, 0 to 1
     * @param rateLimitRate share of requests answered with a 429 and {@code Retry-After: 1}, 0 to 1
     * @param resetRate share of requests whose connection is reset, 0 to 1
     * @param latency delay before each answer (zero for none)
     * @throws IllegalArgumentException when a rate is outside 0..1, the rates add up to more than 1, or the
     *     latency is negative
     * @throws NullPointerException when latency is null
     */
    public Faults {
        Objects.requireNonNull(latency, "latency");
        check("serverErrorRate", serverErrorRate);
        check("rateLimitRate", rateLimitRate);
        check("resetRate", resetRate);
        if (serverErrorRate + rateLimitRate + resetRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("the fault rates add up to more than 1: " + serverErrorRate + " + "
                    + rateLimitRate + " + " + resetRate);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + rate);
        }
    }

    /** @return no faults and no latency */
    public static Faults none() {
        return NONE;
    }

    /**
     * @param rate the share of requests answered with a 5xx
     * @return a copy with that rate
     */
    public Faults withServerErrorRate(double rate) {
        return new Faults(rate, rateLimitRate, resetRate, latency);
    }

    /**
     * @param rate the share of requests answered with a 429
     * @return a copy with that rate
     */
    public Faults withRateLimitRate(double rate) {
        return new Faults(serverErrorRate, rate, resetRate, latency);
    }

    /**
     * @param rate the share of requests whose connection is reset
     * @return a copy with that rate
     */
    public Faults withResetRate(double rate) {
        return new Faults(serverErrorRate, rateLimitRate, rate, latency);
    }

    /**
     * @param delay the delay before each answer
     * @return a copy with that latency
     */
    public Faults withLatency(Duration delay) {
        return new Faults(serverErrorRate, rateLimitRate, resetRate, delay);
    }
}
