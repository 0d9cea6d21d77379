package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * What a storage holds. An open enumeration: the constants are the values iconik's specification lists, and
 * {@link #of(String)} keeps any other value iconik may add later instead of failing.
 *
 * @param value the value exactly as iconik sends it
 */
public record StoragePurpose(@JsonValue String value) {

    /** {@code KEYFRAMES}. */
    public static final StoragePurpose KEYFRAMES = new StoragePurpose("KEYFRAMES");

    /** {@code FILES}. */
    public static final StoragePurpose FILES = new StoragePurpose("FILES");

    /** {@code PROXIES}. */
    public static final StoragePurpose PROXIES = new StoragePurpose("PROXIES");

    /** {@code EXPORTS}. */
    public static final StoragePurpose EXPORTS = new StoragePurpose("EXPORTS");

    /** {@code ARCHIVE}. */
    public static final StoragePurpose ARCHIVE = new StoragePurpose("ARCHIVE");

    /** {@code FACES}. */
    public static final StoragePurpose FACES = new StoragePurpose("FACES");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public StoragePurpose {
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
    public static StoragePurpose of(String value) {
        return new StoragePurpose(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
