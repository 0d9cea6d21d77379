// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The SDK's retry and circuit-breaker rules, as the predicates and interval function Resilience4j's
 * {@code Retry} and {@code CircuitBreaker} decide with.
 *
 * <ul>
 *   <li>A 429 and a request that never reached iconik (refused, connect timeout, unknown host) are retried for
 *       every method: iconik did not process them.</li>
 *   <li>500, 502, 503, 504, a read timeout and a broken connection leave the outcome open: retried only for
 *       idempotent requests.</li>
 *   <li>Every other status is final. The status is re-read on each attempt, so a 404 after a 503 is final.</li>
 *   <li>The wait is iconik's {@code Retry-After} when it sent one, else the configured backoff; a wait that would
 *       end past the request's time budget is not started (the interval function answers -1, which stops the
 *       retry).</li>
 *   <li>The circuit breaker records 5xx answers and failed connections as failures, ignores 429 (iconik is up and
 *       throttling), and counts every other answer as a success.</li>
 * </ul>
 */
public final class RetryRules {

    private RetryRules() {
    }

    /**
     * Whether the SDK's rules allow another attempt after this failure (attempts and time are checked apart).
     *
     * @param failure what the attempt threw
     * @return true for a transient failure that is safe to repeat
     */
    public static boolean mayRetry(Throwable failure) {
        if (!(failure instanceof AttemptFailure f)) {
            return false;
        }
        int status = f.status();
        if (status == 429) {
            return true;
        }
        if (f.answered()) {
            return f.request().idempotent() && status >= 500 && status <= 504 && status != 501;
        }
        return f.neverSent() || f.request().idempotent();
    }

    /**
     * Whether a failure says iconik is failing, for the circuit breaker: a 5xx answer (but 501) or no answer.
     *
     * @param failure what the attempt threw
     * @return true to record it as a failure
     */
    public static boolean isOutage(Throwable failure) {
        return failure instanceof AttemptFailure f && (!f.answered() || (f.status() >= 500 && f.status() != 501));
    }

    /**
     * Whether the circuit breaker should ignore a failure: a 429 says nothing about iconik's health.
     *
     * @param failure what the attempt threw
     * @return true for a 429
     */
    public static boolean isThrottled(Throwable failure) {
        return failure instanceof AttemptFailure f && f.status() == 429;
    }

    /**
     * The wait before the next attempt: {@code Retry-After} when iconik sent one, else {@code backoff}; -1 (stop)
     * when the wait would end past the request's deadline.
     *
     * @param backoff   the configured backoff
     * @param nanoClock the monotonic clock the deadline is measured on
     * @param <T>       the result type
     * @return the interval function
     */
    public static <T> IntervalBiFunction<T> interval(IntervalBiFunction<T> backoff, LongSupplier nanoClock) {
        return (attempt, either) -> {
            Throwable error = either.isLeft() ? either.getLeft() : null;
            if (!(error instanceof AttemptFailure f)) {
                return backoff.apply(attempt, either);
            }
            long waitMillis = f.retryAfter() != null ? f.retryAfter().toMillis() : backoff.apply(attempt, either);
            long left = f.deadlineNanos() - nanoClock.getAsLong() - Duration.ofMillis(waitMillis).toNanos();
            return left > 0 ? waitMillis : -1L;
        };
    }

    /**
     * The configuration the client's {@code Retry} runs with: the attempts and backoff of {@code base}, the SDK's
     * rules for what may be retried (further narrowed by {@code base}'s own exception predicate), and
     * {@code Retry-After} and the time budget on top of the backoff.
     *
     * @param base      the user's or the default configuration
     * @param nanoClock the monotonic clock
     * @return the effective configuration
     */
    public static RetryConfig effective(RetryConfig base, LongSupplier nanoClock) {
        Predicate<Throwable> theirs = base.getExceptionPredicate();
        IntervalBiFunction<Object> backoff = base.getIntervalBiFunction();
        return RetryConfig.custom()
                .maxAttempts(base.getMaxAttempts())
                .writableStackTraceEnabled(base.isWritableStackTraceEnabled())
                .retryOnException(e -> mayRetry(e) && theirs.test(e))
                .intervalBiFunction(interval(backoff, nanoClock))
                .build();
    }
}
