// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;
import static io.github.iconiksdk.testkit.internal.Context.FILES;

/**
 * Custom keyframes and posters: an asset's own poster (uploaded through an upload URL), a poster chosen as the
 * asset's or a collection's keyframe, collection keyframes, a keyframe read by id, and a collection's content info.
 */
final class PosterApi {

    private final Context ctx;
    private final Uploads uploads;

    PosterApi(Context ctx, Uploads uploads) {
        this.ctx = ctx;
        this.uploads = uploads;
    }

    void register(Router r) {
        String a = FILES + "/assets/{asset_id}";
        r.add("GET", a + "/keyframes/{keyframe_id}/", c -> Reply.json(200, ctx.owned(Store.KEYFRAMES, "Keyframe",
                c.param("asset_id"), c.param("keyframe_id"))));
        r.add("POST", a + "/custom_keyframe/", this::createPoster);
        r.add("POST", a + "/custom_keyframe/{poster_id}/", this::choosePoster);
        String col = FILES + "/collections/{collection_id}";
        r.add("POST", col + "/custom_keyframe/{poster_id}/", this::collectionPoster);
        r.add("GET", col + "/keyframes/", this::collectionKeyframes);
        r.add("GET", col + "/keyframes/{keyframe_id}/", c -> Reply.json(200, collectionKeyframe(c)));
        r.add("DELETE", col + "/keyframes/{keyframe_id}/", c -> {
            ctx.store.table(Store.KEYFRAMES).remove(Json.text(collectionKeyframe(c), "id"));
            return Reply.empty(204);
        });
        r.add("GET", ASSETS + "/collections/{collection_id}/content/info/", this::contentInfo);
    }

    private ObjectNode collection(String id) {
        ObjectNode col = ctx.store.get(Store.COLLECTIONS, id).orElseThrow(() -> ApiError.notFound("Collection", id));
        if ("DELETED".equals(Json.text(col, "status"))) {
            throw ApiError.notFound("Collection", id);
        }
        return col;
    }

