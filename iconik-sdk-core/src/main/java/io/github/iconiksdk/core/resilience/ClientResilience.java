// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;

import java.util.List;
import java.util.Optional;

/**
 * The resilience policies one {@code IconikClient} runs with: its {@link Retry}, the {@link RateLimiter} of its
 * credential, and one {@link CircuitBreaker} per iconik endpoint family (the first path segment after
 * {@code /API/}: {@code assets}, {@code files}, {@code metadata}, {@code jobs}, {@code search}, …; breaker
 * {@code iconik-assets} and so on). Use it to show state (is iconik failing?), listen to events, or bind metrics.
 * Obtain it with {@code IconikClient.resilience()}.
 */
public interface ClientResilience {

    /**
     * The endpoint family of a path: the segment after {@code /API/}, or {@code other}.
     *
     * @param path a request path such as {@code /API/assets/v1/assets/}
     * @return the family, such as {@code assets}
     */
    static String family(String path) {
        String p = path == null ? "" : path;
        if (p.startsWith("/API/")) {
            int end = p.indexOf('/', 5);
            String family = end < 0 ? p.substring(5) : p.substring(5, end);
            int q = family.indexOf('?');
            family = q < 0 ? family : family.substring(0, q);
            if (!family.isEmpty() && family.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_'
                    || c == '-')) {
                return family;
            }
        }
        return "other";
    }

    /** @return the client's retry (its configuration includes the SDK's rules) */
    Retry retry();

    /** @return the rate limiter of the client's credential, empty when the rate limit is disabled */
    Optional<RateLimiter> rateLimiter();

    /**
     * The circuit breaker of an endpoint family, created when first asked for.
     *
     * @param family the family, such as {@code assets} (see {@link #family(String)})
     * @return the breaker
     * @throws NullPointerException if family is null
     */
    CircuitBreaker circuitBreaker(String family);

    /** @return the circuit breakers created so far, in no particular order */
    List<CircuitBreaker> circuitBreakers();

    /**
     * Whether iconik is failing as far as this client can tell: a circuit breaker is open or half-open (probing).
     * Becomes false again on its own once the probes succeed.
     *
     * @return true while any breaker is not closed
     */
    boolean serviceFailing();

    /**
     * Adds a listener for this client's events (and the shared limiter's 429 pauses).
     *
     * @param listener the listener
     * @throws NullPointerException if null
     */
    void addListener(ResilienceListener listener);

    /**
     * Removes a listener added before; nothing happens if it was not added.
     *
     * @param listener the listener
     */
    void removeListener(ResilienceListener listener);
}
