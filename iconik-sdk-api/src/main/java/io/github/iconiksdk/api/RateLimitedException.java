// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * iconik answered 429 Too Many Requests and the SDK's retries (if any) were used up. iconik did not process the
 * request, so it is always safe to send it again after {@link #retryAfter()}.
 */
public class RateLimitedException extends IconikServiceException {
    private static final long serialVersionUID = 1L;

    /** How long iconik asked the client to wait, or {@code null} if it did not say. */
    private final Duration retryAfter;

    /**
     * Creates the error.
     *
     * @param message    a summary naming the method and path
     * @param errors     iconik's error messages, possibly empty
     * @param requestId  iconik's request id, or {@code null}
     * @param headers    the response headers
     * @param retryAfter the wait iconik asked for in {@code Retry-After}, or {@code null} when it gave none
     */
    public RateLimitedException(String message, List<String> errors, String requestId,
                                Map<String, List<String>> headers, Duration retryAfter) {
        super(message, 429, errors, requestId, headers);
        this.retryAfter = retryAfter;
    }

    /** @return the wait iconik asked for, when it sent a {@code Retry-After} header */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
