// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.media;

import io.github.iconiksdk.api.IconikException;

/** A file's embedded metadata cannot be read (unreadable file, corrupt segment); the message names the file. */
public class EmbeddedMetadataException extends IconikException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the file
     * @param cause   the underlying error, or null
     */
    public EmbeddedMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
