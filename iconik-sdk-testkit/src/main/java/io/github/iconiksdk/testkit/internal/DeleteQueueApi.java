// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;
import static io.github.iconiksdk.testkit.internal.Context.FILES;

/**
 * iconik's delete queues. A delete marks an asset, collection, format or file set {@code DELETED} (it vanishes from
 * reads); the queue lists those, restores them ({@code DELETE delete_queue/{type}/}, {@code …/restore/all/},
 * {@code PUT assets/{id}/restore/}) or purges them for good ({@code …/purge/}, {@code …/purge/all/}); and
 * {@code POST delete_queue/bulk/} deletes many objects at once (iconik answers 202 and works in the background;
 * the fake is done before it answers).
 *
 * <p>[I] where the specs are silent: purging an asset does what {@code DELETE assets/{id}/purge/} does (files on
 * File storages that allow {@code delete} go to their gateway's deletion queue); purging a collection removes it and
 * its content entries, not the objects in it; purging a file set removes it and its file records (deletions already
 * queued for gateways stay queued); restoring a file set does not take back deletions already queued; a bulk delete
 * of collections with {@code content_only} (iconik's default, true) deletes what is in them and keeps them, with
 * {@code content_only: false} the collections too; saved searches are removed at once.
 */
final class DeleteQueueApi {

    private static final Shape IDS = Shape.of("ids:[u]");
    private static final Shape BULK_DELETE = Shape.of("object_ids:[u] object_type:e(assets|collections|saved_searches)"
            + " content_only:b");

    private final Context ctx;
    private final AssetApi assets;
    private final CollectionApi collections;

    DeleteQueueApi(Context ctx, AssetApi assets, CollectionApi collections) {
        this.ctx = ctx;
        this.assets = assets;
        this.collections = collections;
    }

    void register(Router r) {
        String q = ASSETS + "/delete_queue";
        r.add("GET", q + "/assets/", c -> Reply.json(200, Pages.page(c, deleted(Store.ASSETS).stream()
                .map(assets::view).toList(), 10, 1000)));
        r.add("POST", q + "/assets/", c -> each(c, Store.ASSETS, this::deleteAsset, 204));
        r.add("DELETE", q + "/assets/", c -> each(c, Store.ASSETS, this::restore, 204));
        r.add("POST", q + "/assets/purge/", c -> each(c, Store.ASSETS, this::purgeAsset, 204));
        r.add("POST", q + "/assets/purge/all/", c -> all(Store.ASSETS, this::purgeAsset));
        r.add("POST", q + "/assets/restore/all/", c -> all(Store.ASSETS, this::restore));
        r.add("GET", q + "/collections/", c -> Reply.json(200, Pages.page(c, deleted(Store.COLLECTIONS).stream()
                .map(collections::view).toList(), 10, 1000)));
        r.add("POST", q + "/collections/", c -> each(c, Store.COLLECTIONS, this::deleteCollection, 201));
        r.add("DELETE", q + "/collections/", c -> each(c, Store.COLLECTIONS, this::restore, 201));
        r.add("POST", q + "/collections/purge/", c -> each(c, Store.COLLECTIONS, this::purgeCollection, 201));
        r.add("POST", q + "/collections/purge/all/", c -> all(Store.COLLECTIONS, this::purgeCollection));
        r.add("POST", q + "/collections/restore/all/", c -> all(Store.COLLECTIONS, this::restore));
        r.add("POST", q + "/purge/all/", c -> {
            deleted(Store.ASSETS).forEach(this::purgeAsset);
            deleted(Store.COLLECTIONS).forEach(this::purgeCollection);
            return Reply.empty(204);
        });
        r.add("POST", q + "/bulk/", this::bulk);
        r.add("PUT", ASSETS + "/assets/{asset_id}/restore/", c -> {
            restore(inQueue(Store.ASSETS, c.param("asset_id")));
            return Reply.empty(204);
        });
        r.add("PUT", ASSETS + "/collections/{collection_id}/restore/", c -> {
            restore(inQueue(Store.COLLECTIONS, c.param("collection_id")));
            return Reply.empty(201);
        });

        String fq = FILES + "/delete_queue";
        for (String table : List.of(Store.FILE_SETS, Store.FORMATS)) {
            r.add("GET", fq + "/" + table + "/", c -> Reply.json(200, Pages.page(c, deleted(table), 10, 1000)));
            r.add("DELETE", fq + "/" + table + "/", c -> each(c, table, this::restore, 204));
            r.add("POST", fq + "/" + table + "/purge/", c -> each(c, table, o -> purgeFileObject(table, o), 204));
            r.add("POST", fq + "/" + table + "/purge/all/", c -> all(table, o -> purgeFileObject(table, o)));
        }
    }

