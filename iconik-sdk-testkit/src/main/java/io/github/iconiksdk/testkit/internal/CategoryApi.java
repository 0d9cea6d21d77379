// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

import static io.github.iconiksdk.testkit.internal.Context.METADATA;

/** Metadata categories per object type: named groups of metadata views. */
final class CategoryApi {

    private static final String CATEGORIES = METADATA + "/{object_type}/categories";

    private final Context ctx;

    CategoryApi(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("GET", CATEGORIES + "/", this::list);
        r.add("POST", CATEGORIES + "/", this::create);
        r.add("GET", CATEGORIES + "/{name}/", c -> Reply.json(200, category(c)));
        r.add("PUT", CATEGORIES + "/{name}/", this::update);
        r.add("DELETE", CATEGORIES + "/{name}/", c -> {
            category(c);
            ctx.store.table(Store.CATEGORIES).remove(key(c.param("object_type"), c.param("name")));
            return Reply.empty(204);
        });
        r.add("GET", CATEGORIES + "/{name}/views/", this::withViews);
    }

    private static String key(String type, String name) {
        return type + "/" + name;
    }

    private ObjectNode category(Call c) {
        ObjectNode cat = ctx.store.table(Store.CATEGORIES).get(key(c.param("object_type"), c.param("name")));
        if (cat == null) {
            throw ApiError.notFound("Metadata category", c.param("name"));
        }
        return cat;
    }

    private void checkViews(ObjectNode in) {
        for (String id : Access.strings(in.get("view_ids"))) {
            if (ctx.store.get(Store.VIEWS, id).isEmpty()) {
                throw ApiError.fields(Map.of("view_ids", "No metadata view " + id + "."));
            }
        }
    }

    private Reply list(Call c) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("objects");
        ctx.store.where(Store.CATEGORIES, "object_type", c.param("object_type")).forEach(list::add);
        return Reply.json(200, out);
    }

    private Reply create(Call c) {
        ObjectNode in = Shapes.CATEGORY.accept(c.json(), "label", "name");
        checkViews(in);
        String k = key(c.param("object_type"), Json.text(in, "name"));
        if (ctx.store.table(Store.CATEGORIES).containsKey(k)) {
            throw ApiError.of(409, "Metadata category " + Json.text(in, "name") + " already exists");
        }
        ObjectNode cat = Json.object();
        String now = Json.now();
        cat.put("object_type", c.param("object_type"));
        cat.putArray("view_ids");
        cat.put("date_created", now);
        cat.put("date_modified", now);
        cat.setAll(in);
        ctx.store.table(Store.CATEGORIES).put(k, cat);
        return Reply.json(201, cat);
    }

    private Reply update(Call c) {
        ObjectNode cat = category(c);
        ObjectNode in = Shapes.CATEGORY.accept(c.json(), "label", "name");
        checkViews(in);
        in.put("name", Json.text(cat, "name"));
        cat.setAll(in);
        Context.touch(cat);
        return Reply.json(200, cat);
    }

    /** The category with its views in full (each with its fields). */
    private Reply withViews(Call c) {
        ObjectNode out = category(c).deepCopy();
        ArrayNode views = out.putArray("views");
        for (String id : Access.strings(out.get("view_ids"))) {
            ctx.store.get(Store.VIEWS, id).ifPresent(v -> views.add(MetadataApi.mergedView(ctx, v)));
        }
        return Reply.json(200, out);
    }
}
