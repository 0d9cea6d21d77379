// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One resilience event of a client, in the SDK's own terms (no Resilience4j type), for listeners that show state
 * (a status page) or count events. The Resilience4j events themselves stay available on each policy's
 * {@code getEventPublisher()}.
 *
 * @param at      when it happened
 * @param type    what happened
 * @param policy  the name of the policy that raised it, such as {@code iconik-assets} or {@code iconik-retry}
 * @param message a one-line description (no credentials)
 * @param delay   the wait involved (retry interval, 429 pause, time until the breaker probes again), or null
 */
public record ResilienceEvent(Instant at, Type type, String policy, String message, Duration delay) {

    /** What happened. */
    public enum Type {
        /** A request failed transiently and will be sent again after {@link #delay()}. */
        RETRY,
        /** A request failed transiently and will not be sent again (attempts or time budget used up). */
        RETRIES_EXHAUSTED,
        /** iconik answered 429: every caller of the credential pauses for {@link #delay()}. */
        RATE_LIMITED,
        /** A circuit breaker opened: calls of its endpoint family fail fast for {@link #delay()}, then it probes. */
        CIRCUIT_OPENED,
        /** A circuit breaker lets probe calls through to see whether iconik answers again. */
        CIRCUIT_HALF_OPEN,
        /** A circuit breaker closed again: iconik answers. */
        CIRCUIT_CLOSED,
        /** A call was refused without being sent, because its circuit breaker is open. */
        CALL_REJECTED,
        /** A bulkhead refused a call because its concurrency limit was reached. */
        BULKHEAD_FULL
    }

    /**
     * @param at when it happened
     * @param type what happened
     * @param policy the name of the policy that raised it, such as {@code iconik-assets} or {@code iconik-retry}
     * @param message a one-line description (no credentials)
     * @param delay the wait involved (retry interval, 429 pause, time until the breaker probes again), or null
     * @throws NullPointerException if at, type, policy or message is null
     */
    public ResilienceEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(message, "message");
    }

    /** @return the wait involved, when there is one */
    public Optional<Duration> delayIfAny() {
        return Optional.ofNullable(delay);
    }
}
