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
public record FileStatus(@JsonValue String value) {

    /** {@code OPEN}. */
    public static final FileStatus OPEN = new FileStatus("OPEN");

    /** {@code GROWING}. */
    public static final FileStatus GROWING = new FileStatus("GROWING");

    /** {@code AWAITED}. */
    public static final FileStatus AWAITED = new FileStatus("AWAITED");

    /** {@code CLOSED}. */
    public static final FileStatus CLOSED = new FileStatus("CLOSED");

    /** {@code FAILED}. */
    public static final FileStatus FAILED = new FileStatus("FAILED");

    /** {@code ARCHIVED}. */
    public static final FileStatus ARCHIVED = new FileStatus("ARCHIVED");

    /** {@code MISSING}. */
    public static final FileStatus MISSING = new FileStatus("MISSING");

    /** {@code REDISCOVERED}. */
    public static final FileStatus REDISCOVERED = new FileStatus("REDISCOVERED");

    /** {@code DELETED}. */
    public static final FileStatus DELETED = new FileStatus("DELETED");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public FileStatus {
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
    public static FileStatus of(String value) {
        return new FileStatus(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
