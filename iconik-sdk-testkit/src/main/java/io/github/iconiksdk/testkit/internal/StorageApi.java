// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.github.iconiksdk.testkit.internal.Context.FILES;

/** Storages with their settings, iconik's default storages, gateway status and report, storage-side files. */
final class StorageApi {

    /** iconik's default ignore patterns for a new gateway storage. */
    static final List<String> DEFAULT_SCAN_IGNORE = List.of("*.iconikagent", "*.fcpcache", "*.cfa", "*.pek", "*.ims",
            "media cache", "media cache files", "adobe premiere pro auto-save");

    /** The ISG version the fake reports as the latest. */
    static final String ISG_VERSION = "2.0.0";

    private final Context ctx;

    StorageApi(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("GET", FILES + "/storages/", this::list);
        r.add("POST", FILES + "/storages/", this::create);
        r.add("GET", FILES + "/storages/{storage_id}/", c -> Reply.json(200, ctx.storage(c.param("storage_id"))));
        r.add("PATCH", FILES + "/storages/{storage_id}/", c -> update(c, true));
        r.add("PUT", FILES + "/storages/{storage_id}/", c -> update(c, false));
        r.add("GET", FILES + "/storages/{purpose}/default/",
                c -> Reply.json(200, ctx.defaultStorage(purpose(c.param("purpose")))));
        r.add("GET", FILES + "/storages/matching/{purpose}/", c -> matching(c, null));
        r.add("GET", FILES + "/storages/matching/{purpose}/method/{method}/", c -> matching(c, c.param("method")));
        r.add("PUT", FILES + "/storages/{storage_id}/gateway/status/", this::putStatus);
        r.add("PUT", FILES + "/storages/{storage_id}/gateway/report/", this::putReport);
        r.add("GET", FILES + "/storages/{storage_id}/gateway/report/", this::getReport);
        r.add("GET", FILES + "/storages/{storage_id}/gateway/events/", this::events);
        r.add("POST", FILES + "/storages/{storage_id}/gateway/events/", this::postEvent);
        r.add("DELETE", FILES + "/storages/{storage_id}/gateway/events/{event_id}/", this::deleteEvent);
        r.add("POST", FILES + "/storages/{storage_id}/gateway/events/purge/", this::purgeEvents);
        r.add("GET", FILES + "/storages/isg/latest_version/", c -> {
            ObjectNode v = Json.object();
            v.put("version", ISG_VERSION);
            return Reply.json(200, v);
        });
        r.add("GET", FILES + "/storages/{storage_id}/deletions_from/", this::deletions);
        r.add("DELETE", FILES + "/storages/{storage_id}/deletions/{deletion_id}/", c -> ackDeletion(
                c.param("storage_id"), "id", c.param("deletion_id")));
        r.add("DELETE", FILES + "/files/{file_id}/deletions_from/{storage_id}/", c -> ackDeletion(
                c.param("storage_id"), "file_id", c.param("file_id")));
        r.add("GET", FILES + "/storages/{storage_id}/files/", this::listStorageFiles);
        r.add("POST", FILES + "/storages/{storage_id}/files/", this::createStorageFile);
        r.add("PATCH", FILES + "/storages/{storage_id}/files/", this::updateStorageFile);
        r.add("PUT", FILES + "/storages/{storage_id}/files/", this::updateStorageFile);
        r.add("POST", FILES + "/files/storages/{storage_id}/", this::exists);
    }

    private static String purpose(String p) {
        String up = p.toUpperCase(Locale.ROOT);
        if (!Arrays.asList(Shapes.STORAGE_PURPOSES.split("\\|")).contains(up)) {
            throw ApiError.fields(Map.of("purpose", "Must be one of: " + Shapes.STORAGE_PURPOSES.replace("|", ", ")
                    + "."));
        }
        return up;
    }

    private Reply list(Call c) {
        List<ObjectNode> out = new ArrayList<>();
        String ids = c.query("ids");
        List<String> idList = ids == null ? null : Arrays.asList(ids.split(","));
        for (ObjectNode s : ctx.store.table(Store.STORAGES).values()) {
            if (matches(s, c, "method") && matches(s, c, "status") && matches(s, c, "purpose")
                    && matches(s, c, "name") && matches(s, c, "id")
                    && (idList == null || idList.contains(Json.text(s, "id")))) {
                out.add(s);
            }
        }
        return Reply.json(200, Pages.page(c, out, 10, 100));
    }

    private static boolean matches(ObjectNode o, Call c, String field) {
        String want = c.query(field);
        return want == null || want.equalsIgnoreCase(Json.text(o, field));
    }

    private Reply create(Call c) {
        ObjectNode in = Shapes.STORAGE.accept(c.json(), "method", "name", "purpose", "settings");
        ObjectNode s = Json.object();
        s.put("id", Context.newId());
        s.put("status", "ACTIVE");
        s.put("default", false);
        s.setAll(in);
        s.set("settings", settings(Json.text(s, "method"), (ObjectNode) in.get("settings")));
        ctx.store.table(Store.STORAGES).put(Json.text(s, "id"), s);
        return Reply.json(201, s);
    }

