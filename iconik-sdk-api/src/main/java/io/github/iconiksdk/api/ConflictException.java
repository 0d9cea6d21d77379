// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api;

import java.util.List;
import java.util.Map;

/** iconik answered 409: the object already exists or was changed concurrently. */
public class ConflictException extends IconikServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error; see {@link IconikServiceException#IconikServiceException}.
     *
     * @param message   a summary naming the method, path and status
     * @param status    the HTTP status
     * @param errors    iconik's error messages, possibly empty
     * @param requestId iconik's request id, or {@code null}
     * @param headers   the response headers
     */
    public ConflictException(String message, int status, List<String> errors, String requestId,
                 Map<String, List<String>> headers) {
        super(message, status, errors, requestId, headers);
    }
}
