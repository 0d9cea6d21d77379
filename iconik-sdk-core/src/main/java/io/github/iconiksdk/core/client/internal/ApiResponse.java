// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import java.net.http.HttpHeaders;

/**
 * A successful (2xx) answer.
 *
 * @param status  the status
 * @param headers the headers
 * @param body    the body bytes, empty when there was none
 */
public record ApiResponse(int status, HttpHeaders headers, byte[] body) {

    /** @return whether the body is empty or only whitespace */
    public boolean bodyIsEmpty() {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
