package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * Whether a storage is in use. An open enumeration: the constants are the values iconik's specification lists, and
 * {@link #of(String)} keeps any other value iconik may add later instead of failing.
 *
 * @param value the value exactly as iconik sends it
 */
public record StorageStatus(@JsonValue String value) {

    /** {@code ACTIVE}. */
    public static final StorageStatus ACTIVE = new StorageStatus("ACTIVE");

    /** {@code INACTIVE}. */
    public static final StorageStatus INACTIVE = new StorageStatus("INACTIVE");

    /** {@code FAILING}. */
    public static final StorageStatus FAILING = new StorageStatus("FAILING");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public StorageStatus {
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
    public static StorageStatus of(String value) {
        return new StorageStatus(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
