// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static io.github.iconiksdk.testkit.internal.Context.METADATA;

/**
 * Metadata fields and views, created through their own endpoints, and the values of assets and collections,
 * checked against the view they are written through and against each field's type, options and multiplicity.
 */
final class MetadataApi {

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final Context ctx;

    MetadataApi(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", METADATA + "/fields/", this::createField);
        r.add("GET", METADATA + "/fields/", this::listFields);
        r.add("GET", METADATA + "/fields/{field_name}/", c -> Reply.json(200, field(c.param("field_name"))));
        r.add("PATCH", METADATA + "/fields/{field_name}/", c -> updateField(c, true));
        r.add("PUT", METADATA + "/fields/{field_name}/", c -> updateField(c, false));
        r.add("DELETE", METADATA + "/fields/{field_name}/", this::deleteField);
        r.add("POST", METADATA + "/views/", this::createView);
        r.add("GET", METADATA + "/views/", this::listViews);
        r.add("GET", METADATA + "/views/{view_id}/", c -> Reply.json(200, merged(view(c.param("view_id")))));
        r.add("PATCH", METADATA + "/views/{view_id}/", c -> updateView(c, true));
        r.add("PUT", METADATA + "/views/{view_id}/", c -> updateView(c, false));
        r.add("DELETE", METADATA + "/views/{view_id}/", this::deleteView);
        r.add("GET", METADATA + "/{object_type}/{object_id}/views/{view_id}/", this::getValues);
        r.add("PUT", METADATA + "/{object_type}/{object_id}/views/{view_id}/", this::putValues);
        r.add("GET", METADATA + "/{object_type}/{object_id}/", this::getAllValues);
        r.add("PUT", METADATA + "/{object_type}/{object_id}/", this::putDirect);
        r.add("GET", METADATA + "/assets/{asset_id}/{object_type}/{object_id}/views/{view_id}/", this::getValues);
        r.add("PUT", METADATA + "/assets/{asset_id}/{object_type}/{object_id}/views/{view_id}/", this::putValues);
    }

    // ---- fields

    private ObjectNode field(String name) {
        return ctx.store.get(Store.FIELDS, name).orElseThrow(() -> ApiError.notFound("Metadata field", name));
    }

    private ObjectNode checkField(ObjectNode in) {
        JsonNode options = in.get("options");
        if (options != null) {
            ArrayNode fixed = Json.array();
            options.forEach(o -> fixed.add(Shapes.FIELD_OPTION.accept(o)));
            in.set("options", fixed);
        }
        return in;
    }

    private Reply createField(Call c) {
        ObjectNode in = checkField(Shapes.METADATA_FIELD.accept(c.json(), "name", "label", "field_type"));
        String name = Json.text(in, "name");
        if (!FIELD_NAME.matcher(name).matches()) {
            throw ApiError.fields(Map.of("name", "Only letters, digits and _ are allowed."));
        }
        if (ctx.store.get(Store.FIELDS, name).isPresent()) {
            throw ApiError.fields(Map.of("name", "A field named " + name + " already exists."));
        }
        ObjectNode f = Json.object();
        String now = Json.now();
        f.put("multi", false);
        f.setAll(in);
        f.put("date_created", now);
        f.put("date_modified", now);
        ctx.store.table(Store.FIELDS).put(name, f);
        return Reply.json(201, f);
    }

    private Reply listFields(Call c) {
        int perPage = c.intQuery("per_page", 500, 1, 1000);
        String last = c.query("last_field_name");
        String filter = c.query("filter");
        List<ObjectNode> all = new ArrayList<>(ctx.store.table(Store.FIELDS).values());
        all.sort((a, b) -> Json.text(a, "name").compareTo(Json.text(b, "name")));
        all.removeIf(f -> (last != null && Json.text(f, "name").compareTo(last) <= 0)
                || (filter != null && !Json.text(f, "name").toLowerCase(Locale.ROOT)
                        .contains(filter.toLowerCase(Locale.ROOT))));
        ObjectNode env = Json.object();
        ArrayNode objects = env.putArray("objects");
        all.stream().limit(perPage).forEach(f -> objects.add(f.deepCopy()));
        env.put("per_page", perPage);
        env.put("total", (long) ctx.store.table(Store.FIELDS).size());
        if (all.size() > perPage) {
            String lastName = Json.text(all.get(perPage - 1), "name");
            env.put("next_url", METADATA + "/fields/?per_page=" + perPage + "&last_field_name="
                    + java.net.URLEncoder.encode(lastName, java.nio.charset.StandardCharsets.UTF_8));
        }
        return Reply.json(200, env);
    }

