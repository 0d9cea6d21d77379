// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable metadata tree in iconik's shape: field name (the machine name, not the label) to its values, in
 * insertion order. It is the body of iconik's {@code metadata_values} and the content of a sidecar.
 *
 * @param fields field name to its values; never null, no null keys or values
 */
public record MetadataValues(Map<String, List<FieldValue>> fields) {

    private static final MetadataValues EMPTY = new MetadataValues(Map.of());

    /**
     * Copies the map deeply so the tree is immutable; keeps the order.
     *
     * @param fields field name to its values; never null, no null keys or values
     * @throws NullPointerException if the map, a key, a list or a value is null
     */
    public MetadataValues {
        Objects.requireNonNull(fields, "fields");
        Map<String, List<FieldValue>> copy = new LinkedHashMap<>();
        fields.forEach((name, values) -> copy.put(Objects.requireNonNull(name, "field name"),
                List.copyOf(Objects.requireNonNull(values, () -> "values of " + name))));
        fields = Collections.unmodifiableMap(copy);
    }

    /** @return the empty tree */
    public static MetadataValues empty() {
        return EMPTY;
    }

    /** @return a builder that keeps fields in the order they are first added */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this tree's fields, for a modified copy */
    public Builder toBuilder() {
        Builder builder = new Builder();
        fields.forEach((name, values) -> {
            builder.field(name);
            values.forEach(v -> builder.add(name, v));
        });
        return builder;
    }

    /**
     * The values of one field.
     *
     * @param name the field name
     * @return its values, empty if the field is absent
     */
    public List<FieldValue> values(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** @return whether the tree has no field */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Builds a {@link MetadataValues}; not thread-safe. */
    public static final class Builder {
        private final Map<String, List<FieldValue>> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a field with no values yet, or does nothing if it is present. A field present with no values clears
         * that field when the tree is sent to iconik.
         *
         * @param name the field name
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         */
        public Builder field(String name) {
            fields.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new ArrayList<>());
            return this;
        }

        /**
         * Appends a value to a field, creating the field if needed.
         *
         * @param name  the field name
         * @param value the value
         * @return this builder
         * @throws NullPointerException if either is null
         */
        public Builder add(String name, FieldValue value) {
            fields.computeIfAbsent(Objects.requireNonNull(name, "name"), n -> new ArrayList<>())
                    .add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Appends a plain text value to a field.
         *
         * @param name  the field name
         * @param value the value as text
         * @return this builder
         * @throws NullPointerException if either is null
         */
        public Builder add(String name, String value) {
            return add(name, FieldValue.of(value));
        }

        /**
         * Removes a field and its values.
         *
         * @param name the field name
         * @return this builder
         */
        public Builder remove(String name) {
            fields.remove(name);
            return this;
        }

        /** @return the immutable tree */
        public MetadataValues build() {
            return new MetadataValues(fields);
        }
    }
}
