package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The kind of an asset. An open enumeration: the constants are the values iconik's specification lists, and
 * {@link #of(String)} keeps any other value iconik may add later instead of failing.
 *
 * @param value the value exactly as iconik sends it
 */
public record AssetType(@JsonValue String value) {

    /** {@code ASSET}. */
    public static final AssetType ASSET = new AssetType("ASSET");

    /** {@code SEQUENCE}. */
    public static final AssetType SEQUENCE = new AssetType("SEQUENCE");

    /** {@code NLE_PROJECT}. */
    public static final AssetType NLE_PROJECT = new AssetType("NLE_PROJECT");

    /** {@code PLACEHOLDER}. */
    public static final AssetType PLACEHOLDER = new AssetType("PLACEHOLDER");

    /** {@code CUSTOM}. */
    public static final AssetType CUSTOM = new AssetType("CUSTOM");

    /** {@code LINK}. */
    public static final AssetType LINK = new AssetType("LINK");

    /** {@code SUBCLIP}. */
    public static final AssetType SUBCLIP = new AssetType("SUBCLIP");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public AssetType {
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
    public static AssetType of(String value) {
        return new AssetType(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
