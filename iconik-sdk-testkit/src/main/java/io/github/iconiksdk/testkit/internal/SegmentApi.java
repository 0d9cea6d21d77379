// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;

/**
 * Segments of assets (markers, comments, scenes, ...), one by one and in bulk. {@code GET segments/{x}/} reads a
 * segment when x is an id and lists the segments of that type otherwise, as iconik's two routes of that shape do.
 */
final class SegmentApi {

    private static final String SEGMENTS = ASSETS + "/assets/{asset_id}/segments";

    private final Context ctx;

    SegmentApi(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("GET", SEGMENTS + "/", c -> list(c, null));
        r.add("POST", SEGMENTS + "/", c -> Reply.json(201, create(c, c.json())));
        r.add("GET", SEGMENTS + "/{segment_id}/", c -> FileApi.isUuid(c.param("segment_id"))
                ? Reply.json(200, segment(c.param("asset_id"), c.param("segment_id")))
                : list(c, c.param("segment_id")));
        r.add("PATCH", SEGMENTS + "/{segment_id}/", c -> Reply.json(200, update(c, c.param("segment_id"),
                c.json(), true)));
        r.add("PUT", SEGMENTS + "/{segment_id}/", c -> Reply.json(200, update(c, c.param("segment_id"),
                c.json(), false)));
        r.add("DELETE", SEGMENTS + "/{segment_id}/", c -> {
            ctx.store.table(Store.SEGMENTS).remove(Json.text(segment(c.param("asset_id"), c.param("segment_id")),
                    "id"));
            return Reply.empty(204);
        });
        r.add("POST", SEGMENTS + "/bulk/", this::createBulk);
        r.add("PUT", SEGMENTS + "/bulk/", this::updateBulk);
        r.add("DELETE", SEGMENTS + "/bulk/", this::deleteBulk);
    }

    private ObjectNode segment(String assetId, String id) {
        return ctx.owned(Store.SEGMENTS, "Segment", assetId, id);
    }

    private Reply list(Call c, String type) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        String wantedType = type != null ? type : c.query("segment_type");
        String version = c.query("version_id");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode s : ctx.store.where(Store.SEGMENTS, "asset_id", Json.text(asset, "id"))) {
            if ((wantedType == null || List.of(wantedType.split(",")).contains(Json.text(s, "segment_type")))
                    && (version == null || version.equals(Json.text(s, "version_id")))) {
                out.add(s);
            }
        }
        return Reply.json(200, Pages.page(c, out, 10, 500));
    }

    private ObjectNode create(Call c, JsonNode body) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        ObjectNode in = Shapes.SEGMENT.accept(body, "segment_type");
        checkTimes(in);
        ObjectNode s = Json.object();
        String now = Json.now();
        String id = Context.newId();
        s.put("id", id);
        s.put("asset_id", Json.text(asset, "id"));
        s.put("version_id", AssetApi.versionId(asset));
        s.put("user_id", c.userId());
        s.put("status", "ACTIVE");
        s.put("top_level", true);
        s.put("path", id);
        s.put("has_drawing", false);
        s.put("date_created", now);
        s.put("date_modified", now);
        s.setAll(in);
        if (s.hasNonNull("parent_id")) {
            ObjectNode parent = segment(Json.text(asset, "id"), Json.text(s, "parent_id"));
            s.put("top_level", false);
            s.put("path", Json.text(parent, "path") + "." + id);
        }
        s.put("has_drawing", s.hasNonNull("drawing"));
        ctx.store.table(Store.SEGMENTS).put(id, s);
        return s;
    }

    private static void checkTimes(ObjectNode in) {
        JsonNode start = in.get("time_start_milliseconds");
        JsonNode end = in.get("time_end_milliseconds");
        if (start != null && end != null && !start.isNull() && !end.isNull() && end.asLong() < start.asLong()) {
            throw ApiError.fields(Map.of("time_end_milliseconds", "Must not be before time_start_milliseconds."));
        }
    }

    private ObjectNode update(Call c, String id, JsonNode body, boolean patch) {
        ObjectNode s = segment(c.param("asset_id"), id);
        ObjectNode in = patch ? Shapes.SEGMENT.accept(body) : Shapes.SEGMENT.accept(body, "segment_type");
        in.remove("parent_id");
        in.remove("path");
        in.remove("top_level");
        checkTimes(in);
        s.setAll(in);
        s.put("has_drawing", s.hasNonNull("drawing"));
        Context.touch(s);
        return s;
    }

    private static JsonNode objects(Call c) {
        JsonNode objects = c.json().get("objects");
        if (objects == null || !objects.isArray()) {
            throw ApiError.fields(Map.of("objects", "Missing data for required field."));
        }
        return objects;
    }

    private Reply createBulk(Call c) {
        ObjectNode out = Json.object();
        ArrayNode made = out.putArray("objects");
        for (JsonNode o : objects(c)) {
            made.add(create(c, o));
        }
        return Reply.json(201, out);
    }

    private Reply updateBulk(Call c) {
        ObjectNode out = Json.object();
        ArrayNode changed = out.putArray("objects");
        for (JsonNode o : objects(c)) {
            String id = Json.text(o, "id");
            if (id == null) {
                throw ApiError.fields(Map.of("objects", "Each segment needs its id."));
            }
            changed.add(update(c, id, o, true));
        }
        return Reply.json(201, out);
    }

    private Reply deleteBulk(Call c) {
        ObjectNode asset = ctx.asset(c.param("asset_id"));
        ObjectNode in = Shapes.DELETE_SEGMENTS.accept(c.json());
        List<String> ids = Access.strings(in.get("segment_ids"));
        String type = Json.text(in, "segment_type");
        if (ids.isEmpty() && type == null) {
            throw ApiError.of(400, "Give segment_ids or segment_type");
        }
        ctx.store.table(Store.SEGMENTS).values().removeIf(s -> Json.text(asset, "id").equals(Json.text(s,
                "asset_id")) && (ids.contains(Json.text(s, "id")) || (type != null && ids.isEmpty()
                && type.equals(Json.text(s, "segment_type")))));
        return Reply.empty(204);
    }
}