    private Reply updateField(Call c, boolean patch) {
        ObjectNode f = field(c.param("field_name"));
        ObjectNode in = checkField(patch ? Shapes.METADATA_FIELD.accept(c.json())
                : Shapes.METADATA_FIELD.accept(c.json(), "label", "field_type"));
        in.remove("name");
        f.setAll(in);
        Context.touch(f);
        return Reply.json(200, f);
    }

    private Reply deleteField(Call c) {
        field(c.param("field_name"));
        ctx.store.table(Store.FIELDS).remove(c.param("field_name"));
        return Reply.empty(204);
    }

    // ---- views

    private ObjectNode view(String id) {
        return ctx.store.get(Store.VIEWS, id).orElseThrow(() -> ApiError.notFound("Metadata view", id));
    }

    private ArrayNode viewFields(JsonNode given) {
        ArrayNode out = Json.array();
        Map<String, String> errors = new LinkedHashMap<>();
        for (JsonNode vf : given) {
            ObjectNode f = Shapes.VIEW_FIELD.accept(vf, "name");
            String name = Json.text(f, "name");
            if (ctx.store.get(Store.FIELDS, name).isEmpty()) {
                errors.put("view_fields", "No metadata field named " + name + "; create it first.");
            }
            JsonNode options = f.get("options");
            if (options != null && options.isArray()) {
                ArrayNode fixed = Json.array();
                options.forEach(o -> fixed.add(Shapes.FIELD_OPTION.accept(o)));
                f.set("options", fixed);
            }
            out.add(f);
        }
        if (!errors.isEmpty()) {
            throw ApiError.fields(errors);
        }
        return out;
    }

    private Reply createView(Call c) {
        ObjectNode in = Shapes.VIEW.accept(c.json(), "name", "view_fields");
        ObjectNode v = Json.object();
        String now = Json.now();
        v.put("id", Context.newId());
        v.put("name", Json.text(in, "name"));
        if (in.has("description")) {
            v.set("description", in.get("description"));
        }
        v.set("view_fields", viewFields(in.get("view_fields")));
        v.put("date_created", now);
        v.put("date_modified", now);
        ctx.store.table(Store.VIEWS).put(Json.text(v, "id"), v);
        return Reply.json(201, merged(v));
    }

    /** The view as MetadataViewSchema: its fields with their full definitions, view overrides applied. */
    private ObjectNode merged(ObjectNode v) {
        return mergedView(ctx, v);
    }

    /**
     * A view as MetadataViewSchema.
     *
     * @param ctx the context
     * @param v the stored view
     * @return the view with its fields' full definitions, view overrides applied
     */
    static ObjectNode mergedView(Context ctx, ObjectNode v) {
        ObjectNode out = v.deepCopy();
        ArrayNode fields = out.putArray("view_fields");
        for (JsonNode vf : v.path("view_fields")) {
            ObjectNode def = ctx.store.get(Store.FIELDS, Json.text(vf, "name")).map(ObjectNode::deepCopy)
                    .orElse(null);
            if (def == null) {
                continue;
            }
            vf.properties().forEach(e -> {
                if (!e.getValue().isNull() && !e.getKey().equals("source_url")) {
                    def.set(e.getKey(), e.getValue());
                }
            });
            fields.add(def);
        }
        return out;
    }

    private Reply listViews(Call c) {
        ObjectNode env = Json.object();
        ArrayNode objects = env.putArray("objects");
        ctx.store.table(Store.VIEWS).values().forEach(v -> objects.add(v.deepCopy()));
        return Reply.json(200, env);
    }

