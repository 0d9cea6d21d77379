package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The kind of a job (the common ones; iconik lists many more). An open enumeration: the constants are the values iconik's specification lists, and
 * {@link #of(String)} keeps any other value iconik may add later instead of failing.
 *
 * @param value the value exactly as iconik sends it
 */
public record JobType(@JsonValue String value) {

    /** {@code MEDIAINFO}. */
    public static final JobType MEDIAINFO = new JobType("MEDIAINFO");

    /** {@code TRANSCODE}. */
    public static final JobType TRANSCODE = new JobType("TRANSCODE");

    /** {@code KEYFRAMES}. */
    public static final JobType KEYFRAMES = new JobType("KEYFRAMES");

    /** {@code EXPORT}. */
    public static final JobType EXPORT = new JobType("EXPORT");

    /** {@code DELETE}. */
    public static final JobType DELETE = new JobType("DELETE");

    /** {@code TRANSFER}. */
    public static final JobType TRANSFER = new JobType("TRANSFER");

    /** {@code ANALYZE}. */
    public static final JobType ANALYZE = new JobType("ANALYZE");

    /** {@code METADATA}. */
    public static final JobType METADATA = new JobType("METADATA");

    /** {@code CUSTOM}. */
    public static final JobType CUSTOM = new JobType("CUSTOM");

    /** {@code SCAN}. */
    public static final JobType SCAN = new JobType("SCAN");

    /** {@code ARCHIVE}. */
    public static final JobType ARCHIVE = new JobType("ARCHIVE");

    /** {@code RESTORE}. */
    public static final JobType RESTORE = new JobType("RESTORE");

    /** {@code STORAGE_GATEWAY_FILE_INGEST}. */
    public static final JobType STORAGE_GATEWAY_FILE_INGEST = new JobType("STORAGE_GATEWAY_FILE_INGEST");

    /** {@code MARK_MISSING}. */
    public static final JobType MARK_MISSING = new JobType("MARK_MISSING");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public JobType {
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
    public static JobType of(String value) {
        return new JobType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
