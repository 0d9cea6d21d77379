// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;
import static io.github.iconiksdk.testkit.internal.Context.FILES;

/**
 * Reads by id of objects made through routes that live elsewhere: an asset's history entry (answered 201, as
 * iconik's spec documents for this GET) and a format's component.
 */
final class ReadBackApi {

    private final Context ctx;

    ReadBackApi(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("GET", ASSETS + "/assets/{asset_id}/history/{history_entity_id}/", c -> Reply.json(201,
                ctx.owned(Store.HISTORY, "History entry", c.param("asset_id"), c.param("history_entity_id"))));
        r.add("GET", FILES + "/assets/{asset_id}/formats/{format_id}/components/{component_id}/", this::component);
    }

    /** The component itself: iconik's spec names a list schema, which the single component also satisfies. */
    private Reply component(Call c) {
        ObjectNode format = ctx.owned(Store.FORMATS, "Format", c.param("asset_id"), c.param("format_id"));
        for (JsonNode comp : format.path("components")) {
            if (c.param("component_id").equals(Json.text(comp, "id"))) {
                return Reply.json(200, comp.deepCopy());
            }
        }
        throw ApiError.notFound("Component", c.param("component_id"));
    }
}
