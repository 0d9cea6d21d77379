// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.github.iconiksdk.testkit.internal.Context.SEARCH;

/**
 * iconik's search ({@code POST /API/search/v1/search/}) over assets and collections: filter terms by any field
 * ({@code external_id}, {@code title}, {@code id}, {@code status}, ...) with {@code value}, {@code value_in},
 * {@code exists} or {@code missing}, nested {@code AND}/{@code OR} filters, a free-text {@code query} on the title,
 * and {@code sort}. New assets and collections are found at once, or after the configured search delay (iconik
 * indexes with a short delay); changes to existing ones are found at once.
 */
final class SearchApi {

    private final Context ctx;
    private final AssetApi assets;
    private final CollectionApi collections;

    SearchApi(Context ctx, AssetApi assets, CollectionApi collections) {
        this.ctx = ctx;
        this.assets = assets;
        this.collections = collections;
    }

    void register(Router r) {
        r.add("POST", SEARCH + "/search/", this::search);
    }

    private Reply search(Call c) {
        return Reply.json(200, results(c.json(), c));
    }

    /**
     * Runs a search.
     *
     * @param criteria the search body (SearchCriteriaSchema)
     * @param c the request, for its paging parameters
     * @return one page of hits
     */
    ObjectNode results(JsonNode criteria, Call c) {
        ObjectNode in = Shapes.SEARCH.accept(criteria);
        List<String> types = new ArrayList<>();
        if (in.has("doc_types")) {
            in.get("doc_types").forEach(t -> types.add(t.asText()));
        } else {
            types.add("assets");
            types.add("collections");
        }
        for (String t : types) {
            if (!List.of("assets", "collections", "segments", "saved_searches", "saved_search_groups").contains(t)) {
                throw ApiError.fields(Map.of("doc_types", "Must be one of: assets, collections, segments,"
                        + " saved_searches, saved_search_groups."));
            }
        }
        JsonNode filter = in.get("filter");
        if (filter != null) {
            checkFilter(filter);
        }
        boolean statusFiltered = filter != null && mentions(filter, "status");
        String query = Json.text(in, "query");
        List<ObjectNode> hits = new ArrayList<>();
        if (types.contains("assets")) {
            for (ObjectNode a : ctx.store.table(Store.ASSETS).values()) {
                hits.add(assets.elastic(a));
            }
        }
        if (types.contains("collections")) {
            for (ObjectNode col : ctx.store.table(Store.COLLECTIONS).values()) {
                hits.add(collections.view(col));
            }
        }
        hits.removeIf(h -> !ctx.store.searchable(Json.text(h, "id"))
                || (!statusFiltered && "DELETED".equals(Json.text(h, "status")))
                || (filter != null && !matches(filter, h))
                || (query != null && !query.isBlank() && !matchesQuery(query, h)));
        JsonNode sort = in.get("sort");
        if (sort != null) {
            Comparator<ObjectNode> order = null;
            for (JsonNode s : sort) {
                String name = Json.text(s, "name");
                if (name == null) {
                    throw ApiError.fields(Map.of("sort", "Each sort needs a name."));
                }
                Comparator<ObjectNode> one = Comparator.comparing(h -> h.path(name).asText(""));
                if ("desc".equalsIgnoreCase(Json.text(s, "order"))) {
                    one = one.reversed();
                }
                order = order == null ? one : order.thenComparing(one);
            }
            if (order != null) {
                hits.sort(order);
            }
        }
        return Pages.page(c, hits, 10, 1000);
    }

    private static void checkFilter(JsonNode filter) {
        if (!filter.isObject() || Json.text(filter, "operator") == null) {
            throw ApiError.fields(Map.of("filter", "Each filter needs an operator (AND or OR)."));
        }
        String op = Json.text(filter, "operator").toUpperCase(Locale.ROOT);
        if (!op.equals("AND") && !op.equals("OR")) {
            throw ApiError.fields(Map.of("filter", "Operator must be AND or OR, not " + op + "."));
        }
        for (JsonNode t : filter.path("terms")) {
            if (Json.text(t, "name") == null) {
                throw ApiError.fields(Map.of("filter", "Each term needs a name."));
            }
        }
        for (JsonNode f : filter.path("filters")) {
            checkFilter(f);
        }
    }

    private static boolean mentions(JsonNode filter, String field) {
        for (JsonNode t : filter.path("terms")) {
            if (field.equals(Json.text(t, "name"))) {
                return true;
            }
        }
        for (JsonNode f : filter.path("filters")) {
            if (mentions(f, field)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode filter, ObjectNode doc) {
        boolean and = "AND".equalsIgnoreCase(Json.text(filter, "operator"));
        List<Boolean> results = new ArrayList<>();
        for (JsonNode t : filter.path("terms")) {
            results.add(term(t, doc));
        }
        for (JsonNode f : filter.path("filters")) {
            results.add(matches(f, doc));
        }
        if (results.isEmpty()) {
            return true;
        }
        return and ? !results.contains(false) : results.contains(true);
    }

    private static boolean term(JsonNode t, ObjectNode doc) {
        String name = Json.text(t, "name");
        JsonNode v = doc.get(name);
        boolean present = v != null && !v.isNull() && !(v.isArray() && v.size() == 0);
        if (t.path("exists").asBoolean(false) && !present) {
            return false;
        }
        if (t.path("missing").asBoolean(false) && present) {
            return false;
        }
        if (t.has("value") && !t.get("value").isNull() && !valueMatches(name, v, t.get("value").asText())) {
            return false;
        }
        if (t.has("value_in") && t.get("value_in").isArray()) {
            boolean any = false;
            for (JsonNode want : t.get("value_in")) {
                any |= valueMatches(name, v, want.asText());
            }
            return any;
        }
        return true;
    }

    private static boolean valueMatches(String name, JsonNode v, String want) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (item.asText().equals(want)) {
                    return true;
                }
            }
            return false;
        }
        return "title".equals(name) ? v.asText().equalsIgnoreCase(want) : v.asText().equals(want);
    }

    private static boolean matchesQuery(String query, ObjectNode doc) {
        String title = Json.text(doc, "title");
        return title != null && title.toLowerCase(Locale.ROOT).contains(query.trim().toLowerCase(Locale.ROOT));
    }
}
