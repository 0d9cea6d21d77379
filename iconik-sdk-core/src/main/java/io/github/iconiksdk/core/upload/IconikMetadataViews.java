// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload;

import io.github.iconiksdk.api.metadata.FieldOption;
import io.github.iconiksdk.api.metadata.FieldType;
import io.github.iconiksdk.api.metadata.MetadataField;
import io.github.iconiksdk.api.metadata.MetadataView;
import io.github.iconiksdk.api.metadata.MetadataViewSource;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.MetadataFieldResource;
import io.github.iconiksdk.core.client.model.MetadataViewResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MetadataViewSource} that reads views from iconik ({@code GET /API/metadata/v1/views/{id}/}), so that
 * sidecar values can be validated against the storage's sidecar metadata view before they are written.
 */
public final class IconikMetadataViews implements MetadataViewSource {

    private final IconikClient client;

    /**
     * @param client the iconik client
     * @throws NullPointerException if {@code client} is null
     */
    public IconikMetadataViews(IconikClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public MetadataView view(String viewId) {
        MetadataViewResource v = client.getMetadataView(viewId);
        List<MetadataField> fields = new ArrayList<>();
        if (v.viewFields() != null) {
            for (MetadataFieldResource f : v.viewFields()) {
                fields.add(new MetadataField(f.name(), f.label(),
                        FieldType.fromWire(f.fieldType() == null ? "" : f.fieldType()),
                        Boolean.TRUE.equals(f.multi()), options(f.options()), null, null));
            }
        }
        return new MetadataView(v.id(), v.name(), fields);
    }

    private static List<FieldOption> options(List<Map<String, Object>> options) {
        if (options == null) {
            return List.of();
        }
        List<FieldOption> out = new ArrayList<>();
        for (Map<String, Object> o : options) {
            Object value = o.get("value");
            if (value != null) {
                Object label = o.get("label");
                out.add(new FieldOption(value.toString(), label == null ? null : label.toString()));
            }
        }
        return out;
    }
}