    /** @return the deleted objects of a table, latest deletion first */
    private List<ObjectNode> deleted(String table) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : ctx.store.table(table).values()) {
            if ("DELETED".equals(Json.text(o, "status"))) {
                out.add(o);
            }
        }
        out.sort(Comparator.comparing((ObjectNode o) -> String.valueOf(Json.text(o, "date_deleted"))).reversed());
        return out;
    }

    private ObjectNode inQueue(String table, String id) {
        ObjectNode o = ctx.store.get(table, id).orElseThrow(() -> ApiError.notFound(noun(table), id));
        if (!"DELETED".equals(Json.text(o, "status"))) {
            throw ApiError.of(400, noun(table) + " " + id + " is not in the delete queue");
        }
        return o;
    }

    private static String noun(String table) {
        return switch (table) {
            case Store.ASSETS -> "Asset";
            case Store.COLLECTIONS -> "Collection";
            case Store.FORMATS -> "Format";
            default -> "File set";
        };
    }

    /** Applies an action to each id of a {@code DeleteQueueSchema} body, after checking them all. */
    private Reply each(Call c, String table, java.util.function.Consumer<ObjectNode> action, int status) {
        ObjectNode in = IDS.accept(c.json(), "ids");
        List<ObjectNode> found = new ArrayList<>();
        for (JsonNode id : in.get("ids")) {
            ObjectNode o = ctx.store.get(table, id.asText()).orElseThrow(() -> ApiError.notFound(noun(table),
                    id.asText()));
            found.add(o);
        }
        for (ObjectNode o : found) {
            action.accept(o);
        }
        return Reply.empty(status);
    }

    private Reply all(String table, java.util.function.Consumer<ObjectNode> action) {
        deleted(table).forEach(action);
        return Reply.empty(204);
    }

    private void markDeleted(ObjectNode o) {
        if (!"DELETED".equals(Json.text(o, "status"))) {
            o.put("status", "DELETED");
            o.put("date_deleted", Json.now());
            o.put("deleted_by_user", ctx.userId());
        }
    }

    private void deleteAsset(ObjectNode asset) {
        markDeleted(asset);
    }

    private void deleteCollection(ObjectNode collection) {
        markDeleted(collection);
    }

    private void restore(ObjectNode o) {
        if ("DELETED".equals(Json.text(o, "status"))) {
            o.put("status", "ACTIVE");
            o.remove("date_deleted");
            o.remove("deleted_by_user");
            Context.touch(o);
        }
    }

    private void purgeAsset(ObjectNode asset) {
        if ("DELETED".equals(Json.text(asset, "status"))) {
            GatewayQueueApi.purgeDeleted(ctx, asset);
        }
    }

    private void purgeCollection(ObjectNode collection) {
        if (!"DELETED".equals(Json.text(collection, "status"))) {
            return;
        }
        String id = Json.text(collection, "id");
        ctx.store.table(Store.CONTENTS).values().removeIf(n -> id.equals(Json.text(n, "collection_id"))
                || id.equals(Json.text(n, "object_id")));
        ctx.store.table(Store.COLLECTIONS).remove(id);
    }

    private void purgeFileObject(String table, ObjectNode o) {
        if (!"DELETED".equals(Json.text(o, "status"))) {
            return;
        }
        String id = Json.text(o, "id");
        if (Store.FILE_SETS.equals(table)) {
            ctx.store.table(Store.FILES).values().removeIf(f -> id.equals(Json.text(f, "file_set_id")));
        }
        ctx.store.table(table).remove(id);
    }

    private Reply bulk(Call c) {
        ObjectNode in = BULK_DELETE.accept(c.json(), "object_ids", "object_type");
        String type = Json.text(in, "object_type");
        if (in.get("object_ids").isEmpty() || in.get("object_ids").size() > 500) {
            throw ApiError.fields(Map.of("object_ids", "Length must be between 1 and 500."));
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode id : in.get("object_ids")) {
            objects.add(switch (type) {
                case "assets" -> ctx.asset(id.asText());
                case "collections" -> collections.collection(id.asText());
                default -> ctx.store.get(Store.SAVED_SEARCHES, id.asText())
                        .orElseThrow(() -> ApiError.notFound("Saved search", id.asText()));
            });
        }
        boolean contentOnly = in.path("content_only").asBoolean(true);
        for (ObjectNode o : objects) {
            if ("collections".equals(type)) {
                deleteContents(Json.text(o, "id"));
                if (!contentOnly) {
                    markDeleted(o);
                }
            } else if ("saved_searches".equals(type)) {
                ctx.store.table(Store.SAVED_SEARCHES).remove(Json.text(o, "id"));
            } else {
                markDeleted(o);
            }
        }
        return Reply.empty(202);
    }

    private void deleteContents(String collectionId) {
        for (ObjectNode n : ctx.store.where(Store.CONTENTS, "collection_id", collectionId)) {
            String table = "collections".equals(Json.text(n, "object_type")) ? Store.COLLECTIONS : Store.ASSETS;
            ctx.store.get(table, Json.text(n, "object_id")).ifPresent(this::markDeleted);
        }
        for (ObjectNode sub : ctx.store.where(Store.COLLECTIONS, "parent_id", collectionId)) {
            markDeleted(sub);
        }
    }
}