    private Reply update(Call c, boolean patch) {
        ObjectNode s = ctx.storage(c.param("storage_id"));
        ObjectNode in = patch ? Shapes.STORAGE.accept(c.json())
                : Shapes.STORAGE.accept(c.json(), "method", "name", "purpose", "settings");
        ObjectNode settings = (ObjectNode) in.remove("settings");
        s.setAll(in);
        if (settings != null) {
            ObjectNode checked = settings(Json.text(s, "method"), settings);
            if (patch) {
                ((ObjectNode) s.get("settings")).setAll(checked);
            } else {
                s.set("settings", checked);
            }
        }
        return Reply.json(200, s);
    }

    /**
     * Checks the settings of a storage: a FILE storage's against iconik's FileSettingsSchema (unknown keys
     * dropped), others kept as given.
     */
    static ObjectNode settings(String method, ObjectNode settings) {
        if (!"FILE".equals(method)) {
            return settings.deepCopy();
        }
        ObjectNode out = Shapes.FILE_SETTINGS.accept(settings);
        JsonNode prio = out.get("prio_dirs");
        if (prio != null && prio.isArray()) {
            var fixed = Json.array();
            prio.forEach(p -> fixed.add(Shapes.PRIO_DIR.accept(p)));
            out.set("prio_dirs", fixed);
        }
        return out;
    }

    private Reply matching(Call c, String method) {
        String purpose = purpose(c.param("purpose"));
        String wanted = c.query("storage_id");
        if (wanted != null) {
            ObjectNode s = ctx.storage(wanted);
            if (purpose.equals(Json.text(s, "purpose"))
                    && (method == null || method.equalsIgnoreCase(Json.text(s, "method")))) {
                return Reply.json(200, s);
            }
        }
        ObjectNode d = ctx.defaultStorage(purpose);
        if (method != null && !method.equalsIgnoreCase(Json.text(d, "method"))) {
            for (ObjectNode s : ctx.store.table(Store.STORAGES).values()) {
                if (purpose.equals(Json.text(s, "purpose")) && method.equalsIgnoreCase(Json.text(s, "method"))) {
                    return Reply.json(200, s);
                }
            }
            throw ApiError.of(404, "No " + purpose + " storage with method " + method);
        }
        return Reply.json(200, d);
    }

    private Reply putStatus(Call c) {
        String id = c.param("storage_id");
        ObjectNode s = ctx.storage(id);
        ObjectNode in = Shapes.GATEWAY_STATUS.accept(c.json(), "status");
        in.put("date_reported", Json.now());
        ctx.store.table(Store.GATEWAY_STATUS).put(id, in);
        s.put("scanner_status", Json.text(in, "status"));
        return Reply.json(200, Json.object());
    }

    private Reply putReport(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        ObjectNode in = Shapes.GATEWAY_REPORT.accept(c.json());
        limit(in, "version", 100);
        limit(in, "host_name", 1000);
        limit(in, "host_info", 1000);
        limit(in, "start_status_message", 1000);
        limitItems(in, "log_lines", 50);
        limitItems(in, "error_log_lines", 10);
        ObjectNode report = ctx.store.table(Store.REPORTS).computeIfAbsent(id, k -> {
            ObjectNode n = Json.object();
            n.put("id", Context.newId());
            n.put("storage_id", id);
            return n;
        });
        report.setAll(in);
        report.put("date_reported", Json.now());
        if ("SUCCESS".equals(Json.text(in, "start_status")) || "FAILED".equals(Json.text(in, "start_status"))) {
            report.put("start_last_date", Json.now());
        }
        return Reply.json(200, Json.object());
    }

    private static void limit(ObjectNode in, String field, int max) {
        String v = Json.text(in, field);
        if (v != null && v.length() > max) {
            throw ApiError.fields(Map.of(field, "Longer than maximum length " + max + "."));
        }
    }

    private static void limitItems(ObjectNode in, String field, int max) {
        JsonNode v = in.get(field);
        if (v != null && v.size() > max) {
            throw ApiError.fields(Map.of(field, "Longer than maximum length " + max + "."));
        }
        if (v != null) {
            for (JsonNode line : v) {
                if (line.asText().length() > 2000) {
                    throw ApiError.fields(Map.of(field, "Each line must be at most 2000 characters."));
                }
            }
        }
    }

    private Reply getReport(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        return Reply.json(200, ctx.store.get(Store.REPORTS, id)
                .orElseThrow(() -> ApiError.of(404, "No gateway report for storage " + id)));
    }

    private static ObjectNode eventView(ObjectNode e) {
        ObjectNode out = e.deepCopy();
        out.remove("storage_id");
        return out;
    }

    private Reply events(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        String last = c.query("last_id");
        ObjectNode env = Json.object();
        var objects = env.putArray("objects");
        boolean after = last == null || last.isEmpty();
        for (ObjectNode e : ctx.store.where(Store.EVENTS, "storage_id", id)) {
            if (after) {
                objects.add(eventView(e));
            } else if (last.equals(Json.text(e, "id"))) {
                after = true;
            }
        }
        // iconik documents 201 for this GET
        return Reply.json(201, env);
    }

