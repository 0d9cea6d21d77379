// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;

/**
 * Where a collection sits: its ancestors ({@code GET collections/{id}/ancestors/}, root first, as
 * {@code CollectionsSchema}) and its full path ({@code GET collections/{id}/full/path/}, a JSON string).
 *
 * <p>[I] The spec types the full path only as a string: the fake answers the titles from the root down to the
 * collection joined by {@code /} ({@code "Projects/2026/Dailies"}), and ignores {@code get_upload_path}.
 */
final class CollectionPathApi {

    private final Context ctx;
    private final CollectionApi collections;

    CollectionPathApi(Context ctx, CollectionApi collections) {
        this.ctx = ctx;
        this.collections = collections;
    }

    void register(Router r) {
        r.add("GET", ASSETS + "/collections/{collection_id}/ancestors/", c -> Reply.json(200, Pages.page(c,
                ancestors(c.param("collection_id")), 10, 1000)));
        r.add("GET", ASSETS + "/collections/{collection_id}/full/path/", this::fullPath);
    }

    private List<ObjectNode> ancestors(String collectionId) {
        ObjectNode col = collections.collection(collectionId);
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode id : collections.view(col).path("parents")) {
            ctx.store.get(Store.COLLECTIONS, id.asText()).ifPresent(p -> out.add(collections.view(p)));
        }
        return out;
    }

    private Reply fullPath(Call c) {
        ObjectNode col = collections.collection(c.param("collection_id"));
        StringBuilder path = new StringBuilder();
        for (ObjectNode p : ancestors(Json.text(col, "id"))) {
            path.append(Json.text(p, "title")).append('/');
        }
        path.append(Json.text(col, "title"));
        return Reply.json(200, TextNode.valueOf(path.toString()));
    }
}
