// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api;

/**
 * The request never got an answer from iconik: connection refused or reset, timeout, TLS failure, an answer that
 * could not be read, or local I/O. Whether iconik applied a request that failed this way is unknown; see
 * {@link #mayHaveBeenApplied()}.
 */
public class IconikClientException extends IconikException {
    private static final long serialVersionUID = 1L;

    /** Whether the request may have reached iconik and been applied before the failure. */
    private final boolean mayHaveBeenApplied;

    /**
     * Creates a transport failure.
     *
     * @param message            what failed, naming the method and path (never the credentials)
     * @param cause              the underlying I/O failure
     * @param mayHaveBeenApplied whether the request may have reached iconik (false only when the connection was
     *                           refused before any byte was sent)
     */
    public IconikClientException(String message, Throwable cause, boolean mayHaveBeenApplied) {
        super(message, cause);
        this.mayHaveBeenApplied = mayHaveBeenApplied;
    }

    /**
     * Whether iconik may have applied the request although no answer arrived. A caller that retries a
     * non-idempotent request after this returned {@code true} must first look up what iconik holds.
     *
     * @return {@code true} unless the request certainly never reached iconik
     */
    public boolean mayHaveBeenApplied() {
        return mayHaveBeenApplied;
    }
}