    /** A new POSTER keyframe of the asset, marked custom, on the default KEYFRAMES storage, with an upload URL. */
    private Reply createPoster(Call c) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        ObjectNode in = c.bodyLength() == 0 ? Json.object() : Shapes.KEYFRAME.accept(c.json());
        ObjectNode storage = ctx.defaultStorage("KEYFRAMES");
        ObjectNode k = Json.object();
        String now = Json.now();
        k.put("id", Context.newId());
        k.put("asset_id", Json.text(asset, "id"));
        k.put("status", "OPEN");
        k.put("is_public", false);
        k.put("version_id", AssetApi.versionId(asset));
        k.put("date_created", now);
        k.put("date_modified", now);
        k.put("storage_id", Json.text(storage, "id"));
        k.put("storage_method", Json.text(storage, "method"));
        k.put("filename", "poster.jpg");
        k.put("name", "poster.jpg");
        for (String f : List.of("filename", "name", "format", "resolution", "size", "rotation")) {
            if (in.has(f) && !in.get(f).isNull()) {
                k.set(f, in.get(f));
            }
        }
        k.put("type", "POSTER");
        k.put("is_custom_keyframe", true);
        ctx.store.table(Store.KEYFRAMES).put(Json.text(k, "id"), k);
        ObjectNode out = k.deepCopy();
        if (!"FILE".equals(Json.text(storage, "method"))) {
            out.put("upload_url", uploads.issue(Store.KEYFRAMES, Json.text(k, "id")));
            out.put("upload_method", Json.text(storage, "method"));
            out.putObject("upload_credentials");
        }
        return Reply.json(201, out);
    }

    private ObjectNode poster(String assetId, String posterId) {
        ObjectNode k = ctx.owned(Store.KEYFRAMES, "Keyframe", assetId, posterId);
        if (!"POSTER".equals(Json.text(k, "type"))) {
            throw ApiError.of(400, "Keyframe " + posterId + " is no POSTER");
        }
        return k;
    }

    /** Makes a poster the asset's keyframe: it becomes the custom one, the asset's others stop being so. */
    private Reply choosePoster(Call c) {
        String assetId = c.param("asset_id");
        ObjectNode chosen = poster(assetId, c.param("poster_id"));
        for (ObjectNode k : ctx.store.where(Store.KEYFRAMES, "asset_id", assetId)) {
            if (k.path("is_custom_keyframe").asBoolean(false) && k != chosen) {
                k.put("is_custom_keyframe", false);
                Context.touch(k);
            }
        }
        chosen.put("is_custom_keyframe", true);
        Context.touch(chosen);
        ObjectNode asset = ctx.asset(assetId);
        asset.put("custom_keyframe", Json.text(chosen, "id"));
        asset.put("custom_poster", Json.text(chosen, "id"));
        Context.touch(asset);
        return Reply.json(201, chosen);
    }

    /** Makes an asset's poster the collection's keyframe: a collection keyframe copied from it. */
    private Reply collectionPoster(Call c) {
        ObjectNode col = collection(c.param("collection_id"));
        ObjectNode source = ctx.store.get(Store.KEYFRAMES, c.param("poster_id"))
                .orElseThrow(() -> ApiError.notFound("Keyframe", c.param("poster_id")));
        String colId = Json.text(col, "id");
        ctx.store.table(Store.KEYFRAMES).values().forEach(k -> {
            if (colId.equals(Json.text(k, "collection_id"))) {
                k.put("is_custom_keyframe", false);
            }
        });
        ObjectNode k = Json.object();
        String now = Json.now();
        k.put("id", Context.newId());
        k.put("collection_id", colId);
        for (String f : List.of("filename", "name", "format", "resolution", "size", "rotation", "storage_id",
                "storage_method", "status", "is_public")) {
            if (source.has(f)) {
                k.set(f, source.get(f).deepCopy());
            }
        }
        k.put("type", "POSTER");
        k.put("is_custom_keyframe", true);
        k.put("date_created", now);
        k.put("date_modified", now);
        ctx.store.table(Store.KEYFRAMES).put(Json.text(k, "id"), k);
        col.put("custom_keyframe", Json.text(k, "id"));
        col.put("custom_poster", Json.text(k, "id"));
        ArrayNode ids = col.withArray("keyframe_asset_ids");
        String sourceAsset = Json.text(source, "asset_id");
        if (sourceAsset != null) {
            boolean present = false;
            for (JsonNode id : ids) {
                present |= sourceAsset.equals(id.asText());
            }
            if (!present) {
                ids.add(sourceAsset);
            }
        }
        Context.touch(col);
        return Reply.json(201, k);
    }

    private Reply collectionKeyframes(Call c) {
        String colId = Json.text(collection(c.param("collection_id")), "id");
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("objects");
        ctx.store.where(Store.KEYFRAMES, "collection_id", colId).forEach(list::add);
        return Reply.json(200, out);
    }

    private ObjectNode collectionKeyframe(Call c) {
        String colId = Json.text(collection(c.param("collection_id")), "id");
        ObjectNode k = ctx.store.get(Store.KEYFRAMES, c.param("keyframe_id"))
                .orElseThrow(() -> ApiError.notFound("Keyframe", c.param("keyframe_id")));
        if (!colId.equals(Json.text(k, "collection_id"))) {
            throw ApiError.notFound("Keyframe", c.param("keyframe_id"));
        }
        return k;
    }

    /** CollectionContentInfoSchema: how many live assets and sub-collections it holds and their files' size. */
    private Reply contentInfo(Call c) {
        ObjectNode col = collection(c.param("collection_id"));
        String id = Json.text(col, "id");
        long assets = 0;
        long size = 0;
        for (ObjectNode content : ctx.store.where(Store.CONTENTS, "collection_id", id)) {
            ObjectNode a = ctx.store.get(Store.ASSETS, Json.text(content, "object_id")).orElse(null);
            if (a == null || "DELETED".equals(Json.text(a, "status"))) {
                continue;
            }
            assets++;
            for (ObjectNode f : ctx.store.where(Store.FILES, "asset_id", Json.text(a, "id"))) {
                size += f.path("size").asLong(0);
            }
        }
        long collections = 0;
        for (ObjectNode child : ctx.store.where(Store.COLLECTIONS, "parent_id", id)) {
            if (!"DELETED".equals(Json.text(child, "status"))) {
                collections++;
            }
        }
        ObjectNode out = Json.object();
        out.put("title", Json.text(col, "title"));
        out.put("assets_count", assets);
        out.put("collections_count", collections);
        out.put("total_size", size);
        out.put("total_duration_milliseconds", 0);
        out.putArray("storage_info");
        return Reply.json(200, out);
    }
}
