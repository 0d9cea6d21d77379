// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

import static io.github.iconiksdk.testkit.internal.Context.FILES;

/** Proxies and keyframes of assets, with upload URLs the fake serves itself. */
final class RenditionApi {

    private final Context ctx;
    private final Uploads uploads;

    RenditionApi(Context ctx, Uploads uploads) {
        this.ctx = ctx;
        this.uploads = uploads;
    }

    void register(Router r) {
        String a = FILES + "/assets/{asset_id}";
        r.add("POST", a + "/proxies/", c -> createProxy(c, null));
        r.add("POST", a + "/method/{storage_method}/proxies/", c -> createProxy(c, c.param("storage_method")));
        r.add("GET", a + "/proxies/", c -> Reply.json(200, Pages.cursor(c, list(Store.PROXIES, c.param("asset_id")),
                10, 1000)));
        r.add("GET", a + "/proxies/{proxy_id}/", c -> Reply.json(200, ctx.owned(Store.PROXIES, "Proxy",
                c.param("asset_id"), c.param("proxy_id"))));
        r.add("PATCH", a + "/proxies/{proxy_id}/", this::updateProxy);
        r.add("PUT", a + "/proxies/{proxy_id}/", this::updateProxy);
        r.add("DELETE", a + "/proxies/{proxy_id}/", c -> delete(c, Store.PROXIES, "Proxy", "proxy_id"));
        r.add("POST", a + "/proxies/{proxy_id}/keyframes/", this::keyframesFromProxy);
        r.add("POST", a + "/keyframes/", c -> createKeyframe(c, null));
        r.add("POST", a + "/method/{storage_method}/keyframes/", c -> createKeyframe(c, c.param("storage_method")));
        r.add("GET", a + "/keyframes/", c -> Reply.json(200, Pages.cursor(c, list(Store.KEYFRAMES,
                c.param("asset_id")), 10, 1000)));
        r.add("PATCH", a + "/keyframes/{keyframe_id}/", this::updateKeyframe);
        r.add("PUT", a + "/keyframes/{keyframe_id}/", this::updateKeyframe);
        r.add("DELETE", a + "/keyframes/{keyframe_id}/", c -> delete(c, Store.KEYFRAMES, "Keyframe", "keyframe_id"));
    }

    private List<ObjectNode> list(String table, String assetId) {
        ctx.asset(assetId);
        return ctx.store.where(table, "asset_id", assetId);
    }

    private ObjectNode storageFor(ObjectNode in, String purpose, String method) {
        if (in.hasNonNull("storage_id")) {
            return ctx.storage(Json.text(in, "storage_id"));
        }
        ObjectNode d = ctx.defaultStorage(purpose);
        if (method != null && !method.toUpperCase(Locale.ROOT).equals(Json.text(d, "method"))) {
            for (ObjectNode s : ctx.store.table(Store.STORAGES).values()) {
                if (purpose.equals(Json.text(s, "purpose")) && method.equalsIgnoreCase(Json.text(s, "method"))) {
                    return s;
                }
            }
            throw ApiError.of(400, "No " + purpose + " storage with method " + method);
        }
        return d;
    }

    private ObjectNode start(ObjectNode asset, ObjectNode storage) {
        ObjectNode o = Json.object();
        String now = Json.now();
        o.put("id", Context.newId());
        o.put("asset_id", Json.text(asset, "id"));
        o.put("status", "OPEN");
        o.put("is_public", false);
        o.put("version_id", AssetApi.versionId(asset));
        o.put("date_created", now);
        o.put("date_modified", now);
        o.put("storage_id", Json.text(storage, "id"));
        o.put("storage_method", Json.text(storage, "method"));
        return o;
    }

    private ObjectNode withUpload(String table, ObjectNode o) {
        ObjectNode out = o.deepCopy();
        String method = Json.text(o, "storage_method");
        if (method != null && !"FILE".equals(method)) {
            out.put("upload_url", uploads.issue(table, Json.text(o, "id")));
            out.put("upload_method", method);
            out.putObject("upload_credentials");
        }
        return out;
    }

