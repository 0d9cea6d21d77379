// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.metadata;

import java.util.Locale;

/**
 * The type of a metadata field, from iconik's {@code field_type} string. iconik's OpenAPI declares no enum for it;
 * these are the types its metadata views offer. A type this SDK does not know is {@link #UNKNOWN} and its values are
 * taken as text.
 */
public enum FieldType {
    /** Free text on one line ({@code string}). */
    STRING("string"),
    /** Text matched exactly in search ({@code string_exact}). */
    STRING_EXACT("string_exact"),
    /** Multi-line text ({@code text}, the "Text Area"). */
    TEXT("text"),
    /** Whole number ({@code integer}). */
    INTEGER("integer"),
    /** Decimal number ({@code float}). */
    FLOAT("float"),
    /** Yes/No ({@code boolean}); values {@code true} or {@code false}. */
    BOOLEAN("boolean"),
    /** Calendar date ({@code date}); values {@code YYYY-MM-DD}. */
    DATE("date"),
    /** Date and time ({@code datetime}); ISO 8601 values. */
    DATETIME("datetime"),
    /** Drop-down ({@code drop_down}); values are option keys. */
    DROP_DOWN("drop_down"),
    /** Free multi-value tags ({@code tag_cloud}). */
    TAG_CLOUD("tag_cloud"),
    /** Web address ({@code url}). */
    URL("url"),
    /** E-mail address ({@code email}). */
    EMAIL("email"),
    /** Any other {@code field_type}; values are taken as text. */
    UNKNOWN("");

    private final String wireName;

    FieldType(String wireName) {
        this.wireName = wireName;
    }

    /** @return iconik's {@code field_type} string, empty for {@link #UNKNOWN} */
    public String wireName() {
        return wireName;
    }

    /**
     * Maps iconik's {@code field_type} string to a type, ignoring case.
     *
     * @param fieldType the string iconik sent, may be null
     * @return the type, {@link #UNKNOWN} for null or an unknown string
     */
    public static FieldType fromWire(String fieldType) {
        if (fieldType == null) {
            return UNKNOWN;
        }
        String wanted = fieldType.trim().toLowerCase(Locale.ROOT);
        for (FieldType type : values()) {
            if (type != UNKNOWN && type.wireName.equals(wanted)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
