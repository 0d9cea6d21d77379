// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;
import static io.github.iconiksdk.testkit.internal.Context.FILES;

/**
 * The work iconik queues for a storage gateway, through iconik's own endpoints: a manual scan
 * ({@code POST storages/{id}/scan/}), copies of an asset's format to or from a gateway's File storage
 * ({@code POST storages/{target}/bulk/}, read back as {@code transfers_to} / {@code transfers_from} items), a purge
 * of a deleted asset ({@code deletions_from} items on storages that allow delete) and a keyframes request on assets
 * a gateway transcodes locally (a {@code TRANSCODE} gateway event).
 *
 * <p>Where iconik's specs are silent the fake infers, and says so here ([I]):
 * <ul>
 *   <li>[I] a manual scan of a File storage is a gateway event of type {@code SCAN} (the specs' event enum has no
 *       scan type, and iconik never connects to a gateway) with {@code data} {@code {paths, files,
 *       ignore_already_active}} as posted; a storage with {@code scan} off answers 400;</li>
 *   <li>[I] a transfer into a gateway's storage carries the source file's pre-signed download URL in
 *       {@code original_url} (the URL {@code POST transfers/{id}/urls/} hands out again), the source file's name
 *       in {@code destination_filename} and, without {@code file_path}, the source's directory;</li>
 *   <li>[I] acknowledging a transfer ends its TRANSFER job: FAILED with {@code failed=true}, else FINISHED;</li>
 *   <li>[I] purging needs the asset to be deleted first (iconik purges from its delete queue); files on a File
 *       storage whose settings allow {@code delete} are queued for its gateway under one DELETE job, every other
 *       record goes at once;</li>
 *   <li>[I] a keyframes request for an asset whose original lies on a File storage with local proxy or keyframe
 *       creation on becomes a {@code TRANSCODE} event with {@code data} {@code {asset_id, version_id, format_id,
 *       file_set_id, file_id, job_id, priority}}; other assets are transcoded by the fake itself, as the per-file
 *       keyframes endpoint does.</li>
 * </ul>
 */
final class GatewayQueueApi {

    private static final int MAX_OBJECTS = 500;

    private final Context ctx;
    private final Uploads uploads;

    GatewayQueueApi(Context ctx, Uploads uploads) {
        this.ctx = ctx;
        this.uploads = uploads;
    }

    void register(Router r) {
        r.add("POST", FILES + "/storages/{storage_id}/scan/", this::scan);
        r.add("POST", FILES + "/storages/{storage_id}/bulk/", this::bulk);
        r.add("GET", FILES + "/storages/{storage_id}/transfers_to/", c -> list(c, Store.TRANSFERS_TO));
        r.add("GET", FILES + "/storages/{storage_id}/transfers_from/", c -> list(c, Store.TRANSFERS_FROM));
        r.add("GET", FILES + "/storages/{storage_id}/transfers_to/{transfer_id}/",
                c -> Reply.json(200, transfer(Store.TRANSFERS_TO, c.param("storage_id"), c.param("transfer_id"))));
        r.add("GET", FILES + "/storages/{storage_id}/transfers_from/{transfer_id}/",
                c -> Reply.json(200, transfer(Store.TRANSFERS_FROM, c.param("storage_id"),
                        c.param("transfer_id"))));
        r.add("DELETE", FILES + "/storages/{storage_id}/transfers_to/{transfer_id}/",
                c -> acknowledge(c, Store.TRANSFERS_TO, transfer(Store.TRANSFERS_TO, c.param("storage_id"),
                        c.param("transfer_id"))));
        r.add("DELETE", FILES + "/storages/{storage_id}/transfers_from/{transfer_id}/",
                c -> acknowledge(c, Store.TRANSFERS_FROM, transfer(Store.TRANSFERS_FROM, c.param("storage_id"),
                        c.param("transfer_id"))));
        r.add("DELETE", FILES + "/file_sets/{file_set_id}/transfers_to/{storage_id}/",
                c -> acknowledge(c, Store.TRANSFERS_TO, byFileSet(Store.TRANSFERS_TO, "file_set_id", c)));
        r.add("DELETE", FILES + "/file_sets/{file_set_id}/transfers_from/{storage_id}/",
                c -> acknowledge(c, Store.TRANSFERS_FROM, byFileSet(Store.TRANSFERS_FROM, "original_file_set_id",
                        c)));
        r.add("POST", FILES + "/transfers/{transfer_id}/urls/", this::signedUrl);
        r.add("DELETE", ASSETS + "/assets/{asset_id}/purge/", this::purge);
        r.add("POST", FILES + "/assets/bulk/keyframes/", this::keyframes);
    }

