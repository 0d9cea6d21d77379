// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.metadata;

import java.util.Objects;
import java.util.Optional;

/**
 * One value of a metadata field, as iconik's metadata API carries it ({@code {"value": "drone"}}).
 *
 * @param value the value as text (iconik's wire form)
 * @param score an AI tag's confidence, or {@code null}
 */
public record FieldValue(String value, Double score) {

    /**
     * Validates the value.
     *
     * @param value the value as text (iconik's wire form)
     * @param score an AI tag's confidence, or {@code null}
     * @throws NullPointerException if {@code value} is null
     */
    public FieldValue {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A plain value with no score.
     *
     * @param value the value as text
     * @return the field value
     * @throws NullPointerException if {@code value} is null
     */
    public static FieldValue of(String value) {
        return new FieldValue(value, null);
    }

    /** @return the AI tag's confidence, when present */
    public Optional<Double> confidence() {
        return Optional.ofNullable(score);
    }
}
