// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.IconikClientException;

/** An upload URL refuses for good (expired, revoked, object gone): make a new URL or record. */
public final class UrlGoneException extends IconikClientException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was refused (without the URL's signature)
     */
    public UrlGoneException(String message) {
        super(message, null, false);
    }
}
