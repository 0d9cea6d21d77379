package io.github.iconiksdk.api;

import java.util.Objects;

/**
 * A snapshot of one piece of work's progress.
 *
 * @param task  what is being done, for people ({@code "transcode A001C003.MOV"})
 * @param done  units done so far, never negative
 * @param total units in all, or {@code -1} when unknown
 * @param unit  the unit of {@code done} and {@code total}: {@code "bytes"}, {@code "files"} or {@code "microseconds"}
 */
public record Progress(String task, long done, long total, String unit) {

    /**
     * Validates the snapshot.
     *
     * @param task what is being done, for people ({@code "transcode A001C003.MOV"})
     * @param done units done so far, never negative
     * @param total units in all, or {@code -1} when unknown
     * @param unit the unit of {@code done} and {@code total}: {@code "bytes"}, {@code "files"} or {@code
     *             "microseconds"}
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

    /** @return the share done in [0, 1], or {@code -1} when the total is unknown or zero */
    public double fraction() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }
}