    // ---- manual scan

    private Reply scan(Call c) {
        ObjectNode storage = ctx.storage(c.param("storage_id"));
        ObjectNode in = Shapes.STORAGE_SCAN.accept(c.json());
        if (!"FILE".equals(Json.text(storage, "method"))) {
            return Reply.empty(201);
        }
        if (!storage.path("settings").path("scan").asBoolean(false)) {
            throw ApiError.of(400, "Scanning is disabled for storage " + Json.text(storage, "id"));
        }
        ObjectNode data = Json.object();
        data.set("paths", in.hasNonNull("paths") ? in.get("paths") : Json.array());
        data.set("files", in.hasNonNull("files") ? in.get("files") : Json.array());
        data.put("ignore_already_active", in.path("ignore_already_active").asBoolean(false));
        queueEvent(Json.text(storage, "id"), "SCAN", data);
        return Reply.empty(201);
    }

    private void queueEvent(String storageId, String type, ObjectNode data) {
        ObjectNode e = Json.object();
        e.put("id", Context.newId());
        e.put("storage_id", storageId);
        e.put("date_created", Json.now());
        e.put("type", type);
        e.set("data", data);
        ctx.store.table(Store.EVENTS).put(Json.text(e, "id"), e);
    }

    // ---- copies to and from a gateway's storage

    private static List<String> objectIds(ObjectNode in) {
        if (!"assets".equals(Json.text(in, "object_type"))) {
            throw ApiError.fields(Map.of("object_type", "The fake copies and transcodes assets only, not "
                    + Json.text(in, "object_type") + "."));
        }
        JsonNode ids = in.get("object_ids");
        if (ids.size() < 1 || ids.size() > MAX_OBJECTS) {
            throw ApiError.fields(Map.of("object_ids", "Length must be between 1 and " + MAX_OBJECTS + "."));
        }
        List<String> out = new ArrayList<>();
        ids.forEach(id -> out.add(id.asText()));
        return out;
    }

    /** The closed files of an asset's live format of that name, with their file sets. */
    private List<ObjectNode[]> formatFiles(String assetId, String formatName) {
        List<ObjectNode[]> out = new ArrayList<>();
        for (ObjectNode format : ctx.store.where(Store.FORMATS, "asset_id", assetId)) {
            if (!formatName.equals(Json.text(format, "name")) || "DELETED".equals(Json.text(format, "status"))) {
                continue;
            }
            for (ObjectNode fs : ctx.store.where(Store.FILE_SETS, "format_id", Json.text(format, "id"))) {
                if ("DELETED".equals(Json.text(fs, "status"))) {
                    continue;
                }
                for (ObjectNode f : ctx.store.where(Store.FILES, "file_set_id", Json.text(fs, "id"))) {
                    if ("CLOSED".equals(Json.text(f, "status")) && f.hasNonNull("storage_id")) {
                        out.add(new ObjectNode[]{f, fs});
                    }
                }
            }
        }
        return out;
    }

