// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api;

/**
 * Root of every exception the SDK throws on purpose. Unchecked, like the AWS SDK v2 and Azure SDK exception trees:
 * callers catch the subtype they can act on and let the rest propagate.
 *
 * <p>Messages never contain credentials (the iconik {@code Auth-Token} in particular).
 */
public class IconikException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the file, key, pattern or field concerned
     */
    public IconikException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public IconikException(String message, Throwable cause) {
        super(message, cause);
    }
}