    private Reply updateView(Call c, boolean patch) {
        ObjectNode v = view(c.param("view_id"));
        ObjectNode in = patch ? Shapes.VIEW.accept(c.json()) : Shapes.VIEW.accept(c.json(), "name", "view_fields");
        if (in.has("view_fields")) {
            in.set("view_fields", viewFields(in.get("view_fields")));
        }
        v.setAll(in);
        Context.touch(v);
        return Reply.json(200, merged(v));
    }

    private Reply deleteView(Call c) {
        view(c.param("view_id"));
        ctx.store.table(Store.VIEWS).remove(c.param("view_id"));
        return Reply.empty(204);
    }

    // ---- values

    private void checkObject(Call c, String type, String id) {
        String assetId = c.param("asset_id");
        if (assetId != null) {
            ctx.asset(assetId);
            if (!"segments".equals(type)) {
                throw ApiError.of(400, "Metadata of an asset's " + type + " is not supported by the fake iconik"
                        + " (segments are)");
            }
        }
        switch (type) {
            case "assets" -> ctx.asset(id);
            case "collections" -> ctx.store.get(Store.COLLECTIONS, id)
                    .filter(col -> !"DELETED".equals(Json.text(col, "status")))
                    .orElseThrow(() -> ApiError.notFound("Collection", id));
            case "segments" -> {
                ObjectNode seg = ctx.store.get(Store.SEGMENTS, id).orElseThrow(() -> ApiError.notFound("Segment", id));
                ctx.asset(Json.text(seg, "asset_id"));
                if (assetId != null && !assetId.equals(Json.text(seg, "asset_id"))) {
                    throw ApiError.notFound("Segment", id);
                }
            }
            default -> throw ApiError.of(400, "Metadata on " + type + " is not supported by the fake iconik"
                    + " (assets, collections and segments are)");
        }
    }

    private ObjectNode values(String type, String id) {
        return ctx.store.table(Store.VALUES).computeIfAbsent(type + "/" + id, k -> Json.object());
    }

    private ObjectNode answer(String type, String id, ObjectNode stored, List<String> fields) {
        ObjectNode out = Json.object();
        out.put("object_type", type);
        out.put("object_id", id);
        ObjectNode mv = out.putObject("metadata_values");
        String latest = null;
        for (String f : fields) {
            JsonNode v = stored.get(f);
            if (v != null) {
                mv.set(f, v.deepCopy());
                String d = Json.text(v, "date_created");
                latest = latest == null || (d != null && d.compareTo(latest) > 0) ? d : latest;
            }
        }
        if (latest != null) {
            out.put("date_modified", latest);
        }
        return out;
    }

    private static List<String> names(ObjectNode view) {
        List<String> out = new ArrayList<>();
        view.path("view_fields").forEach(vf -> out.add(Json.text(vf, "name")));
        return out;
    }

    private Reply getValues(Call c) {
        String type = c.param("object_type");
        String id = c.param("object_id");
        checkObject(c, type, id);
        ObjectNode view = view(c.param("view_id"));
        ObjectNode stored = ctx.store.get(Store.VALUES, type + "/" + id).orElse(Json.object());
        ObjectNode out = answer(type, id, stored, names(view));
        if (out.get("metadata_values").size() == 0) {
            throw ApiError.of(404, "No metadata values for " + type + " " + id + " in view " + c.param("view_id"));
        }
        return Reply.json(200, out);
    }

    private Reply getAllValues(Call c) {
        String type = c.param("object_type");
        String id = c.param("object_id");
        checkObject(c, type, id);
        ObjectNode stored = ctx.store.get(Store.VALUES, type + "/" + id).orElse(Json.object());
        List<String> all = new ArrayList<>();
        stored.fieldNames().forEachRemaining(all::add);
        return Reply.json(200, answer(type, id, stored, all));
    }

    private Reply putValues(Call c) {
        ObjectNode view = view(c.param("view_id"));
        return write(c, names(view), Json.text(view, "name"));
    }

    /**
     * {@code PUT {object_type}/{object_id}/}: values written without a view (iconik: admins only, "bypasses standard
     * validation checks for speed"). [I] The fake still checks each field exists and its values' types; the answer
     * holds every value the object has.
     */
    private Reply putDirect(Call c) {
        return write(c, null, null);
    }

