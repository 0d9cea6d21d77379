// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * How iconik reaches a storage.
 * The constants are the values iconik's specification lists; a value iconik adds later reads as {@link #UNKNOWN}
 * instead of failing. Never send {@code UNKNOWN} ([I] iconik refuses a value it does not know).
 */
public enum StorageMethod {
    /** {@code FILE}. */
    FILE,
    /** {@code HTTP}. */
    HTTP,
    /** {@code FTP}. */
    FTP,
    /** {@code SFTP}. */
    SFTP,
    /** {@code S3}. */
    S3,
    /** {@code B2}. */
    B2,
    /** {@code GCS}. */
    GCS,
    /** {@code PORTAL}. */
    PORTAL,
    /** {@code CUSTOM}. */
    CUSTOM,
    /** {@code AZURE}. */
    AZURE,
    /** A value this SDK does not know (iconik added it after this version). */
    @JsonEnumDefaultValue
    UNKNOWN
}
