// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;

/** Assets: create, read, update, delete and list. */
final class AssetApi {

    private final Context ctx;
    private final CollectionApi collections;

    AssetApi(Context ctx, CollectionApi collections) {
        this.ctx = ctx;
        this.collections = collections;
    }

    void register(Router r) {
        r.add("POST", ASSETS + "/assets/", this::create);
        r.add("GET", ASSETS + "/assets/", this::list);
        r.add("GET", ASSETS + "/assets/{asset_id}/", c -> Reply.json(200, view(ctx.asset(c.param("asset_id")))));
        r.add("PATCH", ASSETS + "/assets/{asset_id}/", c -> update(c, true));
        r.add("PUT", ASSETS + "/assets/{asset_id}/", c -> update(c, false));
        r.add("DELETE", ASSETS + "/assets/{asset_id}/", this::delete);
        r.add("POST", ASSETS + "/assets/{asset_id}/versions/", this::addVersion);
        r.add("POST", ASSETS + "/assets/{asset_id}/history/", this::addHistory);
        r.add("GET", ASSETS + "/assets/{asset_id}/history/", this::history);
    }

    /** @return the id of the asset's current version */
    static String versionId(ObjectNode asset) {
        JsonNode versions = asset.path("versions");
        return versions.size() == 0 ? null : Json.text(versions.get(versions.size() - 1), "id");
    }

    private Reply create(Call c) {
        ObjectNode in = Shapes.ASSET.accept(c.json(), "title");
        String collectionId = Json.text(in, "collection_id");
        in.remove("collection_id");
        boolean assign = c.boolQuery("assign_to_collection", false);
        if (assign && collectionId != null) {
            collections.collection(collectionId);
        }
        ObjectNode a = Json.object();
        String id = Context.newId();
        String now = Json.now();
        a.put("id", id);
        a.put("type", "ASSET");
        a.put("status", "ACTIVE");
        a.put("is_online", true);
        a.put("is_blocked", false);
        a.put("analyze_status", "N/A");
        a.put("archive_status", "NOT_ARCHIVED");
        a.put("face_recognition_status", "N/A");
        a.put("has_unconfirmed_persons", false);
        a.put("created_by_user", ctx.userId());
        a.put("updated_by_user", ctx.userId());
        a.put("date_created", now);
        a.put("date_modified", now);
        a.put("date_imported", now);
        a.setAll(in);
        a.put("status", "ACTIVE");
        ctx.store.table(Store.ASSETS).put(id, a);
        ctx.store.indexed(id);
        ctx.access.grantCreator(c.userId(), "assets", id);
        newVersion(a, now);
        if (assign && collectionId != null) {
            collections.addContent(collectionId, id, "assets");
        }
        return Reply.json(201, view(a));
    }

    ObjectNode newVersion(ObjectNode a, String now) {
        ArrayNode versions = a.withArray("versions");
        ObjectNode v = versions.addObject();
        v.put("id", Context.newId());
        v.put("version_number", versions.size());
        v.put("status", "ACTIVE");
        v.put("is_online", true);
        v.put("analyze_status", "N/A");
        v.put("archive_status", "NOT_ARCHIVED");
        v.put("face_recognition_status", "N/A");
        v.put("transcribe_status", "N/A");
        v.put("has_unconfirmed_persons", false);
        v.putArray("person_ids");
        v.put("created_by_user", ctx.userId());
        v.put("date_created", now);
        return v;
    }

    /** A new version of the asset becomes its current one; formats made from now on belong to it. */
    private Reply addVersion(Call c) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        ObjectNode in = Shapes.ASSET_VERSION.accept(c.json());
        String source = Json.text(in, "source_version_id");
        if (source != null) {
            boolean known = false;
            for (JsonNode v : a.path("versions")) {
                known |= source.equals(Json.text(v, "id"));
            }
            if (!known) {
                throw ApiError.fields(java.util.Map.of("source_version_id", "No version " + source
                        + " of this asset."));
            }
        }
        newVersion(a, Json.now());
        Context.touch(a);
        ObjectNode out = Json.object();
        out.put("asset_id", Json.text(a, "id"));
        out.set("versions", a.get("versions").deepCopy());
        return Reply.json(200, out);
    }

    private Reply addHistory(Call c) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        ObjectNode in = Shapes.ASSET_HISTORY.accept(c.json(), "operation_type");
        ObjectNode h = Json.object();
        String now = Json.now();
        h.put("id", Context.newId());
        h.put("asset_id", Json.text(a, "id"));
        h.put("user_id", ctx.userId());
        h.put("system_domain_id", ctx.systemDomainId());
        h.put("version_id", versionId(a));
        h.put("date_created", now);
        h.put("date_modified", now);
        h.setAll(in);
        ctx.store.table(Store.HISTORY).put(Json.text(h, "id"), h);
        return Reply.json(201, h);
    }

    private Reply history(Call c) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        return Reply.json(200, Pages.page(c, ctx.store.where(Store.HISTORY, "asset_id", Json.text(a, "id")), 10,
                1000));
    }

    /** The asset as AssetSchema: stored fields plus the collections it is in. */
    ObjectNode view(ObjectNode asset) {
        ObjectNode out = asset.deepCopy();
        ArrayNode in = out.putArray("in_collections");
        collections.collectionsOf(Json.text(asset, "id")).forEach(in::add);
        out.put("favoured", false);
        return out;
    }

    /** The asset as AssetElasticSchema (lists, collection contents, search). */
    ObjectNode elastic(ObjectNode asset) {
        ObjectNode out = view(asset);
        out.put("object_type", "assets");
        out.putObject("metadata");
        return out;
    }

    private Reply list(Call c) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode a : ctx.store.table(Store.ASSETS).values()) {
            if (!"DELETED".equals(Json.text(a, "status"))) {
                out.add(elastic(a));
            }
        }
        return Reply.json(200, Pages.page(c, out, 10, 1000));
    }

    private Reply update(Call c, boolean patch) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        ObjectNode in = patch ? Shapes.ASSET.accept(c.json()) : Shapes.ASSET.accept(c.json(), "title");
        in.remove("collection_id");
        a.setAll(in);
        a.put("updated_by_user", ctx.userId());
        Context.touch(a);
        return Reply.json(200, view(a));
    }

    private Reply delete(Call c) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        a.put("status", "DELETED");
        a.put("date_deleted", Json.now());
        a.put("deleted_by_user", ctx.userId());
        return Reply.empty(204);
    }
}