    /** Writes values through a view (its field names), or directly (null). */
    private Reply write(Call c, List<String> viewFields, String viewName) {
        String type = c.param("object_type");
        String id = c.param("object_id");
        checkObject(c, type, id);
        ObjectNode in = Shapes.METADATA_VALUES.accept(c.json(), "metadata_values");
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, ObjectNode> accepted = new LinkedHashMap<>();
        in.get("metadata_values").properties().forEach(e -> {
            String name = e.getKey();
            if (viewFields != null && !viewFields.contains(name)) {
                errors.put(name, "Field is not in view " + viewName + ".");
                return;
            }
            try {
                ObjectNode fv = Shapes.FIELD_VALUE.accept(e.getValue());
                ObjectNode def = field(name);
                checkValues(def, fv.path("field_values"));
                accepted.put(name, fv);
            } catch (ApiError bad) {
                errors.put(name, bad.getMessage());
            } catch (IllegalArgumentException bad) {
                errors.put(name, bad.getMessage());
            }
        });
        if (!errors.isEmpty()) {
            throw ApiError.fields(errors);
        }
        ObjectNode stored = values(type, id);
        String now = Json.now();
        Map<String, ArrayNode> results = new LinkedHashMap<>();
        accepted.forEach((name, fv) -> {
            String mode = fv.has("mode") ? Json.text(fv, "mode") : "overwrite";
            ArrayNode given = fv.has("field_values") ? (ArrayNode) fv.get("field_values") : Json.array();
            ArrayNode current = stored.has(name) ? (ArrayNode) stored.get(name).get("field_values") : Json.array();
            ArrayNode result = Json.array();
            switch (mode) {
                case "append" -> {
                    result.addAll(current);
                    given.forEach(v -> {
                        if (!contains(result, v)) {
                            result.add(v);
                        }
                    });
                }
                case "delete" -> current.forEach(v -> {
                    if (!contains(given, v)) {
                        result.add(v);
                    }
                });
                default -> result.addAll(given);
            }
            if (!field(name).path("multi").asBoolean(false) && result.size() > 1) {
                errors.put(name, "Field " + name + " takes one value, not " + result.size() + ".");
            }
            results.put(name, result);
        });
        if (!errors.isEmpty()) {
            throw ApiError.fields(errors);
        }
        results.forEach((name, result) -> {
            ObjectNode value = Json.object();
            value.set("field_values", result);
            value.put("date_created", now);
            stored.set(name, value);
        });
        List<String> shown = viewFields;
        if (shown == null) {
            shown = new ArrayList<>();
            stored.fieldNames().forEachRemaining(shown::add);
        }
        return Reply.json(200, answer(type, id, stored, shown));
    }

    private static boolean contains(ArrayNode list, JsonNode v) {
        for (JsonNode x : list) {
            if (x.path("value").equals(v.path("value"))) {
                return true;
            }
        }
        return false;
    }

    private static void checkValues(ObjectNode def, JsonNode values) {
        String type = Json.text(def, "field_type");
        for (JsonNode item : values) {
            if (!item.isObject() || !item.has("value")) {
                throw new IllegalArgumentException("Each field value is an object with a value.");
            }
            JsonNode v = item.get("value");
            if (v.isNull()) {
                continue;
            }
            String text = v.asText();
            String problem = switch (type == null ? "string" : type) {
                case "integer" -> v.isIntegralNumber() || text.matches("-?\\d+") ? null : "Not a valid integer.";
                case "float" -> v.isNumber() || text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?") ? null
                        : "Not a valid number.";
                case "boolean" -> v.isBoolean() || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                        ? null : "Not a valid boolean.";
                case "date", "datetime" -> Json.parseTime(text).isPresent() ? null : "Not a valid date.";
                case "email" -> EMAIL.matcher(text).matches() ? null : "Not a valid email address.";
                case "url" -> text.matches("(?i)https?://\\S+") ? null : "Not a valid URL.";
                case "drop_down" -> inOptions(def, text) ? null : "'" + text + "' is not one of the field's options.";
                default -> null;
            };
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
    }

    private static boolean inOptions(ObjectNode def, String value) {
        for (JsonNode o : def.path("options")) {
            if (value.equals(Json.text(o, "value"))) {
                return true;
            }
        }
        return false;
    }
}
