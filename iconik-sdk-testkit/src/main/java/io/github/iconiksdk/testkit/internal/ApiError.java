// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** An error answer of the fake: a status and iconik's error body ({@code {"errors": [...]}} or by field). */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> fieldErrors;

    private ApiError(int status, String message, Map<String, String> fieldErrors) {
        super(message, null, false, false);
        this.status = status;
        this.fieldErrors = fieldErrors;
    }

    /**
     * An error with one message.
     *
     * @param status the HTTP status
     * @param message the message iconik would give
     * @return the error
     */
    public static ApiError of(int status, String message) {
        return new ApiError(status, message, Map.of());
    }

    /**
     * A 404 naming what is missing.
     *
     * @param what e.g. "Asset"
     * @param id the id asked for
     * @return the error
     */
    public static ApiError notFound(String what, String id) {
        return of(404, what + " " + id + " does not exist");
    }

    /**
     * A 400 with messages per field, as iconik's validation answers.
     *
     * @param fieldErrors field name to message
     * @return the error
     */
    public static ApiError fields(Map<String, String> fieldErrors) {
        return new ApiError(400, "Invalid fields: " + fieldErrors, Map.copyOf(fieldErrors));
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return iconik's error body for this error */
    public ObjectNode body() {
        ObjectNode body = Json.object();
        if (fieldErrors.isEmpty()) {
            body.putArray("errors").add(getMessage());
        } else {
            ObjectNode errors = body.putObject("errors");
            fieldErrors.forEach(errors::put);
        }
        return body;
    }
}
