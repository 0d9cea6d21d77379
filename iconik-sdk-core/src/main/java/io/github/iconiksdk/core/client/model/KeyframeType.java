// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The kind of a keyframe image.
 * The constants are the values iconik's specification lists; a value iconik adds later reads as {@link #UNKNOWN}
 * instead of failing. Never send {@code UNKNOWN} ([I] iconik refuses a value it does not know).
 */
public enum KeyframeType {
    /** {@code KEYFRAME_MAP}. */
    KEYFRAME_MAP,
    /** {@code KEYFRAME}. */
    KEYFRAME,
    /** {@code POSTER}. */
    POSTER,
    /** A value this SDK does not know (iconik added it after this version). */
    @JsonEnumDefaultValue
    UNKNOWN
}
