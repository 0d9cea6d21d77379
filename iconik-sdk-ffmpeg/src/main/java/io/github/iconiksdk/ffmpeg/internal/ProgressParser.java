// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import java.util.OptionalLong;

/** Reads the {@code key=value} lines ffmpeg writes with {@code -progress}. */
public final class ProgressParser {

    private static final String OUT_TIME_US = "out_time_us=";

    private ProgressParser() {
    }

    /**
     * @param line one line of {@code -progress} output
     * @return the output time in microseconds when the line carries it and it is known; empty otherwise
     *         ({@code N/A} at the start of a run, other keys, negative values before the first frame)
     */
    public static OptionalLong outTimeMicros(String line) {
        if (!line.startsWith(OUT_TIME_US)) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(line.substring(OUT_TIME_US.length()).strip());
            return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