    private Reply bulk(Call c) {
        ObjectNode target = ctx.storage(c.param("storage_id"));
        String targetId = Json.text(target, "id");
        ObjectNode in = Shapes.BULK_TRANSFER.accept(c.json(), "object_ids", "object_type");
        String formatName = in.hasNonNull("format_name") ? Json.text(in, "format_name") : "ORIGINAL";
        String preferred = Json.text(in, "preferred_original_storage_id");
        List<String> ids = objectIds(in);
        List<ObjectNode> assets = new ArrayList<>();
        ids.forEach(id -> assets.add(ctx.asset(id)));
        for (ObjectNode asset : assets) {
            String assetId = Json.text(asset, "id");
            List<ObjectNode[]> files = formatFiles(assetId, formatName);
            if (files.stream().anyMatch(x -> targetId.equals(Json.text(x[0], "storage_id")))) {
                continue;
            }
            ObjectNode[] source = files.stream().filter(x -> Json.text(x[0], "storage_id").equals(preferred))
                    .findFirst().orElse(files.isEmpty() ? null : files.get(0));
            if (source == null) {
                throw ApiError.of(400, "Asset " + assetId + " has no closed file of format " + formatName);
            }
            ObjectNode from = ctx.storage(Json.text(source[0], "storage_id"));
            boolean fromGateway = "FILE".equals(Json.text(from, "method"));
            boolean toGateway = "FILE".equals(Json.text(target, "method"));
            if (fromGateway == toGateway) {
                throw ApiError.of(400, "The fake copies only between a File storage and a cloud storage, not from "
                        + Json.text(from, "method") + " to " + Json.text(target, "method"));
            }
            String table = toGateway ? Store.TRANSFERS_TO : Store.TRANSFERS_FROM;
            String setField = toGateway ? "file_set_id" : "original_file_set_id";
            String queueStorage = toGateway ? targetId : Json.text(from, "id");
            boolean duplicate = ctx.store.where(table, setField, Json.text(source[1], "id")).stream()
                    .anyMatch(t -> queueStorage.equals(Json.text(t, "storage_id")));
            if (duplicate && !in.path("allow_duplicate_transfers").asBoolean(false)) {
                continue;
            }
            ObjectNode t = transferItem(in, asset, source[0], source[1], from, target, toGateway);
            ctx.store.table(table).put(Json.text(t, "id"), t);
        }
        return Reply.empty(202);
    }

    private ObjectNode transferItem(ObjectNode in, ObjectNode asset, ObjectNode file, ObjectNode fileSet,
                                    ObjectNode from, ObjectNode target, boolean toGateway) {
        ObjectNode t = Json.object();
        String id = Context.newId();
        t.put("id", id);
        t.put("asset_id", Json.text(asset, "id"));
        t.put("format_id", Json.text(fileSet, "format_id"));
        t.put("original_storage_id", Json.text(from, "id"));
        String dir = in.hasNonNull("file_path") ? Json.text(in, "file_path") : Json.text(file, "directory_path");
        t.put("destination_directory_path", dir == null ? "" : dir);
        t.put("destination_file_set_name", Json.text(fileSet, "name"));
        t.put("destination_filename", Json.text(file, "original_name"));
        t.put("overwrite", in.path("overwrite").asBoolean(false));
        t.put("delete_only_from_source_folder", in.path("delete_only_from_source_folder").asBoolean(false));
        t.putArray("asset_paths");
        t.putArray("component_ids");
        t.put("job_id", JobApi.gatewayJob(ctx, asset, "TRANSFER", "Copy " + Json.text(file, "original_name")
                + " to " + Json.text(target, "name")));
        if (toGateway) {
            t.put("storage_id", Json.text(target, "id"));
            t.put("local_storage_id", Json.text(target, "id"));
            t.put("file_set_id", Json.text(fileSet, "id"));
            t.put("transfer_type", "TO_LOCAL_STORAGE");
            t.put("original_url", uploads.issue(Store.FILES, Json.text(file, "id")));
            t.put("delete_source_file_set_after_download", in.path("delete_original").asBoolean(false));
        } else {
            t.put("storage_id", Json.text(from, "id"));
            t.put("original_file_set_id", Json.text(fileSet, "id"));
            t.put("destination_storage_id", Json.text(target, "id"));
            t.put("destination_storage_method", Json.text(target, "method"));
            t.put("transfer_type", "FROM_LOCAL_STORAGE");
            t.put("delete_local_file_set_after_upload", in.path("delete_original").asBoolean(false));
        }
        return t;
    }

