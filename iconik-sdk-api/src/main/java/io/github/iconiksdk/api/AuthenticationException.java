// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api;

import java.util.List;
import java.util.Map;

/** iconik answered 401 or 403: the App-ID / Auth-Token pair is missing, wrong, expired or lacks the permission. */
public class AuthenticationException extends IconikServiceException {
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
    public AuthenticationException(String message, int status, List<String> errors, String requestId,
                 Map<String, List<String>> headers) {
        super(message, status, errors, requestId, headers);
    }
}
