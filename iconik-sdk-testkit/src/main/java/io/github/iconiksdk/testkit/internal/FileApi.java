// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.github.iconiksdk.testkit.internal.Context.FILES;

/** Formats and their components, file sets, and file records of assets; lookup of files by checksum. */
final class FileApi {

    private final Context ctx;
    private final Uploads uploads;

    FileApi(Context ctx, Uploads uploads) {
        this.ctx = ctx;
        this.uploads = uploads;
    }

    void register(Router r) {
        String a = FILES + "/assets/{asset_id}";
        r.add("POST", a + "/formats/", this::createFormat);
        r.add("GET", a + "/formats/", c -> Reply.json(200, Pages.cursor(c, live(Store.FORMATS, c.param("asset_id")),
                10, 1000)));
        r.add("GET", a + "/formats/{format_id}/", c -> Reply.json(200, format(c.param("asset_id"),
                c.param("format_id"))));
        r.add("PATCH", a + "/formats/{format_id}/", c -> updateFormat(c, true));
        r.add("PUT", a + "/formats/{format_id}/", c -> updateFormat(c, false));
        r.add("DELETE", a + "/formats/{format_id}/", this::deleteFormat);
        r.add("POST", a + "/formats/{format_id}/components/", this::addComponent);
        r.add("GET", a + "/formats/{format_id}/components/", this::listComponents);
        r.add("POST", a + "/file_sets/", this::createFileSet);
        r.add("GET", a + "/file_sets/", c -> Reply.json(200, Pages.cursor(c, fileSets(c.param("asset_id")), 10,
                1000)));
        r.add("GET", a + "/file_sets/{file_set_id}/", c -> Reply.json(200, fileSet(c.param("asset_id"),
                c.param("file_set_id"))));
        r.add("PATCH", a + "/file_sets/{file_set_id}/", c -> updateFileSet(c, true));
        r.add("PUT", a + "/file_sets/{file_set_id}/", c -> updateFileSet(c, false));
        r.add("DELETE", a + "/file_sets/{file_set_id}/", this::deleteFileSet);
        r.add("GET", a + "/file_sets/{file_set_id}/files/", this::fileSetFiles);
        r.add("POST", a + "/files/", this::createFile);
        r.add("GET", a + "/files/", c -> Reply.json(200, Pages.cursor(c, files(c.param("asset_id")), 10, 1000)));
        r.add("GET", a + "/files/{file_id}/", this::getFile);
        r.add("PATCH", a + "/files/{file_id}/", c -> updateFile(c, true));
        r.add("PUT", a + "/files/{file_id}/", c -> updateFile(c, false));
        r.add("DELETE", a + "/files/{file_id}/", this::deleteFile);
        r.add("POST", a + "/files/{file_id}/mediainfo/", c -> transcode(c, JobRunner.Kind.MEDIAINFO, "Mediainfo"));
        r.add("POST", a + "/files/{file_id}/keyframes/", c -> transcode(c, JobRunner.Kind.TRANSCODE,
                "Proxy and keyframes"));
        r.add("GET", FILES + "/files/checksum/{checksum}/", this::byChecksum);
    }

    // ---- formats

