// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.api.metadata.FieldOption;
import io.github.iconiksdk.api.metadata.FieldType;
import io.github.iconiksdk.api.metadata.MetadataField;
import io.github.iconiksdk.api.metadata.MetadataView;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads iconik's {@code MetadataViewSchema} body ({@code GET /API/metadata/v1/views/{view_id}/?merge_fields=true})
 * into a {@link MetadataView}, so that a {@link io.github.iconiksdk.api.metadata.MetadataViewSource} over any HTTP
 * client is one line. Keys used: {@code id}, {@code name}, and per entry of {@code view_fields}: {@code name},
 * {@code label}, {@code field_type}, {@code multi}, {@code options} ({@code value}, {@code label}),
 * {@code min_value}, {@code max_value}; other keys are ignored.
 */
public final class MetadataViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataViews() {
    }

    /**
     * Parses a view body.
     *
     * @param json the response body
     * @return the view
     * @throws IllegalArgumentException if the JSON is malformed or a field has no name; the message names the field
     *                                  index or the position
     */
    public static MetadataView fromJson(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata view: malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("metadata view: the body must be a JSON object");
        }
        String id = text(root, "id");
        if (id == null) {
            throw new IllegalArgumentException("metadata view: no \"id\"");
        }
        List<MetadataField> fields = new ArrayList<>();
        JsonNode viewFields = root.path("view_fields");
        if (!viewFields.isMissingNode() && !viewFields.isNull() && !viewFields.isArray()) {
            throw new IllegalArgumentException("metadata view " + id + ": \"view_fields\" must be a list");
        }
        int index = 0;
        for (JsonNode f : viewFields) {
            String name = text(f, "name");
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("metadata view " + id + ": view_fields[" + index + "] has no name");
            }
            List<FieldOption> options = new ArrayList<>();
            for (JsonNode o : f.path("options")) {
                String value = text(o, "value");
                if (value != null) {
                    options.add(new FieldOption(value, text(o, "label")));
                }
            }
            fields.add(new MetadataField(name, text(f, "label"), FieldType.fromWire(text(f, "field_type")),
                    f.path("multi").asBoolean(false), options, number(f, "min_value"), number(f, "max_value")));
            index++;
        }
        return new MetadataView(id, text(root, "name"), fields);
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static Double number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }
}
