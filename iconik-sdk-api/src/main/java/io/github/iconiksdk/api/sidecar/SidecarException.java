// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.sidecar;

import io.github.iconiksdk.api.IconikException;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A sidecar could not be read or written: malformed JSON, XML or CSV, wrong root, not UTF-8, too large, a refused
 * XML construct, or an I/O failure. The message names the file and, where the parser knows it, the line and column.
 */
public class SidecarException extends IconikException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The one-based line of the problem, or {@code -1} when unknown. */
    private final int line;
    /** The one-based column of the problem, or {@code -1} when unknown. */
    private final int column;
    /** What is wrong, without the file name. */
    private final String reason;

    /**
     * Creates the error.
     *
     * @param file   the sidecar file
     * @param line   the one-based line of the problem, or {@code -1} when unknown
     * @param column the one-based column, or {@code -1} when unknown
     * @param reason what is wrong
     * @param cause  the parser's or the file system's exception, or {@code null}
     */
    public SidecarException(Path file, int line, int column, String reason, Throwable cause) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** @return what is wrong, without the file and position */
    public String reason() {
        return reason;
    }

    /** @return the sidecar file concerned */
    public Path file() {
        return file;
    }

    /** @return the one-based line of the problem, when known */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** @return the one-based column of the problem, when known */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }
}
