package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The kind of a keyframe image. An open enumeration: the constants are the values iconik's specification lists, and
 * {@link #of(String)} keeps any other value iconik may add later instead of failing.
 *
 * @param value the value exactly as iconik sends it
 */
public record KeyframeType(@JsonValue String value) {

    /** {@code KEYFRAME_MAP}. */
    public static final KeyframeType KEYFRAME_MAP = new KeyframeType("KEYFRAME_MAP");

    /** {@code KEYFRAME}. */
    public static final KeyframeType KEYFRAME = new KeyframeType("KEYFRAME");

    /** {@code POSTER}. */
    public static final KeyframeType POSTER = new KeyframeType("POSTER");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public KeyframeType {
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
    public static KeyframeType of(String value) {
        return new KeyframeType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