    private static ObjectNode view(ObjectNode t) {
        ObjectNode out = t.deepCopy();
        out.remove("storage_id");
        return out;
    }

    private Reply list(Call c, String table) {
        String id = c.param("storage_id");
        ctx.storage(id);
        List<ObjectNode> out = new ArrayList<>();
        ctx.store.where(table, "storage_id", id).forEach(t -> out.add(view(t)));
        return Reply.json(200, Pages.cursor(c, out, 10, 1000));
    }

    private ObjectNode transfer(String table, String storageId, String transferId) {
        ctx.storage(storageId);
        ObjectNode t = ctx.store.get(table, transferId).filter(x -> storageId.equals(Json.text(x, "storage_id")))
                .orElseThrow(() -> ApiError.of(404, "Transfer job does not exist: " + transferId));
        return view(t);
    }

    private ObjectNode byFileSet(String table, String field, Call c) {
        String storageId = c.param("storage_id");
        ctx.storage(storageId);
        for (ObjectNode t : ctx.store.where(table, field, c.param("file_set_id"))) {
            if (storageId.equals(Json.text(t, "storage_id"))) {
                return t;
            }
        }
        throw ApiError.of(404, "Transfer job does not exist for file set " + c.param("file_set_id")
                + " and storage " + storageId);
    }

    private Reply acknowledge(Call c, String table, ObjectNode t) {
        ctx.store.table(table).remove(Json.text(t, "id"));
        JobApi.gatewayJobDone(ctx, Json.text(t, "job_id"), c.boolQuery("failed", false));
        return Reply.empty(204);
    }

    private Reply signedUrl(Call c) {
        String id = c.param("transfer_id");
        ObjectNode t = ctx.store.get(Store.TRANSFERS_TO, id)
                .orElseThrow(() -> ApiError.of(404, "Transfer job does not exist: " + id));
        for (ObjectNode f : ctx.store.where(Store.FILES, "file_set_id", Json.text(t, "file_set_id"))) {
            if ("CLOSED".equals(Json.text(f, "status"))) {
                ObjectNode out = Json.object();
                out.put("url", uploads.issue(Store.FILES, Json.text(f, "id")));
                return Reply.json(200, out);
            }
        }
        throw ApiError.of(400, "Failed to generate url: the file set of transfer " + id + " has no closed file");
    }

    // ---- purge

    private Reply purge(Call c) {
        String assetId = c.param("asset_id");
        ObjectNode asset = ctx.store.get(Store.ASSETS, assetId)
                .orElseThrow(() -> ApiError.of(404, "Asset does not exist: " + assetId));
        if (!"DELETED".equals(Json.text(asset, "status"))) {
            throw ApiError.of(400, "Asset " + assetId + " is not deleted: delete it before purging it");
        }
        purgeDeleted(ctx, asset);
        return Reply.empty(204);
    }

