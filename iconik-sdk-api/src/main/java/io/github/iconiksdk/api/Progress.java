// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api;

import java.util.Locale;
import java.util.Objects;

/**
 * A snapshot of one piece of work's progress.
 *
 * @param task  what is being done, for people ({@code "transcode A001C003.MOV"})
 * @param done  units done so far, never negative
 * @param total units in all, or {@code -1} when unknown
 * @param unit  the unit of {@code done} and {@code total}
 */
public record Progress(String task, long done, long total, Unit unit) {

    /** What {@link #done()} and {@link #total()} count. */
    public enum Unit {
        /** Bytes (uploads, checksums). */
        BYTES,
        /** Files or pages (scans, multi-picture renditions). */
        FILES,
        /** Microseconds of media (transcodes). */
        MICROSECONDS
    }

    /**
     * Validates the snapshot.
     *
     * @param task what is being done, for people ({@code "transcode A001C003.MOV"})
     * @param done units done so far, never negative
     * @param total units in all, or {@code -1} when unknown
     * @param unit the unit of {@code done} and {@code total}
     * @throws NullPointerException     if {@code task} or {@code unit} is null
     * @throws IllegalArgumentException if {@code done} is negative or {@code total} is below -1
     */
    public Progress {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(unit, "unit");
        if (done < 0 || total < -1) {
            throw new IllegalArgumentException("done must be >= 0 and total >= -1, got " + done + "/" + total);
        }
    }

    /**
     * The 0.1 form, kept so that plugins built against 0.1 still run.
     *
     * @param task what is being done
     * @param done units done so far
     * @param total units in all, or {@code -1} when unknown
     * @param unit {@code "bytes"}, {@code "files"} or {@code "microseconds"} (any case)
     * @throws IllegalArgumentException if the unit is none of these, or the counts are invalid
     * @throws NullPointerException     if {@code task} or {@code unit} is null
     * @deprecated use {@link #Progress(String, long, long, Unit)}
     */
    @Deprecated(since = "0.2.0")
    public Progress(String task, long done, long total, String unit) {
        this(task, done, total, Unit.valueOf(Objects.requireNonNull(unit, "unit").toUpperCase(Locale.ROOT)));
    }

    /** @return the share done in [0, 1], or {@code -1} when the total is unknown or zero */
    public double fraction() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }
}
