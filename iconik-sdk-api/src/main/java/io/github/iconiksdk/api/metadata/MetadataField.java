// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.metadata;

import java.util.List;
import java.util.Objects;

/**
 * A field of a metadata view, as far as checking sidecar values needs it.
 *
 * @param name     the machine name, the key of {@code metadata_values}
 * @param label    the label people see
 * @param type     the field type
 * @param multi    whether the field takes several values
 * @param options  the drop-down options (empty for other types)
 * @param minValue the smallest number allowed, or {@code null}
 * @param maxValue the largest number allowed, or {@code null}
 */
public record MetadataField(String name, String label, FieldType type, boolean multi, List<FieldOption> options,
                            Double minValue, Double maxValue) {

    /**
     * Validates and copies.
     *
     * @param name the machine name, the key of {@code metadata_values}
     * @param label the label people see
     * @param type the field type
     * @param multi whether the field takes several values
     * @param options the drop-down options (empty for other types)
     * @param minValue the smallest number allowed, or {@code null}
     * @param maxValue the largest number allowed, or {@code null}
     * @throws NullPointerException if {@code name}, {@code type} or {@code options} is null
     */
    public MetadataField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        options = List.copyOf(options);
        label = label == null ? name : label;
    }

    /**
     * A field with no options and no bounds.
     *
     * @param name  the machine name
     * @param type  the field type
     * @param multi whether it takes several values
     * @return the field
     * @throws NullPointerException if {@code name} or {@code type} is null
     */
    public static MetadataField of(String name, FieldType type, boolean multi) {
        return new MetadataField(name, name, type, multi, List.of(), null, null);
    }
}
