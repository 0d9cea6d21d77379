// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.api.IconikServiceException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request was not sent because iconik is failing: the circuit breaker of its endpoint family (for example
 * {@code iconik-assets} for {@code /API/assets/...}) saw every recent attempt fail with a 5xx or no answer, and
 * fails calls fast instead of letting each one wait out its retries. Nothing reached iconik, so even a create is
 * safe to send again later; the breaker lets a probe through after its wait and closes when iconik answers.
 * {@link #status()} is 503.
 */
public final class IconikUnavailableException extends IconikServiceException {
    private static final long serialVersionUID = 1L;

    /** The name of the circuit breaker that is open. */
    private final String circuitBreaker;
    private final transient Duration retryAfter;

    /**
     * Creates the error.
     *
     * @param message        what was not sent and why, never credentials
     * @param circuitBreaker the name of the open circuit breaker
     * @param retryAfter     roughly when the breaker lets a probe through, or null when unknown
     */
    public IconikUnavailableException(String message, String circuitBreaker, Duration retryAfter) {
        super(message, 503, List.of(), null, Map.of());
        this.circuitBreaker = circuitBreaker;
        this.retryAfter = retryAfter;
    }

    /** @return the name of the circuit breaker that refused the call, such as {@code iconik-assets} */
    public String circuitBreaker() {
        return circuitBreaker;
    }

    /** @return roughly how long until the breaker lets a probe through, when known */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
