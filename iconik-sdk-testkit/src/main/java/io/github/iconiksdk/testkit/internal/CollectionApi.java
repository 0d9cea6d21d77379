// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;

/** Collections and their contents (assets added by id; sub-collections by their parent). */
final class CollectionApi {

    private final Context ctx;
    private AssetApi assets;

    CollectionApi(Context ctx) {
        this.ctx = ctx;
    }

    void assets(AssetApi assets) {
        this.assets = assets;
    }

    void register(Router r) {
        String c0 = ASSETS + "/collections";
        r.add("POST", c0 + "/", this::create);
        r.add("GET", c0 + "/", this::list);
        r.add("GET", c0 + "/{collection_id}/", c -> Reply.json(200, view(collection(c.param("collection_id")))));
        r.add("PATCH", c0 + "/{collection_id}/", c -> update(c, true));
        r.add("PUT", c0 + "/{collection_id}/", c -> update(c, false));
        r.add("DELETE", c0 + "/{collection_id}/", this::delete);
        r.add("GET", c0 + "/{collection_id}/contents/", this::contents);
        r.add("POST", c0 + "/{collection_id}/contents/", this::addContentCall);
        r.add("DELETE", c0 + "/{collection_id}/contents/{object_type}/{object_id}/", this::removeContent);
    }

    ObjectNode collection(String id) {
        ObjectNode col = ctx.store.get(Store.COLLECTIONS, id).orElseThrow(() -> ApiError.notFound("Collection", id));
        if ("DELETED".equals(Json.text(col, "status"))) {
            throw ApiError.notFound("Collection", id);
        }
        return col;
    }

    /** @return the ids of the collections an object is directly in */
    List<String> collectionsOf(String objectId) {
        List<String> out = new ArrayList<>();
        for (ObjectNode c : ctx.store.where(Store.CONTENTS, "object_id", objectId)) {
            out.add(Json.text(c, "collection_id"));
        }
        return out;
    }

    private List<String> ancestors(ObjectNode col) {
        List<String> out = new ArrayList<>();
        String parent = Json.text(col, "parent_id");
        while (parent != null && !out.contains(parent)) {
            out.add(0, parent);
            ObjectNode p = ctx.store.get(Store.COLLECTIONS, parent).orElse(null);
            parent = p == null ? null : Json.text(p, "parent_id");
        }
        return out;
    }

    /** The collection as CollectionSchema, with every never-null field present. */
    ObjectNode view(ObjectNode col) {
        ObjectNode out = col.deepCopy();
        ArrayNode parents = out.putArray("parents");
        ancestors(col).forEach(parents::add);
        ArrayNode in = out.putArray("in_collections");
        if (col.hasNonNull("parent_id")) {
            in.add(Json.text(col, "parent_id"));
        }
        out.put("is_root", !col.hasNonNull("parent_id"));
        out.put("favoured", false);
        out.put("object_type", "collections");
        return out;
    }

    private Reply create(Call c) {
        ObjectNode in = Shapes.COLLECTION.accept(c.json(), "title");
        if (in.hasNonNull("parent_id")) {
            collection(Json.text(in, "parent_id"));
        }
        ObjectNode col = Json.object();
        String now = Json.now();
        col.put("id", Context.newId());
        col.put("status", "ACTIVE");
        col.put("custom_order_status", "DISABLED");
        col.put("created_by_user", ctx.userId());
        col.putArray("keyframe_asset_ids");
        col.putArray("keyframes");
        col.putArray("permissions");
        col.putObject("metadata");
        col.put("date_created", now);
        col.put("date_modified", now);
        in.remove("is_root");
        col.setAll(in);
        col.put("status", "ACTIVE");
        ctx.store.table(Store.COLLECTIONS).put(Json.text(col, "id"), col);
        ctx.store.indexed(Json.text(col, "id"));
        ctx.access.grantCreator(c.userId(), "collections", Json.text(col, "id"));
        return Reply.json(201, view(col));
    }

