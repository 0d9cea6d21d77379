package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The kind of a file record. An open enumeration: the constants are the values iconik's specification lists, and
 * {@link #of(String)} keeps any other value iconik may add later instead of failing.
 *
 * @param value the value exactly as iconik sends it
 */
public record FileType(@JsonValue String value) {

    /** {@code FILE}. */
    public static final FileType FILE = new FileType("FILE");

    /** {@code DIRECTORY}. */
    public static final FileType DIRECTORY = new FileType("DIRECTORY");

    /** {@code SYMLINK}. */
    public static final FileType SYMLINK = new FileType("SYMLINK");

    /** {@code SEQUENCE}. */
    public static final FileType SEQUENCE = new FileType("SEQUENCE");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public FileType {
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
    public static FileType of(String value) {
        return new FileType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