    private static ObjectNode checkResolution(ObjectNode in) {
        JsonNode res = in.get("resolution");
        if (res != null) {
            in.set("resolution", Shapes.RESOLUTION.accept(res));
        }
        return in;
    }

    private Reply createProxy(Call c, String method) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        ObjectNode in = checkResolution(Shapes.PROXY.accept(c.json()));
        in.remove("asset_id");
        ObjectNode storage = storageFor(in, "PROXIES", method);
        ObjectNode p = start(asset, storage);
        p.setAll(in);
        ctx.store.table(Store.PROXIES).put(Json.text(p, "id"), p);
        return Reply.json(201, withUpload(Store.PROXIES, p));
    }

    private Reply updateProxy(Call c) {
        ObjectNode p = ctx.owned(Store.PROXIES, "Proxy", c.param("asset_id"), c.param("proxy_id"));
        ObjectNode in = checkResolution(Shapes.PROXY.accept(c.json()));
        in.remove("asset_id");
        if (in.hasNonNull("storage_id")) {
            p.put("storage_method", Json.text(ctx.storage(Json.text(in, "storage_id")), "method"));
        }
        p.setAll(in);
        Context.touch(p);
        return Reply.json(200, p);
    }

    /** Asks iconik to make keyframes from a proxy: answers the id of a job the fake's {@link JobRunner} runs. */
    private Reply keyframesFromProxy(Call c) {
        ObjectNode p = ctx.owned(Store.PROXIES, "Proxy", c.param("asset_id"), c.param("proxy_id"));
        ObjectNode in = Shapes.TRANSCODE_REQUEST.accept(c.json());
        JsonNode priority = in.get("priority");
        ObjectNode out = Json.object();
        out.put("job_id", ctx.jobs.queue(ctx.asset(c.param("asset_id")), JobRunner.Kind.KEYFRAMES, Json.text(p, "id"),
                "Keyframes of proxy " + Json.text(p, "id"), priority == null || priority.isNull() ? null
                        : priority.asInt()));
        return Reply.json(200, out);
    }

    private static ObjectNode checkTimeCode(ObjectNode in) {
        JsonNode tc = in.get("time_code");
        if (tc != null) {
            ObjectNode checked = Shapes.TIME_CODE.accept(tc);
            if (checked.has("time_base")) {
                checked.set("time_base", Shapes.TIME_BASE.accept(checked.get("time_base")));
            }
            in.set("time_code", checked);
        }
        return checkResolution(in);
    }

    private Reply createKeyframe(Call c, String method) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        ObjectNode in = checkTimeCode(Shapes.KEYFRAME.accept(c.json(), "type"));
        in.remove("asset_id");
        in.remove("collection_id");
        ObjectNode storage = storageFor(in, "KEYFRAMES", method);
        ObjectNode k = start(asset, storage);
        k.put("is_custom_keyframe", false);
        k.setAll(in);
        ctx.store.table(Store.KEYFRAMES).put(Json.text(k, "id"), k);
        return Reply.json(201, withUpload(Store.KEYFRAMES, k));
    }

    private Reply updateKeyframe(Call c) {
        ObjectNode k = ctx.owned(Store.KEYFRAMES, "Keyframe", c.param("asset_id"), c.param("keyframe_id"));
        ObjectNode in = checkTimeCode(Shapes.KEYFRAME.accept(c.json()));
        in.remove("asset_id");
        in.remove("collection_id");
        if (in.hasNonNull("storage_id")) {
            k.put("storage_method", Json.text(ctx.storage(Json.text(in, "storage_id")), "method"));
        }
        k.setAll(in);
        Context.touch(k);
        return Reply.json(200, k);
    }

    private Reply delete(Call c, String table, String what, String param) {
        ObjectNode o = ctx.owned(table, what, c.param("asset_id"), c.param(param));
        ctx.store.table(table).remove(Json.text(o, "id"));
        return Reply.empty(204);
    }
}
