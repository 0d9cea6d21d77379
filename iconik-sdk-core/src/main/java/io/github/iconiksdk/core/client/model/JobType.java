// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The kind of a job (the common ones; iconik lists many more).
 * The constants are the values iconik's specification lists; a value iconik adds later reads as {@link #UNKNOWN}
 * instead of failing. Never send {@code UNKNOWN} ([I] iconik refuses a value it does not know).
 */
public enum JobType {
    /** {@code MEDIAINFO}. */
    MEDIAINFO,
    /** {@code TRANSCODE}. */
    TRANSCODE,
    /** {@code KEYFRAMES}. */
    KEYFRAMES,
    /** {@code EXPORT}. */
    EXPORT,
    /** {@code DELETE}. */
    DELETE,
    /** {@code TRANSFER}. */
    TRANSFER,
    /** {@code ANALYZE}. */
    ANALYZE,
    /** {@code METADATA}. */
    METADATA,
    /** {@code CUSTOM}. */
    CUSTOM,
    /** {@code SCAN}. */
    SCAN,
    /** {@code ARCHIVE}. */
    ARCHIVE,
    /** {@code RESTORE}. */
    RESTORE,
    /** {@code STORAGE_GATEWAY_FILE_INGEST}. */
    STORAGE_GATEWAY_FILE_INGEST,
    /** {@code MARK_MISSING}. */
    MARK_MISSING,
    /** A value this SDK does not know (iconik added it after this version). */
    @JsonEnumDefaultValue
    UNKNOWN
}
