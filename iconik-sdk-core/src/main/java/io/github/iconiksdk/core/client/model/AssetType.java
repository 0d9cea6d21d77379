// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The kind of an asset.
 * The constants are the values iconik's specification lists; a value iconik adds later reads as {@link #UNKNOWN}
 * instead of failing. Never send {@code UNKNOWN} ([I] iconik refuses a value it does not know).
 */
public enum AssetType {
    /** {@code ASSET}. */
    ASSET,
    /** {@code SEQUENCE}. */
    SEQUENCE,
    /** {@code NLE_PROJECT}. */
    NLE_PROJECT,
    /** {@code PLACEHOLDER}. */
    PLACEHOLDER,
    /** {@code CUSTOM}. */
    CUSTOM,
    /** {@code LINK}. */
    LINK,
    /** {@code SUBCLIP}. */
    SUBCLIP,
    /** A value this SDK does not know (iconik added it after this version). */
    @JsonEnumDefaultValue
    UNKNOWN
}