    private List<ObjectNode> live(String table, String assetId) {
        ctx.asset(assetId);
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : ctx.store.where(table, "asset_id", assetId)) {
            if (!"DELETED".equals(Json.text(o, "status"))) {
                out.add(o);
            }
        }
        return out;
    }

    private Reply createFormat(Call c) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        ObjectNode in = Shapes.FORMAT.accept(c.json(), "name");
        ObjectNode f = Json.object();
        f.put("id", Context.newId());
        f.put("asset_id", Json.text(asset, "id"));
        f.put("status", "ACTIVE");
        f.put("archive_status", "NOT_ARCHIVED");
        f.put("is_online", true);
        f.putArray("metadata");
        f.putArray("storage_methods");
        f.putArray("components");
        f.put("user_id", ctx.userId());
        f.put("version_id", AssetApi.versionId(asset));
        f.putArray("warnings");
        String now = Json.now();
        f.put("date_created", now);
        f.put("date_modified", now);
        apply(f, in);
        ctx.store.table(Store.FORMATS).put(Json.text(f, "id"), f);
        return Reply.json(201, f);
    }

    private void apply(ObjectNode format, ObjectNode in) {
        JsonNode components = in.remove("components");
        JsonNode metadata = in.remove("metadata");
        format.setAll(in);
        if (metadata != null) {
            ArrayNode fixed = format.putArray("metadata");
            for (JsonNode m : metadata) {
                ObjectNode strings = fixed.addObject();
                m.properties().forEach(e -> strings.put(e.getKey(), e.getValue().isTextual()
                        ? e.getValue().asText() : e.getValue().toString()));
            }
        }
        if (components != null) {
            ArrayNode list = format.putArray("components");
            for (JsonNode comp : components) {
                list.add(component(comp));
            }
        }
    }

    private static ObjectNode component(JsonNode body) {
        ObjectNode in = Shapes.COMPONENT.accept(body, "name", "type");
        ObjectNode comp = Json.object();
        String id = Json.text(body, "id");
        comp.put("id", id != null && isUuid(id) ? id : Context.newId());
        comp.putObject("metadata");
        comp.setAll(in);
        ObjectNode strings = Json.object();
        comp.get("metadata").properties().forEach(e -> strings.put(e.getKey(), e.getValue().isTextual()
                ? e.getValue().asText() : e.getValue().toString()));
        comp.set("metadata", strings);
        return comp;
    }

    static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private ObjectNode format(String assetId, String idOrName) {
        if (isUuid(idOrName)) {
            ObjectNode f = ctx.owned(Store.FORMATS, "Format", assetId, idOrName);
            if ("DELETED".equals(Json.text(f, "status"))) {
                throw ApiError.notFound("Format", idOrName);
            }
            return f;
        }
        ObjectNode found = null;
        for (ObjectNode f : live(Store.FORMATS, assetId)) {
            if (idOrName.equals(Json.text(f, "name"))) {
                found = f;
            }
        }
        if (found == null) {
            throw ApiError.notFound("Format", idOrName);
        }
        return found;
    }

    private Reply updateFormat(Call c, boolean patch) {
        ObjectNode f = format(c.param("asset_id"), c.param("format_id"));
        ObjectNode in = patch ? Shapes.FORMAT.accept(c.json()) : Shapes.FORMAT.accept(c.json(), "name");
        apply(f, in);
        Context.touch(f);
        return Reply.json(200, f);
    }

    private Reply deleteFormat(Call c) {
        ObjectNode f = format(c.param("asset_id"), c.param("format_id"));
        f.put("status", "DELETED");
        f.put("date_deleted", Json.now());
        f.put("deleted_by_user", ctx.userId());
        return Reply.empty(204);
    }

    private Reply addComponent(Call c) {
        ObjectNode f = format(c.param("asset_id"), c.param("format_id"));
        ObjectNode comp = component(c.json());
        f.withArray("components").add(comp);
        Context.touch(f);
        return Reply.json(200, comp);
    }

    private Reply listComponents(Call c) {
        ObjectNode f = format(c.param("asset_id"), c.param("format_id"));
        ObjectNode out = Json.object();
        out.set("objects", f.get("components").deepCopy());
        return Reply.json(200, out);
    }

    // ---- file sets

    private List<ObjectNode> fileSets(String assetId) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode fs : live(Store.FILE_SETS, assetId)) {
            out.add(withCount(fs));
        }
        return out;
    }

    private ObjectNode withCount(ObjectNode fs) {
        ObjectNode out = fs.deepCopy();
        out.put("file_count", ctx.store.where(Store.FILES, "file_set_id", Json.text(fs, "id")).size());
        return out;
    }

    private Reply createFileSet(Call c) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        String assetId = Json.text(asset, "id");
        ObjectNode in = Shapes.FILE_SET.accept(c.json(), "format_id", "name");
        ObjectNode format = ctx.owned(Store.FORMATS, "Format", assetId, Json.text(in, "format_id"));
        ObjectNode fs = Json.object();
        fs.put("id", Context.newId());
        fs.put("asset_id", assetId);
        fs.put("base_dir", "");
        fs.putArray("component_ids");
        fs.put("status", "ACTIVE");
        fs.put("is_archive", false);
        fs.put("version_id", Json.text(format, "version_id"));
        String now = Json.now();
        fs.put("date_created", now);
        fs.put("date_modified", now);
        fs.setAll(in);
        if (fs.has("storage_id")) {
            ctx.storage(Json.text(fs, "storage_id"));
        }
        ctx.store.table(Store.FILE_SETS).put(Json.text(fs, "id"), fs);
        return Reply.json(201, withCount(fs));
    }

    private ObjectNode fileSet(String assetId, String id) {
        ObjectNode fs = ctx.owned(Store.FILE_SETS, "File set", assetId, id);
        if ("DELETED".equals(Json.text(fs, "status"))) {
            throw ApiError.notFound("File set", id);
        }
        return withCount(fs);
    }

    private Reply updateFileSet(Call c, boolean patch) {
        String assetId = c.param("asset_id");
        fileSet(assetId, c.param("file_set_id"));
        ObjectNode fs = ctx.owned(Store.FILE_SETS, "File set", assetId, c.param("file_set_id"));
        ObjectNode in = patch ? Shapes.FILE_SET.accept(c.json())
                : Shapes.FILE_SET.accept(c.json(), "format_id", "name");
        fs.setAll(in);
        Context.touch(fs);
        return Reply.json(200, withCount(fs));
    }

    /**
     * Marks a file set deleted. Unless {@code keep_source=true}, the files it has on a gateway's File storage are
     * queued for that gateway ({@code storages/{id}/deletions_from/}) under one DELETE job, as iconik does.
     */
    private Reply deleteFileSet(Call c) {
        String assetId = c.param("asset_id");
        fileSet(assetId, c.param("file_set_id"));
        ObjectNode fs = ctx.owned(Store.FILE_SETS, "File set", assetId, c.param("file_set_id"));
        fs.put("status", "DELETED");
        fs.put("date_deleted", Json.now());
        fs.put("deleted_by_user", ctx.userId());
        boolean keepSource = c.boolQuery("keep_source", false);
        String jobId = null;
        for (ObjectNode f : ctx.store.where(Store.FILES, "file_set_id", Json.text(fs, "id"))) {
            String storageId = Json.text(f, "storage_id");
            if (keepSource || storageId == null || !"FILE".equals(Json.text(f, "storage_method"))) {
                continue;
            }
            if (jobId == null) {
                jobId = JobApi.deleteJob(ctx, ctx.asset(assetId));
            }
            queueDeletion(ctx, jobId, f, fs);
        }
        return Reply.empty(204);
    }

    /** Queues the deletion of a file on its gateway's storage ({@code storages/{id}/deletions_from/}). */
    static void queueDeletion(Context ctx, String jobId, ObjectNode f, ObjectNode fs) {
        ObjectNode d = Json.object();
        d.put("id", Context.newId());
        d.put("file_id", Json.text(f, "id"));
        d.put("filename", Json.text(f, "original_name"));
        d.put("directory_path", Json.text(f, "directory_path"));
        d.put("storage_id", Json.text(f, "storage_id"));
        d.put("job_id", jobId);
        d.put("keep_source", false);
        d.put("asset_id", Json.text(fs, "asset_id"));
        d.put("format_id", Json.text(fs, "format_id"));
        if (fs.has("version_id")) {
            d.put("version_id", Json.text(fs, "version_id"));
        }
        ctx.store.table(Store.DELETIONS).put(Json.text(d, "id"), d);
    }

    private Reply fileSetFiles(Call c) {
        String assetId = c.param("asset_id");
        String setId = c.param("file_set_id");
        fileSet(assetId, setId);
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode f : ctx.store.where(Store.FILES, "file_set_id", setId)) {
            out.add(f);
        }
        return Reply.json(200, Pages.cursor(c, out, 10, 1000));
    }

    // ---- files

    /** A new file record from accepted fields, with iconik's defaults applied. */
    static ObjectNode newFile(Context ctx, ObjectNode in) {
        ObjectNode f = Json.object();
        f.put("id", Context.newId());
        f.put("directory_path", "");
        f.put("type", "FILE");
        f.put("status", "OPEN");
        f.put("system_domain_id", ctx.systemDomainId());
        f.put("user_id", ctx.userId());
        String now = Json.now();
        f.put("date_created", now);
        f.put("date_modified", now);
        f.setAll(in);
        if (!f.has("name")) {
            f.put("name", Json.text(f, "original_name"));
        }
        if (f.has("storage_id")) {
            f.put("storage_method", Json.text(ctx.storage(Json.text(f, "storage_id")), "method"));
        }
        return f;
    }

    private List<ObjectNode> files(String assetId) {
        ctx.asset(assetId);
        return ctx.store.where(Store.FILES, "asset_id", assetId);
    }

    private Reply createFile(Call c) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        String assetId = Json.text(asset, "id");
        ObjectNode in = Shapes.FILE.accept(c.json(), "original_name", "file_set_id");
        ObjectNode fs = ctx.owned(Store.FILE_SETS, "File set", assetId, Json.text(in, "file_set_id"));
        in.put("asset_id", assetId);
        if (!in.has("format_id")) {
            in.put("format_id", Json.text(fs, "format_id"));
        }
        if (!in.has("storage_id") && fs.has("storage_id")) {
            in.put("storage_id", Json.text(fs, "storage_id"));
        }
        if (!in.has("version_id") && fs.has("version_id")) {
            in.put("version_id", Json.text(fs, "version_id"));
        }
        ObjectNode f = newFile(ctx, in);
        ctx.store.table(Store.FILES).put(Json.text(f, "id"), f);
        return Reply.json(201, withUpload(f, true));
    }

    /** The file as FileSchema, with a self-served upload URL when it lives on a cloud storage. */
    private ObjectNode withUpload(ObjectNode f, boolean wanted) {
        ObjectNode out = f.deepCopy();
        String method = Json.text(f, "storage_method");
        if (wanted && method != null && !"FILE".equals(method)) {
            uploads.describe(out, f);
        }
        return out;
    }

    private Reply getFile(Call c) {
        ObjectNode f = ctx.owned(Store.FILES, "File", c.param("asset_id"), c.param("file_id"));
        return Reply.json(200, withUpload(f, c.boolQuery("generate_signed_post_url", false)));
    }

    private Reply updateFile(Call c, boolean patch) {
        ObjectNode f = ctx.owned(Store.FILES, "File", c.param("asset_id"), c.param("file_id"));
        ObjectNode in = patch ? Shapes.FILE.accept(c.json())
                : Shapes.FILE.accept(c.json(), "original_name", "file_set_id");
        in.remove("asset_id");
        if (in.has("file_set_id")) {
            ctx.owned(Store.FILE_SETS, "File set", c.param("asset_id"), Json.text(in, "file_set_id"));
        }
        f.setAll(in);
        if (in.has("storage_id")) {
            f.put("storage_method", Json.text(ctx.storage(Json.text(f, "storage_id")), "method"));
        }
        Context.touch(f);
        return Reply.json(200, f);
    }

    private Reply deleteFile(Call c) {
        ObjectNode f = ctx.owned(Store.FILES, "File", c.param("asset_id"), c.param("file_id"));
        ctx.store.table(Store.FILES).remove(Json.text(f, "id"));
        return Reply.empty(204);
    }

    /** Asks iconik to read or transcode a file: answers the id of a job the fake's {@link JobRunner} runs. */
    private Reply transcode(Call c, JobRunner.Kind kind, String what) {
        ObjectNode f = ctx.owned(Store.FILES, "File", c.param("asset_id"), c.param("file_id"));
        ObjectNode in = Shapes.TRANSCODE_REQUEST.accept(c.json());
        JsonNode priority = in.get("priority");
        if (priority != null && !priority.isNull() && (priority.asInt() < 1 || priority.asInt() > 10)) {
            throw ApiError.fields(java.util.Map.of("priority", "Must be greater than or equal to 1 and less than or"
                    + " equal to 10."));
        }
        ObjectNode out = Json.object();
        out.put("job_id", ctx.jobs.queue(ctx.asset(c.param("asset_id")), kind, Json.text(f, "id"), what + " of "
                + Json.text(f, "original_name"), priority == null || priority.isNull() ? null : priority.asInt()));
        return Reply.json(200, out);
    }

    private Reply byChecksum(Call c) {
        String checksum = c.param("checksum");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode f : ctx.store.where(Store.FILES, "checksum", checksum)) {
            if (f.has("asset_id") && f.has("file_set_id")) {
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            throw ApiError.of(404, "No files with checksum " + checksum);
        }
        return Reply.json(200, Pages.cursor(c, out, 10, 1000));
    }

    /** The file as FileBaseSchema or FileElasticSchema: without the fields only FileSchema has. */
    static ObjectNode base(ObjectNode f) {
        ObjectNode out = f.deepCopy();
        for (String k : List.of("storage_method", "system_domain_id")) {
            out.remove(k);
        }
        return out;
    }

}
