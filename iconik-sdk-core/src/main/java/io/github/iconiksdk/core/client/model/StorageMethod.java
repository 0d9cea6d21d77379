package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * How iconik reaches a storage. An open enumeration: the constants are the values iconik's specification lists, and
 * {@link #of(String)} keeps any other value iconik may add later instead of failing.
 *
 * @param value the value exactly as iconik sends it
 */
public record StorageMethod(@JsonValue String value) {

    /** {@code FILE}. */
    public static final StorageMethod FILE = new StorageMethod("FILE");

    /** {@code HTTP}. */
    public static final StorageMethod HTTP = new StorageMethod("HTTP");

    /** {@code FTP}. */
    public static final StorageMethod FTP = new StorageMethod("FTP");

    /** {@code SFTP}. */
    public static final StorageMethod SFTP = new StorageMethod("SFTP");

    /** {@code S3}. */
    public static final StorageMethod S3 = new StorageMethod("S3");

    /** {@code B2}. */
    public static final StorageMethod B2 = new StorageMethod("B2");

    /** {@code GCS}. */
    public static final StorageMethod GCS = new StorageMethod("GCS");

    /** {@code PORTAL}. */
    public static final StorageMethod PORTAL = new StorageMethod("PORTAL");

    /** {@code CUSTOM}. */
    public static final StorageMethod CUSTOM = new StorageMethod("CUSTOM");

    /** {@code AZURE}. */
    public static final StorageMethod AZURE = new StorageMethod("AZURE");

    /**
     * Validates the value.
     *
     * @param value the value exactly as iconik sends it
     * @throws NullPointerException if {@code value} is null
     */
    public StorageMethod {
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
    public static StorageMethod of(String value) {
        return new StorageMethod(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