    private Reply list(Call c) {
        String isRoot = c.query("is_root");
        String status = c.query("status");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode col : ctx.store.table(Store.COLLECTIONS).values()) {
            ObjectNode v = view(col);
            boolean deleted = "DELETED".equals(Json.text(col, "status"));
            if ((status == null ? !deleted : status.equalsIgnoreCase(Json.text(col, "status")))
                    && (isRoot == null || Boolean.parseBoolean(isRoot) == v.path("is_root").asBoolean())) {
                out.add(v);
            }
        }
        return Reply.json(200, Pages.page(c, out, 10, 1000));
    }

    private Reply update(Call c, boolean patch) {
        ObjectNode col = collection(c.param("collection_id"));
        ObjectNode in = patch ? Shapes.COLLECTION.accept(c.json()) : Shapes.COLLECTION.accept(c.json(), "title");
        in.remove("is_root");
        if (in.hasNonNull("parent_id")) {
            String parent = Json.text(in, "parent_id");
            collection(parent);
            if (parent.equals(Json.text(col, "id")) || ancestors(ctx.store.get(Store.COLLECTIONS, parent)
                    .orElseThrow()).contains(Json.text(col, "id"))) {
                throw ApiError.of(400, "A collection cannot be moved into itself");
            }
        }
        col.setAll(in);
        Context.touch(col);
        return Reply.json(200, view(col));
    }

    private Reply delete(Call c) {
        ObjectNode col = collection(c.param("collection_id"));
        col.put("status", "DELETED");
        col.put("date_deleted", Json.now());
        col.put("deleted_by_user", ctx.userId());
        return Reply.empty(202);
    }

    private Reply contents(Call c) {
        String id = c.param("collection_id");
        collection(id);
        String typesParam = c.query("object_types");
        List<String> types = typesParam == null ? List.of("assets", "collections")
                : Arrays.asList(typesParam.split(","));
        String idsParam = c.query("object_ids");
        List<String> ids = idsParam == null ? null : Arrays.asList(idsParam.split(","));
        String externalId = c.query("external_id");
        List<ObjectNode> out = new ArrayList<>();
        if (types.contains("collections")) {
            for (ObjectNode col : ctx.store.where(Store.COLLECTIONS, "parent_id", id)) {
                if (!"DELETED".equals(Json.text(col, "status"))) {
                    out.add(view(col));
                }
            }
        }
        if (types.contains("assets")) {
            for (ObjectNode content : ctx.store.where(Store.CONTENTS, "collection_id", id)) {
                ObjectNode a = ctx.store.get(Store.ASSETS, Json.text(content, "object_id")).orElse(null);
                if (a != null && !"DELETED".equals(Json.text(a, "status"))) {
                    out.add(assets.elastic(a));
                }
            }
        }
        out.removeIf(o -> (ids != null && !ids.contains(Json.text(o, "id")))
                || (externalId != null && !externalId.equals(Json.text(o, "external_id"))));
        return Reply.json(200, Pages.page(c, out, 10, 1000));
    }

    private Reply addContentCall(Call c) {
        String id = c.param("collection_id");
        collection(id);
        ObjectNode in = Shapes.COLLECTION_CONTENT.accept(c.json(), "object_id", "object_type");
        String type = Json.text(in, "object_type");
        String objectId = Json.text(in, "object_id");
        if ("collections".equals(type)) {
            ObjectNode child = collection(objectId);
            if (objectId.equals(id) || ancestors(collection(id)).contains(objectId)) {
                throw ApiError.of(400, "A collection cannot be put into itself");
            }
            child.put("parent_id", id);
            Context.touch(child);
            ObjectNode out = Json.object();
            out.put("collection_id", id);
            out.put("object_id", objectId);
            out.put("object_type", type);
            out.put("date_created", Json.now());
            return Reply.json(201, out);
        }
        if (!"assets".equals(type)) {
            throw ApiError.fields(java.util.Map.of("object_type", "Must be one of: assets, collections."));
        }
        ctx.asset(objectId);
        return Reply.json(201, addContent(id, objectId, type));
    }

    /** Adds an object to a collection (idempotent) and returns the content record. */
    ObjectNode addContent(String collectionId, String objectId, String type) {
        String key = collectionId + "/" + type + "/" + objectId;
        return ctx.store.table(Store.CONTENTS).computeIfAbsent(key, k -> {
            ObjectNode n = Json.object();
            n.put("collection_id", collectionId);
            n.put("object_id", objectId);
            n.put("object_type", type);
            n.put("date_created", Json.now());
            return n;
        }).deepCopy();
    }

    private Reply removeContent(Call c) {
        String id = c.param("collection_id");
        collection(id);
        String key = id + "/" + c.param("object_type") + "/" + c.param("object_id");
        if (ctx.store.table(Store.CONTENTS).remove(key) == null) {
            throw ApiError.of(404, "Object " + c.param("object_id") + " is not in collection " + id);
        }
        return Reply.empty(204);
    }
}