    private Reply postEvent(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        ObjectNode in = Shapes.GATEWAY_EVENT.accept(c.json(), "type");
        ObjectNode e = Json.object();
        e.put("id", Context.newId());
        e.put("storage_id", id);
        e.put("date_created", Json.now());
        e.putObject("data");
        e.setAll(in);
        ctx.store.table(Store.EVENTS).put(Json.text(e, "id"), e);
        return Reply.json(201, eventView(e));
    }

    private Reply deleteEvent(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        ObjectNode e = ctx.store.get(Store.EVENTS, c.param("event_id"))
                .filter(x -> id.equals(Json.text(x, "storage_id")))
                .orElseThrow(() -> ApiError.notFound("Gateway event", c.param("event_id")));
        ctx.store.table(Store.EVENTS).remove(Json.text(e, "id"));
        return Reply.empty(204);
    }

    private Reply purgeEvents(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        ObjectNode in = Shapes.EVENTS_PURGE.accept(c.json(), "event_ids");
        int n = in.get("event_ids").size();
        if (n < 1 || n > 100) {
            throw ApiError.fields(Map.of("event_ids", "Length must be between 1 and 100."));
        }
        in.get("event_ids").forEach(eid -> ctx.store.get(Store.EVENTS, eid.asText())
                .filter(x -> id.equals(Json.text(x, "storage_id")))
                .ifPresent(x -> ctx.store.table(Store.EVENTS).remove(eid.asText())));
        return Reply.empty(204);
    }

    private Reply deletions(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        return Reply.json(200, Pages.cursor(c, ctx.store.where(Store.DELETIONS, "storage_id", id), 10, 1000));
    }

    /** The gateway deleted a file: forget the deletion and the file record, finish the job when all are done. */
    private Reply ackDeletion(String storageId, String field, String value) {
        ctx.storage(storageId);
        ObjectNode found = null;
        for (ObjectNode d : ctx.store.where(Store.DELETIONS, "storage_id", storageId)) {
            if (value.equals(Json.text(d, field))) {
                found = d;
                break;
            }
        }
        if (found == null) {
            throw ApiError.of(404, "No deletion " + value + " for storage " + storageId);
        }
        ctx.store.table(Store.DELETIONS).remove(Json.text(found, "id"));
        ctx.store.table(Store.FILES).remove(Json.text(found, "file_id"));
        JobApi.deletionDone(ctx, Json.text(found, "job_id"));
        return Reply.empty(204);
    }

    private Reply listStorageFiles(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        String path = c.query("path");
        String sep = c.query("path_separator") == null ? "/" : c.query("path_separator");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode f : ctx.store.where(Store.FILES, "storage_id", id)) {
            if (path != null && !path.equals(fullPath(f, sep))) {
                continue;
            }
            if (matches(f, c, "directory_path") && matches(f, c, "checksum") && matches(f, c, "name")
                    && matches(f, c, "type") && matches(f, c, "status") && matches(f, c, "id")) {
                out.add(FileApi.base(f));
            }
        }
        return Reply.json(200, Pages.page(c, out, 10, 100));
    }

    static String fullPath(ObjectNode f, String sep) {
        String dir = Json.text(f, "directory_path");
        String name = Json.text(f, "original_name");
        return dir == null || dir.isEmpty() ? name : dir + sep + name;
    }

    private Reply createStorageFile(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        ObjectNode in = Shapes.FILE.accept(c.json(), "original_name");
        in.put("storage_id", id);
        ObjectNode f = FileApi.newFile(ctx, in);
        ctx.store.table(Store.FILES).put(Json.text(f, "id"), f);
        return Reply.json(201, FileApi.base(f));
    }

    private Reply updateStorageFile(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        ObjectNode in = Shapes.FILE.accept(c.json(), "original_name");
        String dir = Json.text(in, "directory_path") == null ? "" : Json.text(in, "directory_path");
        String name = Json.text(in, "original_name");
        for (ObjectNode f : ctx.store.where(Store.FILES, "storage_id", id)) {
            if (dir.equals(Json.text(f, "directory_path")) && name.equals(Json.text(f, "original_name"))) {
                in.remove("storage_id");
                in.remove("asset_id");
                f.setAll(in);
                Context.touch(f);
                return Reply.json(200, FileApi.base(f));
            }
        }
        throw ApiError.of(404, "No file " + dir + "/" + name + " on storage " + id);
    }

    private Reply exists(Call c) {
        String id = c.param("storage_id");
        ctx.storage(id);
        ObjectNode in = Shapes.FILE_EXISTENCE.accept(c.json(), "directory_path", "file_name");
        for (ObjectNode f : ctx.store.where(Store.FILES, "storage_id", id)) {
            if (Json.text(in, "directory_path").equals(Json.text(f, "directory_path"))
                    && Json.text(in, "file_name").equals(Json.text(f, "original_name"))) {
                ObjectNode out = Json.object();
                if (c.boolQuery("get_file_size", false) && f.has("size")) {
                    out.set("size", f.get("size"));
                }
                return Reply.json(200, out);
            }
        }
        throw ApiError.of(404, "File does not exist");
    }
}
