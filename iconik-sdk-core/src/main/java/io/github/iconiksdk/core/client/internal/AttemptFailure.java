// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;

/**
 * One attempt of a request that did not end in a 2xx answer: what the retry and the circuit breaker decide from.
 * It carries the facts (the method's idempotency, the status or the I/O failure, whether any byte could have reached
 * iconik, {@code Retry-After}, the attempt number and the request's deadline); {@link RetryRules} holds the rules.
 * Never leaves the transport: it is turned into the SDK's exceptions once the retry is done. Its message names the
 * method, path and what happened, never credentials.
 */
final class AttemptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiRequest request;
    private final int attempt;
    private final long deadlineNanos;
    private final int status;
    private final transient HttpHeaders headers;
    private final transient byte[] body;
    private final Duration retryAfter;
    private final transient IOException ioError;
    private final boolean neverSent;

    private AttemptFailure(String message, ApiRequest request, int attempt, long deadlineNanos, int status,
                           HttpHeaders headers, byte[] body, Duration retryAfter, IOException ioError,
                           boolean neverSent) {
        super(message, null, false, false);
        this.request = request;
        this.attempt = attempt;
        this.deadlineNanos = deadlineNanos;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.retryAfter = retryAfter;
        this.ioError = ioError;
        this.neverSent = neverSent;
    }

    /** iconik answered with an error status. */
    static AttemptFailure answered(ApiRequest request, int attempt, long deadlineNanos, int status,
                                   HttpHeaders headers, byte[] body, Duration retryAfter) {
        return new AttemptFailure(request + " attempt " + attempt + " -> " + status, request, attempt,
                deadlineNanos, status, headers, body == null ? new byte[0] : body, retryAfter, null, false);
    }

    /** No answer came: the connection failed, was refused, broke or timed out. */
    static AttemptFailure noAnswer(ApiRequest request, int attempt, long deadlineNanos, IOException error,
                                   boolean neverSent, String what) {
        return new AttemptFailure(request + " attempt " + attempt + " failed (" + what + ")", request, attempt,
                deadlineNanos, 0, null, null, null, error, neverSent);
    }

    ApiRequest request() {
        return request;
    }

    int attempt() {
        return attempt;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** @return the status iconik answered, or 0 when no answer came */
    int status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    /** @return iconik's {@code Retry-After}, or null */
    Duration retryAfter() {
        return retryAfter;
    }

    /** @return the I/O failure when no answer came, else null */
    IOException ioError() {
        return ioError;
    }

    /** @return whether the request certainly never reached iconik (refused, connect timeout, unknown host) */
    boolean neverSent() {
        return neverSent;
    }

    boolean answered() {
        return status != 0;
    }
}
