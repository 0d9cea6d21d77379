// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * Which frames of a video become keyframes, and how they tile into the keyframe map.
 *
 * <p>As iconik does: frames spread evenly over the duration, at most {@value #MAX_FRAMES} and at most
 * {@value #MAX_PER_SECOND} per second (at least one). Keyframe {@code k} (from 0) is the first frame at or after
 * {@code (k + 0.5) × step}, where {@code step = duration / count}: the middle of each equal slice, which avoids the
 * black first frame and the fade-out of the last.
 *
 * <p>The map is a grid of {@value #MAP_COLUMNS} columns (fewer when there are fewer frames), filled row by row,
 * the last row padded with black. A fixed column count keeps the map's width constant (3200 px) whatever the
 * duration, and lets a viewer find frame {@code k} at column {@code k % 10}, row {@code k / 10} without
 * metadata; 160 frames of 16:9 give a 3200x2880 JPEG.
 *
 * @param count   number of keyframes
 * @param step    the slice of the duration each keyframe stands for
 * @param columns map columns
 * @param rows    map rows
 */
public record KeyframeSchedule(int count, Duration step, int columns, int rows) {

    /** Most keyframes per video. */
    public static final int MAX_FRAMES = 160;
    /** Most keyframes per second of video. */
    public static final int MAX_PER_SECOND = 2;
    /** Columns of the keyframe map. */
    public static final int MAP_COLUMNS = 10;

    /**
     * @param duration the video's duration
     * @return the schedule
     * @throws IllegalArgumentException if the duration is not positive
     */
    public static KeyframeSchedule of(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a video needs a positive duration for keyframes, got " + duration);
        }
        double seconds = duration.toNanos() / 1e9;
        int count = (int) Math.max(1, Math.min(MAX_FRAMES, Math.floor(seconds * MAX_PER_SECOND)));
        int columns = Math.min(MAP_COLUMNS, count);
        int rows = (count + columns - 1) / columns;
        return new KeyframeSchedule(count, duration.dividedBy(count), columns, rows);
    }

    /**
     * @param k a keyframe's index, from 0
     * @return the time it is taken at (the frame shown is the first at or after it)
     */
    public Duration position(int k) {
        return step.multipliedBy(2L * k + 1).dividedBy(2);
    }

    /** @return ffmpeg's {@code select} expression picking these frames in one pass (quote it in a graph) */
    public String selectExpression() {
        // selected_n counts the frames selected so far, so each pick aims at the next slice's middle and
        // rounding never accumulates.
        return String.format(Locale.ROOT, "gte(t,(selected_n+0.5)*%.6f)", step.toNanos() / 1e9);
    }

    /** @return the index of the keyframe used as the poster: the middle one */
    public int posterIndex() {
        return (count - 1) / 2;
    }
}
