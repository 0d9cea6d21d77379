// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;

import static io.github.iconiksdk.testkit.internal.Context.FILES;

/** Export locations: where iconik exports assets to (a storage and a path). Exports themselves are not run. */
final class ExportLocationApi {

    private final Context ctx;

    ExportLocationApi(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        String e = FILES + "/export_locations";
        r.add("GET", e + "/", c -> Reply.json(200, Pages.page(c, new ArrayList<>(ctx.store
                .table(Store.EXPORT_LOCATIONS).values()), 10, 500)));
        r.add("POST", e + "/", this::create);
        r.add("GET", e + "/{export_location_id}/", c -> Reply.json(200, location(c)));
        r.add("PATCH", e + "/{export_location_id}/", c -> update(c, true));
        r.add("PUT", e + "/{export_location_id}/", c -> update(c, false));
        r.add("DELETE", e + "/{export_location_id}/", c -> {
            ctx.store.table(Store.EXPORT_LOCATIONS).remove(Json.text(location(c), "id"));
            return Reply.empty(204);
        });
    }

    private ObjectNode location(Call c) {
        String id = c.param("export_location_id");
        return ctx.store.get(Store.EXPORT_LOCATIONS, id).orElseThrow(() -> ApiError.notFound("Export location",
                id));
    }

    private Reply create(Call c) {
        ObjectNode in = Shapes.EXPORT_LOCATION.accept(c.json(), "name", "path", "storage_id");
        ctx.storage(Json.text(in, "storage_id"));
        ObjectNode l = Json.object();
        l.put("id", Context.newId());
        l.put("system_domain_id", ctx.systemDomainId());
        l.putArray("transcode_profile_ids");
        l.setAll(in);
        ctx.store.table(Store.EXPORT_LOCATIONS).put(Json.text(l, "id"), l);
        return Reply.json(201, l);
    }

    private Reply update(Call c, boolean patch) {
        ObjectNode l = location(c);
        ObjectNode in = patch ? Shapes.EXPORT_LOCATION.accept(c.json())
                : Shapes.EXPORT_LOCATION.accept(c.json(), "name", "path", "storage_id");
        if (in.has("storage_id")) {
            ctx.storage(Json.text(in, "storage_id"));
        }
        l.setAll(in);
        return Reply.json(200, l);
    }
}
