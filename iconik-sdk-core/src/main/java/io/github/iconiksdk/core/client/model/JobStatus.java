package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The state of a job. An open enumeration: the constants are the values iconik's specification lists, and
 * {@link #of(String)} keeps any other value iconik may add later instead of failing.
 *
 * @param value the value exactly as iconik sends it
 */
public record JobStatus(@JsonValue String value) {

    /** {@code READY}. */
    public static final JobStatus READY = new JobStatus("READY");

    /** {@code STARTED}. */
    public static final JobStatus STARTED = new JobStatus("STARTED");

    /** {@code FINISHED}. */
    public static final JobStatus FINISHED = new JobStatus("FINISHED");

    /** {@code FINISHED_WITH_WARNING}. */
    public static final JobStatus FINISHED_WITH_WARNING = new JobStatus("FINISHED_WITH_WARNING");

    /** {@code FAILED}. */
    public static final JobStatus FAILED = new JobStatus("FAILED");

    /** {@code WAITING}. */
    public static final JobStatus WAITING = new JobStatus("WAITING");

    /** {@code ABORT_PENDING}. */
    public static final JobStatus ABORT_PENDING = new JobStatus("ABORT_PENDING");

    /** {@code ABORTED}. */
    public static final JobStatus ABORTED = new JobStatus("ABORTED");

    /** {@code SKIPPED}. */
    public static final JobStatus SKIPPED = new JobStatus("SKIPPED");

    /** {@code PAUSED}. */
    public static final JobStatus PAUSED = new JobStatus("PAUSED");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public JobStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The value for a wire string; unknown strings are kept as they are.
     *
     * @param value the value as iconik sends it
     * @return the value
     * @throws NullPointerException if {@code value} is null
     */
    @JsonCreator
    public static JobStatus of(String value) {
        return new JobStatus(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
