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
 * What one version of an asset holds, read per version as clients do ({@code …/versions/{version_id}/formats/},
 * {@code file_sets/}, {@code files/}, {@code proxies/}, {@code keyframes/}, cursor-paged like the asset-wide lists),
 * and a version made from another asset ({@code POST …/versions/from/assets/{source_asset_id}/}).
 *
 * <p>[I] iconik's spec says only "Create a new version of an asset from another asset" (202, no body). The fake
 * does what iconik's web app shows for it: the target asset gets a new current version holding the source asset's
 * formats, file sets, files, proxies and keyframes (those of the source's current version), and the source asset
 * is deleted (it goes to the delete queue).
 */
final class VersionContentsApi {

    private static final Shape FROM_ASSET = Shape.of("copy_previous_version_persons:b"
            + " copy_previous_version_segments:b include_segment_types:[s] source_metadata_asset_id:u?");

    private static final List<String> MOVED = List.of(Store.FORMATS, Store.FILE_SETS, Store.FILES, Store.PROXIES,
            Store.KEYFRAMES);

    private final Context ctx;
    private final AssetApi assets;

    VersionContentsApi(Context ctx, AssetApi assets) {
        this.ctx = ctx;
        this.assets = assets;
    }

    void register(Router r) {
        String v = FILES + "/assets/{asset_id}/versions/{version_id}";
        r.add("GET", v + "/formats/", c -> list(c, Store.FORMATS));
        r.add("GET", v + "/file_sets/", c -> list(c, Store.FILE_SETS));
        r.add("GET", v + "/files/", c -> list(c, Store.FILES));
        r.add("GET", v + "/proxies/", c -> list(c, Store.PROXIES));
        r.add("GET", v + "/keyframes/", c -> list(c, Store.KEYFRAMES));
        r.add("POST", ASSETS + "/assets/{asset_id}/versions/from/assets/{source_asset_id}/", this::fromAsset);
    }

    /** @return the id of the asset's version, or a 404 naming it */
    private static String version(ObjectNode asset, String versionId) {
        for (JsonNode v : asset.path("versions")) {
            if (versionId.equals(Json.text(v, "id"))) {
                return versionId;
            }
        }
        throw ApiError.notFound("Asset version", versionId);
    }

    private Reply list(Call c, String table) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        String versionId = version(asset, c.param("version_id"));
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : ctx.store.where(table, "asset_id", Json.text(asset, "id"))) {
            if (versionId.equals(Json.text(o, "version_id")) && !"DELETED".equals(Json.text(o, "status"))) {
                if (Store.FILE_SETS.equals(table)) {
                    ObjectNode counted = o.deepCopy();
                    counted.put("file_count", ctx.store.where(Store.FILES, "file_set_id", Json.text(o, "id")).size());
                    out.add(counted);
                } else {
                    out.add(o);
                }
            }
        }
        return Reply.json(200, Pages.cursor(c, out, 10, 1000));
    }

    private Reply fromAsset(Call c) {
        FROM_ASSET.accept(c.json());
        ObjectNode target = ctx.asset(c.param("asset_id"));
        ObjectNode source = ctx.asset(c.param("source_asset_id"));
        String sourceId = Json.text(source, "id");
        if (sourceId.equals(Json.text(target, "id"))) {
            throw ApiError.fields(Map.of("source_asset_id", "An asset cannot become a version of itself."));
        }
        for (ObjectNode job : ctx.store.where(Store.JOBS, "object_id", sourceId)) {
            String status = Json.text(job, "status");
            if ("TRANSCODE".equals(Json.text(job, "type")) && ("READY".equals(status) || "STARTED".equals(status))) {
                throw ApiError.of(409, "The asset " + sourceId + " is being transcoded and cannot be set as a new"
                        + " version");
            }
        }
        String sourceVersion = AssetApi.versionId(source);
        String now = Json.now();
        String newVersion = Json.text(assets.newVersion(target, now), "id");
        for (String table : MOVED) {
            for (ObjectNode o : ctx.store.where(table, "asset_id", sourceId)) {
                if (sourceVersion == null || sourceVersion.equals(Json.text(o, "version_id"))) {
                    o.put("asset_id", Json.text(target, "id"));
                    o.put("version_id", newVersion);
                }
            }
        }
        Context.touch(target);
        source.put("status", "DELETED");
        source.put("date_deleted", now);
        source.put("deleted_by_user", c.userId() == null ? ctx.userId() : c.userId());
        return Reply.empty(202);
    }
}
