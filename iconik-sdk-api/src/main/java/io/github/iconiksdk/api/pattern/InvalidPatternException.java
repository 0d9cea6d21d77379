// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.pattern;

import io.github.iconiksdk.api.IconikException;

/**
 * A pattern list holds a pattern that cannot be compiled: a {@code re:} pattern not of the form {@code re:/…/},
 * text after the closing {@code /}, or a regular expression the engine refuses. Thrown when the list is compiled
 * (configuration time), never while matching.
 */
public class InvalidPatternException extends IconikException {
    private static final long serialVersionUID = 1L;

    /** The pattern as given. */
    private final String pattern;
    /** The pattern's position in its list. */
    private final int index;
    /** Why the pattern is invalid. */
    private final String reason;

    /**
     * Creates the error.
     *
     * @param pattern the pattern as written in the list
     * @param index   its zero-based position in the list
     * @param reason  why it is invalid (for a regex, the engine's own message)
     */
    public InvalidPatternException(String pattern, int index, String reason) {
        super("invalid pattern #" + (index + 1) + " '" + pattern + "': " + reason);
        this.pattern = pattern;
        this.index = index;
        this.reason = reason;
    }

    /** @return the pattern as written in the list */
    public String pattern() {
        return pattern;
    }

    /** @return the zero-based position of the pattern in its list */
    public int index() {
        return index;
    }

    /** @return why the pattern is invalid, without the pattern itself */
    public String reason() {
        return reason;
    }
}
