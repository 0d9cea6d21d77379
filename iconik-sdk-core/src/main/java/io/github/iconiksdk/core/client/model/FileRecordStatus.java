// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The status of a file, proxy or keyframe record.
 * The constants are the values iconik's specification lists; a value iconik adds later reads as {@link #UNKNOWN}
 * instead of failing. Never send {@code UNKNOWN} ([I] iconik refuses a value it does not know).
 */
public enum FileRecordStatus {
    /** {@code OPEN}. */
    OPEN,
    /** {@code GROWING}. */
    GROWING,
    /** {@code AWAITED}. */
    AWAITED,
    /** {@code CLOSED}. */
    CLOSED,
    /** {@code FAILED}. */
    FAILED,
    /** {@code ARCHIVED}. */
    ARCHIVED,
    /** {@code MISSING}. */
    MISSING,
    /** {@code REDISCOVERED}. */
    REDISCOVERED,
    /** {@code DELETED}. */
    DELETED,
    /** A value this SDK does not know (iconik added it after this version). */
    @JsonEnumDefaultValue
    UNKNOWN
}
