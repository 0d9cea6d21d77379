// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

import io.github.iconiksdk.api.IconikException;

import java.util.List;

/**
 * A transcode failed: the tool exited with an error, timed out, was cancelled, or could not be started. Carries
 * the exit code and the error lines the tool printed, so a person can act on them.
 */
public class TranscodeException extends IconikException {
    private static final long serialVersionUID = 1L;

    /** FFmpeg's exit code. */
    private final int exitCode;
    /** The error lines FFmpeg printed. */
    private final List<String> errorLines;

    /**
     * Creates the error.
     *
     * @param message    what failed, naming the source file
     * @param exitCode   the tool's exit code, or {@code -1} when it did not exit by itself (timeout, cancel, not
     *                   started)
     * @param errorLines the error lines the tool printed, in order, possibly empty
     * @param cause      the underlying exception, or {@code null}
     */
    public TranscodeException(String message, int exitCode, List<String> errorLines, Throwable cause) {
        super(errorLines.isEmpty() ? message : message + ": " + errorLines.get(errorLines.size() - 1), cause);
        this.exitCode = exitCode;
        this.errorLines = List.copyOf(errorLines);
    }

    /** @return the tool's exit code, or {@code -1} when it did not exit by itself */
    public int exitCode() {
        return exitCode;
    }

    /** @return the error lines the tool printed, in order */
    public List<String> errorLines() {
        return errorLines;
    }
}
