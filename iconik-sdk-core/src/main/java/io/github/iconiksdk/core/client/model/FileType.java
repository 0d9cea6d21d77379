// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The kind of a file record.
 * The constants are the values iconik's specification lists; a value iconik adds later reads as {@link #UNKNOWN}
 * instead of failing. Never send {@code UNKNOWN} ([I] iconik refuses a value it does not know).
 */
public enum FileType {
    /** {@code FILE}. */
    FILE,
    /** {@code DIRECTORY}. */
    DIRECTORY,
    /** {@code SYMLINK}. */
    SYMLINK,
    /** {@code SEQUENCE}. */
    SEQUENCE,
    /** A value this SDK does not know (iconik added it after this version). */
    @JsonEnumDefaultValue
    UNKNOWN
}
