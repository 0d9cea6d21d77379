// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * iconik answered with an error status. Carries the status, iconik's error messages (its
 * {@code {"errors": [...]}} body), the request id iconik returned, and the response headers. Subtypes exist for
 * the statuses a caller typically handles differently.
 */
public class IconikServiceException extends IconikException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status iconik answered with. */
    private final int status;
    /** iconik's error messages, possibly empty. */
    private final List<String> errors;
    /** iconik's request id, or {@code null} if the answer had none. */
    private final String requestId;
    /** The response headers. */
    private final Map<String, List<String>> headers;

    /**
     * Creates a service error.
     *
     * @param message   a summary naming the method, path and status
     * @param status    the HTTP status
     * @param errors    iconik's error messages, possibly empty
     * @param requestId iconik's request id, or {@code null} if the answer had none
     * @param headers   the response headers (credentials are never among them)
     */
    public IconikServiceException(String message, int status, List<String> errors, String requestId,
                                  Map<String, List<String>> headers) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.requestId = requestId;
        this.headers = Map.copyOf(headers);
    }

    /** @return the HTTP status iconik answered with */
    public int status() {
        return status;
    }

    /** @return iconik's error messages from the response body, in order; empty when the body had none */
    public List<String> errors() {
        return errors;
    }

    /** @return iconik's request id, when the answer carried one */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** @return the response headers, keyed by lower-case name */
    public Map<String, List<String>> headers() {
        return headers;
    }
}
