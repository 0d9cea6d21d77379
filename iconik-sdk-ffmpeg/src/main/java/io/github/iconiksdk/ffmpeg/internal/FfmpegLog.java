// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads ffmpeg's stderr as printed with {@code -loglevel level+…}: which lines are errors, and their text. */
public final class FfmpegLog {

    private static final Pattern LEVEL_TAG = Pattern.compile("\\[(panic|fatal|error|warning|info|verbose|debug|trace)] ");
    private static final Pattern ERROR_TAG = Pattern.compile("\\[(panic|fatal|error)] ");
    private static final Pattern ADDRESS = Pattern.compile(" @ 0x[0-9a-fA-F]+");

    private FfmpegLog() {
    }

    /**
     * Picks the error lines (levels error, fatal and panic) and makes them readable: the level tag and the
     * context's memory address are dropped, the rest is ffmpeg's own wording.
     *
     * @param stderr the lines ffmpeg printed
     * @return the error lines, in order
     */
    public static List<String> errorLines(List<String> stderr) {
        List<String> errors = new ArrayList<>();
        for (String line : stderr) {
            if (ERROR_TAG.matcher(line).find()) {
                errors.add(clean(line));
            }
        }
        return errors;
    }

    /**
     * @param line a stderr line
     * @return the line without level tags and memory addresses
     */
    public static String clean(String line) {
        return ADDRESS.matcher(LEVEL_TAG.matcher(line).replaceAll("")).replaceAll("").strip();
    }
}
