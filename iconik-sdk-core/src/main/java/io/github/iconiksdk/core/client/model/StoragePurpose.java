// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * What a storage holds.
 * The constants are the values iconik's specification lists; a value iconik adds later reads as {@link #UNKNOWN}
 * instead of failing. Never send {@code UNKNOWN} ([I] iconik refuses a value it does not know).
 */
public enum StoragePurpose {
    /** {@code KEYFRAMES}. */
    KEYFRAMES,
    /** {@code FILES}. */
    FILES,
    /** {@code PROXIES}. */
    PROXIES,
    /** {@code EXPORTS}. */
    EXPORTS,
    /** {@code ARCHIVE}. */
    ARCHIVE,
    /** {@code FACES}. */
    FACES,
    /** A value this SDK does not know (iconik added it after this version). */
    @JsonEnumDefaultValue
    UNKNOWN
}