    /**
     * Removes a deleted asset for good with its formats, file sets, proxies and keyframes; its files on File storages
     * that allow {@code delete} are queued for their gateways ({@code deletions_from/}), the rest removed at once.
     * Shared with the delete queue's purges.
     *
     * @param ctx the fake's context
     * @param asset the asset, already marked {@code DELETED}
     */
    static void purgeDeleted(Context ctx, ObjectNode asset) {
        String assetId = Json.text(asset, "id");
        String jobId = null;
        for (ObjectNode f : ctx.store.where(Store.FILES, "asset_id", assetId)) {
            ObjectNode storage = f.hasNonNull("storage_id")
                    ? ctx.store.get(Store.STORAGES, Json.text(f, "storage_id")).orElse(null) : null;
            ObjectNode fs = ctx.store.get(Store.FILE_SETS, Json.text(f, "file_set_id")).orElse(null);
            boolean gatewayDeletes = storage != null && fs != null && "FILE".equals(Json.text(storage, "method"))
                    && storage.path("settings").path("delete").asBoolean(false);
            if (gatewayDeletes) {
                if (jobId == null) {
                    jobId = JobApi.deleteJob(ctx, asset);
                }
                FileApi.queueDeletion(ctx, jobId, f, fs);
            } else {
                ctx.store.table(Store.FILES).remove(Json.text(f, "id"));
            }
        }
        for (String table : List.of(Store.FILE_SETS, Store.FORMATS, Store.PROXIES, Store.KEYFRAMES)) {
            ctx.store.where(table, "asset_id", assetId).forEach(o -> ctx.store.table(table).remove(Json.text(o,
                    "id")));
        }
        ctx.store.table(Store.ASSETS).remove(assetId);
    }

    // ---- keyframes requests

    private Reply keyframes(Call c) {
        ObjectNode in = Shapes.BULK_TRANSCODE.accept(c.json(), "object_ids", "object_type");
        JsonNode p = in.get("priority");
        if (p != null && (p.asInt() < 1 || p.asInt() > 10)) {
            throw ApiError.fields(Map.of("priority", "Must be greater than or equal to 1 and less than or equal to"
                    + " 10."));
        }
        Integer priority = p == null ? null : p.asInt();
        String formatName = in.hasNonNull("format_name") ? Json.text(in, "format_name") : "ORIGINAL";
        List<ObjectNode> assets = new ArrayList<>();
        objectIds(in).forEach(id -> assets.add(ctx.asset(id)));
        for (ObjectNode asset : assets) {
            List<ObjectNode[]> files = formatFiles(Json.text(asset, "id"), formatName);
            if (files.isEmpty()) {
                throw ApiError.of(400, "Asset " + Json.text(asset, "id") + " has no closed file of format "
                        + formatName);
            }
            ObjectNode[] local = files.stream().filter(x -> transcodesLocally(Json.text(x[0], "storage_id")))
                    .findFirst().orElse(null);
            if (local == null) {
                ObjectNode f = files.get(0)[0];
                ctx.jobs.queue(asset, JobRunner.Kind.TRANSCODE, Json.text(f, "id"), "Proxy and keyframes of "
                        + Json.text(f, "original_name"), priority);
                continue;
            }
            ObjectNode f = local[0];
            ObjectNode data = Json.object();
            data.put("asset_id", Json.text(asset, "id"));
            if (local[1].hasNonNull("version_id")) {
                data.put("version_id", Json.text(local[1], "version_id"));
            }
            data.put("format_id", Json.text(local[1], "format_id"));
            data.put("file_set_id", Json.text(local[1], "id"));
            data.put("file_id", Json.text(f, "id"));
            data.put("job_id", JobApi.gatewayJob(ctx, asset, "TRANSCODE", "Proxy and keyframes of "
                    + Json.text(f, "original_name")));
            data.put("priority", priority == null ? 5 : priority);
            queueEvent(Json.text(f, "storage_id"), "TRANSCODE", data);
        }
        return Reply.empty(200);
    }

    private boolean transcodesLocally(String storageId) {
        ObjectNode s = ctx.store.get(Store.STORAGES, storageId).orElse(null);
        if (s == null || !"FILE".equals(Json.text(s, "method"))) {
            return false;
        }
        JsonNode settings = s.path("settings");
        return settings.path("local_proxy_creation").asBoolean(false)
                || settings.path("local_keyframe_creation").asBoolean(false);
    }
}
