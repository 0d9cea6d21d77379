// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A metadata view: the fields a storage's sidecar values must fit (iconik's "Sidecar Metadata View").
 *
 * @param id     the view's id
 * @param name   the view's name
 * @param fields its fields, in the view's order; names are unique
 */
public record MetadataView(String id, String name, List<MetadataField> fields) {

    /**
     * Validates and copies.
     *
     * @param id the view's id
     * @param name the view's name
     * @param fields its fields, in the view's order; names are unique
     * @throws NullPointerException     if {@code id} or {@code fields} is null
     * @throws IllegalArgumentException if two fields share a name
     */
    public MetadataView {
        Objects.requireNonNull(id, "id");
        fields = List.copyOf(fields);
        Map<String, MetadataField> seen = new LinkedHashMap<>();
        for (MetadataField field : fields) {
            if (seen.put(field.name(), field) != null) {
                throw new IllegalArgumentException("metadata view " + id + " has two fields named " + field.name());
            }
        }
        name = name == null ? id : name;
    }

    /**
     * Looks a field up by its machine name (case-sensitive, as iconik's keys are).
     *
     * @param fieldName the machine name
     * @return the field, or empty when the view has none of that name
     */
    public Optional<MetadataField> field(String fieldName) {
        for (MetadataField field : fields) {
            if (field.name().equals(fieldName)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
