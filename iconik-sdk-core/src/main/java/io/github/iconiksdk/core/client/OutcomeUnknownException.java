// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikServiceException;

import java.util.Optional;

/**
 * A request that is not safe to repeat (a POST that creates something) failed in a way that leaves its outcome
 * unknown: iconik answered 5xx, the answer timed out, or the connection broke after the request was sent. iconik
 * may have applied it. The client never retries such a request itself; the caller resolves the doubt with a
 * lookup (for example an asset by its {@code external_id}) before sending it again.
 * {@link #mayHaveBeenApplied()} is always {@code true}.
 */
public final class OutcomeUnknownException extends IconikClientException {
    private static final long serialVersionUID = 1L;

    private final transient IconikServiceException serviceError;

    /**
     * Creates the error.
     *
     * @param message      what was sent and what happened, never credentials
     * @param cause        the transport failure or the {@link IconikServiceException} of the 5xx answer
     */
    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause, true);
        this.serviceError = cause instanceof IconikServiceException s ? s : null;
    }

    /** @return the 5xx answer, when iconik sent one (empty for a timeout or a broken connection) */
    public Optional<IconikServiceException> serviceError() {
        return Optional.ofNullable(serviceError);
    }
}
