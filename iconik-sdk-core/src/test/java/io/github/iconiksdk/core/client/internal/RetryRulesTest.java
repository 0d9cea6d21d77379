// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules the client's Retry and CircuitBreaker decide with, without any HTTP or waiting. */
class RetryRulesTest {

    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);
    private static final ApiRequest GET = ApiRequest.of("GET", "/API/assets/v1/assets/a/", null);
    private static final ApiRequest CREATE = ApiRequest.of("POST", "/API/assets/v1/assets/", new byte[0]);

    private static AttemptFailure status(ApiRequest r, int status, Duration retryAfter, long deadline) {
        return AttemptFailure.answered(r, 1, deadline, status, NO_HEADERS, new byte[0], retryAfter);
    }

    private static AttemptFailure lost(ApiRequest r, boolean neverSent) {
        IOException e = neverSent ? new ConnectException("refused") : new IOException("reset");
        return AttemptFailure.noAnswer(r, 1, Long.MAX_VALUE, e, neverSent, "test");
    }

    @ParameterizedTest
    @CsvSource({"429,true,true", "500,true,false", "502,true,false", "503,true,false", "504,true,false",
            "501,false,false", "400,false,false", "404,false,false", "409,false,false", "401,false,false"})
    void whatIsRetried_byStatusAndIdempotency(int status, boolean forGet, boolean forCreate) {
        assertEquals(forGet, RetryRules.mayRetry(status(GET, status, null, Long.MAX_VALUE)));
        assertEquals(forCreate, RetryRules.mayRetry(status(CREATE, status, null, Long.MAX_VALUE)));
    }

    @Test
    void aRequestThatNeverLeft_isRetriedForEveryMethod_aLostAnswerOnlyForIdempotentOnes() {
        assertTrue(RetryRules.mayRetry(lost(CREATE, true)));
        assertTrue(RetryRules.mayRetry(lost(GET, false)));
        assertFalse(RetryRules.mayRetry(lost(CREATE, false)));
        assertFalse(RetryRules.mayRetry(new IllegalStateException("not an attempt failure")));
    }

    @Test
    void theBreaker_records5xxAndLostConnections_ignores429_andCountsOtherAnswersAsSuccess() {
        assertTrue(RetryRules.isOutage(status(GET, 503, null, 0)));
        assertTrue(RetryRules.isOutage(status(CREATE, 500, null, 0)));
        assertTrue(RetryRules.isOutage(lost(GET, true)));
        assertFalse(RetryRules.isOutage(status(GET, 501, null, 0)));
        assertFalse(RetryRules.isOutage(status(GET, 404, null, 0)));
        assertFalse(RetryRules.isOutage(status(GET, 429, null, 0)));
        assertTrue(RetryRules.isThrottled(status(GET, 429, null, 0)));
    }

    @Property(tries = 200)
    void theWait_isRetryAfterWhenSent_elseTheBackoff_andNeverEndsPastTheDeadline(
            @ForAll @IntRange(min = 1, max = 10) int attempt, @ForAll @LongRange(min = 0, max = 600) long retryAfterS,
            @ForAll boolean sent, @ForAll @LongRange(min = 0, max = 200_000) long budgetLeftMs) {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        long deadline = now.get() + Duration.ofMillis(budgetLeftMs).toNanos();
        IntervalBiFunction<Object> backoff = (n, e) -> 100L * n;
        Duration retryAfter = sent ? Duration.ofSeconds(retryAfterS) : null;

        long wait = RetryRules.interval(backoff, now::get).apply(attempt,
                Either.left(status(GET, 503, retryAfter, deadline)));

        long expected = sent ? retryAfterS * 1000 : 100L * attempt;
        if (expected < budgetLeftMs) {
            assertEquals(expected, wait);
        } else {
            assertEquals(-1L, wait, "a wait ending at or past the deadline is not started");
        }
    }

    @Test
    void aUsersRetryConfig_keepsItsAttemptsAndBackoff_andCanOnlyNarrowWhatIsRetried() {
        RetryConfig theirs = RetryConfig.custom().maxAttempts(7).waitDuration(Duration.ofMillis(250))
                .retryOnException(e -> !(e instanceof AttemptFailure f && f.status() == 502)).build();

        RetryConfig effective = RetryRules.effective(theirs, () -> 0L);

        assertEquals(7, effective.getMaxAttempts());
        assertEquals(250L, effective.getIntervalBiFunction().apply(1, Either.left(status(GET, 503, null,
                Long.MAX_VALUE))));
        assertTrue(effective.getExceptionPredicate().test(status(GET, 503, null, Long.MAX_VALUE)));
        assertFalse(effective.getExceptionPredicate().test(status(GET, 502, null, Long.MAX_VALUE)), "narrowed");
        assertFalse(effective.getExceptionPredicate().test(status(CREATE, 503, null, Long.MAX_VALUE)),
                "their predicate accepts it, the SDK's rule does not");
        assertFalse(effective.getExceptionPredicate().test(new RuntimeException()));
    }
}
