package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The status of a file, proxy or keyframe record. An open enumeration: the constants are the values iconik's specification lists, and
 * {@link #of(String)} keeps any other value iconik may add later instead of failing.
 *
 * @param value the value exactly as iconik sends it
 */
public record FileRecordStatus(@JsonValue String value) {

    /** {@code OPEN}. */
    public static final FileRecordStatus OPEN = new FileRecordStatus("OPEN");

    /** {@code GROWING}. */
    public static final FileRecordStatus GROWING = new FileRecordStatus("GROWING");

    /** {@code AWAITED}. */
    public static final FileRecordStatus AWAITED = new FileRecordStatus("AWAITED");

    /** {@code CLOSED}. */
    public static final FileRecordStatus CLOSED = new FileRecordStatus("CLOSED");

    /** {@code FAILED}. */
    public static final FileRecordStatus FAILED = new FileRecordStatus("FAILED");

    /** {@code ARCHIVED}. */
    public static final FileRecordStatus ARCHIVED = new FileRecordStatus("ARCHIVED");

    /** {@code MISSING}. */
    public static final FileRecordStatus MISSING = new FileRecordStatus("MISSING");

    /** {@code REDISCOVERED}. */
    public static final FileRecordStatus REDISCOVERED = new FileRecordStatus("REDISCOVERED");

    /** {@code DELETED}. */
    public static final FileRecordStatus DELETED = new FileRecordStatus("DELETED");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public FileRecordStatus {
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
    public static FileRecordStatus of(String value) {
        return new FileRecordStatus(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
