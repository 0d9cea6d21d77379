// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.resilience;

import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.RetryOptions;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The SDK's Resilience4j defaults, as starting points for your own configurations
 * ({@code RetryConfig.from(IconikResilience.retryConfig())...}), and the bulkheads that bound concurrent uploads
 * and transcodes. Names of the policies the SDK creates are constants here, so that metrics and dashboards can
 * refer to them.
 */
public final class IconikResilience {

    /** Name of a client's retry policy. */
    public static final String RETRY = "iconik-retry";
    /** Prefix of the circuit breakers' names: {@code iconik-assets}, {@code iconik-files}, … */
    public static final String CIRCUIT_BREAKER_PREFIX = "iconik-";
    /** Name of the bulkhead bounding concurrent uploads. */
    public static final String UPLOADS = "iconik-uploads";
    /** Name of the bulkhead bounding concurrent transcodes. */
    public static final String TRANSCODES = "iconik-transcodes";
    /** How long a caller waits by default for a bulkhead slot before the call is refused. */
    public static final Duration BULKHEAD_MAX_WAIT = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(IconikResilience.class);

    private IconikResilience() {
    }

    /**
     * The retry's defaults: 5 attempts, 500 ms doubling to 30 s with ±50 % jitter ({@link RetryOptions#defaults()}).
     * The client always adds its rules on top (what may be retried, {@code Retry-After}, the 2-minute budget); an
     * exception predicate set here can only narrow what is retried.
     *
     * @return the default retry configuration
     */
    public static RetryConfig retryConfig() {
        return RetryOptions.defaults().toRetryConfig();
    }

    /**
     * The rate limiter's defaults: 5 permits every 111 ms (45 requests a second, at most 50 in any second), a
     * caller waiting up to 2 minutes ({@link RateLimitOptions#defaults()}).
     *
     * @return the default rate limiter configuration
     */
    public static RateLimiterConfig rateLimiterConfig() {
        return RateLimitOptions.defaults().toRateLimiterConfig();
    }

    /**
     * The circuit breakers' defaults, one breaker per endpoint family. A breaker opens when every attempt of the
     * last 5 seconds failed, and there were at least 5 (a time-based window, failure rate 100 %): iconik being down
     * opens it about 5 s after its last good answer however few calls the gateway makes, while scattered 5xx
     * answers never do. (A count-based window of 20 needed 20 failed attempts in a row after a run of successes;
     * with the callers slowed by their own retries' back-off that took 18 s in the outage benchmark.) It stays open
     * 5 s, then lets one probe through, closing when it succeeds. 5xx answers (but 501) and failed connections count
     * as failures, 429 is ignored, every other answer is a success: the client sets those predicates itself.
     * With the families a gateway uses (about six), a dead iconik sees about one request a second from it.
     *
     * @return the default circuit breaker configuration
     */
    public static CircuitBreakerConfig circuitBreakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(5)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofSeconds(5))
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .build();
    }

    /**
     * A bulkhead configuration: at most {@code maxConcurrentCalls} at once; a caller waits up to
     * {@link #BULKHEAD_MAX_WAIT} for a slot.
     *
     * @param maxConcurrentCalls the limit, at least 1
     * @return the configuration
     * @throws IllegalArgumentException if below 1
     */
    public static BulkheadConfig bulkheadConfig(int maxConcurrentCalls) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, was " + maxConcurrentCalls);
        }
        return BulkheadConfig.custom().maxConcurrentCalls(maxConcurrentCalls).maxWaitDuration(BULKHEAD_MAX_WAIT)
                .writableStackTraceEnabled(false).build();
    }

    /**
     * A bulkhead named {@link #UPLOADS} bounding concurrent uploads (the upload thread count becomes its limit).
     *
     * @param maxConcurrentCalls the limit, at least 1
     * @return a new bulkhead
     * @throws IllegalArgumentException if below 1
     */
    public static Bulkhead uploadBulkhead(int maxConcurrentCalls) {
        return Bulkhead.of(UPLOADS, bulkheadConfig(maxConcurrentCalls));
    }

    /**
     * A bulkhead named {@link #TRANSCODES} bounding concurrent transcodes.
     *
     * @param maxConcurrentCalls the limit, at least 1
     * @return a new bulkhead
     * @throws IllegalArgumentException if below 1
     */
    public static Bulkhead transcodeBulkhead(int maxConcurrentCalls) {
        return Bulkhead.of(TRANSCODES, bulkheadConfig(maxConcurrentCalls));
    }

    /**
     * The bulkhead named {@code name} in your registry (created with {@link #bulkheadConfig(int)} when absent),
     * so that it shows in the metrics bound to that registry.
     *
     * @param registry           your registry
     * @param name               {@link #UPLOADS}, {@link #TRANSCODES} or a name of your own
     * @param maxConcurrentCalls the limit for a new bulkhead, at least 1
     * @return the bulkhead
     * @throws NullPointerException     if registry or name is null
     * @throws IllegalArgumentException if maxConcurrentCalls is below 1
     */
    public static Bulkhead bulkhead(BulkheadRegistry registry, String name, int maxConcurrentCalls) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(name, "name");
        return registry.bulkhead(name, bulkheadConfig(maxConcurrentCalls));
    }

    /**
     * Logs a bulkhead's refused calls at DEBUG and forwards them to {@code listener} as
     * {@link ResilienceEvent.Type#BULKHEAD_FULL}.
     *
     * @param bulkhead the bulkhead
     * @param listener the listener, or null to log only
     * @return the bulkhead
     */
    public static Bulkhead observe(Bulkhead bulkhead, ResilienceListener listener) {
        bulkhead.getEventPublisher().onCallRejected(e -> {
            String message = "bulkhead " + e.getBulkheadName() + " is full ("
                    + bulkhead.getBulkheadConfig().getMaxConcurrentCalls() + " calls at once); call refused";
            LOG.debug(message);
            if (listener != null) {
                try {
                    listener.onEvent(new ResilienceEvent(Instant.now(), ResilienceEvent.Type.BULKHEAD_FULL,
                            e.getBulkheadName(), message, null));
                } catch (RuntimeException failure) {
                    LOG.warn("resilience listener failed on {}: {}", e.getBulkheadName(), failure.toString());
                }
            }
        });
        return bulkhead;
    }
}
