// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;

/**
 * Asset versions beyond creating one ({@code AssetApi}): edit, promote to latest, delete one or all but the latest,
 * and a new version from an existing one. The list is the asset's {@code versions}, oldest first; the last one is
 * the current version, to which new formats, proxies and keyframes belong.
 */
final class VersionApi {

    private static final String V = ASSETS + "/assets/{asset_id}/versions";

    private final Context ctx;
    private final AssetApi assets;

    VersionApi(Context ctx, AssetApi assets) {
        this.ctx = ctx;
        this.assets = assets;
    }

    void register(Router r) {
        r.add("PATCH", V + "/{version_id}/", this::edit);
        r.add("PUT", V + "/{version_id}/", this::edit);
        r.add("PUT", V + "/{version_id}/promote/", this::promote);
        r.add("DELETE", V + "/{version_id}/", this::delete);
        r.add("DELETE", V + "/old/", this::deleteOld);
        r.add("POST", V + "/from/versions/{source_version_id}/", this::fromVersion);
    }

    private static int index(ObjectNode asset, String versionId) {
        JsonNode versions = asset.path("versions");
        for (int i = 0; i < versions.size(); i++) {
            if (versionId.equals(Json.text(versions.get(i), "id"))) {
                return i;
            }
        }
        throw ApiError.notFound("Asset version", versionId);
    }

    private Reply edit(Call c) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        ObjectNode v = (ObjectNode) a.get("versions").get(index(a, c.param("version_id")));
        v.setAll(Shapes.EDIT_VERSION.accept(c.json()));
        Context.touch(a);
        return Reply.json(200, v);
    }

    private Reply promote(Call c) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        ArrayNode versions = (ArrayNode) a.get("versions");
        int i = index(a, c.param("version_id"));
        JsonNode v = versions.remove(i);
        versions.add(v);
        Context.touch(a);
        return Reply.empty(204);
    }

    private Reply delete(Call c) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        ArrayNode versions = (ArrayNode) a.get("versions");
        int i = index(a, c.param("version_id"));
        if (versions.size() == 1) {
            throw ApiError.of(400, "The only version of an asset cannot be deleted; delete the asset");
        }
        versions.remove(i);
        Context.touch(a);
        return Reply.empty(204);
    }

    private Reply deleteOld(Call c) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        ArrayNode versions = (ArrayNode) a.get("versions");
        while (versions.size() > 1) {
            versions.remove(0);
        }
        Context.touch(a);
        return Reply.empty(204);
    }

    private Reply fromVersion(Call c) {
        ObjectNode a = ctx.asset(c.param("asset_id"));
        String source = c.param("source_version_id");
        boolean known = false;
        for (ObjectNode other : ctx.store.table(Store.ASSETS).values()) {
            for (JsonNode v : other.path("versions")) {
                known |= source.equals(Json.text(v, "id"));
            }
        }
        if (!known) {
            throw ApiError.fields(Map.of("source_version_id", "No version " + source + "."));
        }
        assets.newVersion(a, Json.now());
        Context.touch(a);
        return Reply.empty(202);
    }
}
