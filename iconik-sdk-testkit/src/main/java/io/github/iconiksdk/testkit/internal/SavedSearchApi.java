// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.github.iconiksdk.testkit.internal.Context.SEARCH;

/** Saved searches: kept criteria that run again, on the fake's search, each time they are read. */
final class SavedSearchApi {

    private final Context ctx;
    private final SearchApi search;

    SavedSearchApi(Context ctx, SearchApi search) {
        this.ctx = ctx;
        this.search = search;
    }

    void register(Router r) {
        r.add("POST", SEARCH + "/search/saved/", this::create);
        r.add("GET", SEARCH + "/search/saved/", this::list);
        r.add("GET", SEARCH + "/search/saved/{search_id}/", this::run);
        r.add("PATCH", SEARCH + "/search/saved/{search_id}/", c -> update(c, true));
        r.add("PUT", SEARCH + "/search/saved/{search_id}/", c -> update(c, false));
        r.add("DELETE", SEARCH + "/search/saved/{search_id}/", c -> {
            ctx.store.table(Store.SAVED_SEARCHES).remove(Json.text(saved(c.param("search_id")), "id"));
            return Reply.empty(204);
        });
    }

    private ObjectNode saved(String id) {
        return ctx.store.get(Store.SAVED_SEARCHES, id).orElseThrow(() -> ApiError.notFound("Saved search", id));
    }

    private Reply create(Call c) {
        ObjectNode in = Shapes.SAVED_SEARCH.accept(c.json(), "criteria", "name");
        search.results(in.get("criteria"), c); // refuses criteria iconik's search would refuse
        ObjectNode s = Json.object();
        String now = Json.now();
        s.put("id", Context.newId());
        s.putArray("permissions");
        s.put("date_created", now);
        s.put("date_modified", now);
        s.setAll(in);
        ctx.store.table(Store.SAVED_SEARCHES).put(Json.text(s, "id"), s);
        return Reply.json(201, s);
    }

    private Reply list(Call c) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode s : ctx.store.table(Store.SAVED_SEARCHES).values()) {
            // SavedSearchElasticSchema: the index keeps the criteria as JSON text
            ObjectNode doc = s.deepCopy();
            doc.put("criteria", s.get("criteria").toString());
            out.add(doc);
        }
        return Reply.json(200, Pages.page(c, out, 10, 500));
    }

    /** SavedSearchResultsSchema: the search run now, with the saved search's id, name and criteria. */
    private Reply run(Call c) {
        ObjectNode s = saved(c.param("search_id"));
        ObjectNode out = search.results(s.get("criteria"), c);
        out.put("id", Json.text(s, "id"));
        out.put("name", Json.text(s, "name"));
        out.set("search_criteria_document", s.deepCopy());
        return Reply.json(200, out);
    }

    private Reply update(Call c, boolean patch) {
        ObjectNode s = saved(c.param("search_id"));
        ObjectNode in = patch ? Shapes.SAVED_SEARCH.accept(c.json())
                : Shapes.SAVED_SEARCH.accept(c.json(), "criteria", "name");
        ObjectNode results = search.results(in.has("criteria") ? in.get("criteria") : s.get("criteria"), c);
        s.setAll(in);
        Context.touch(s);
        return Reply.json(200, results);
    }
}
