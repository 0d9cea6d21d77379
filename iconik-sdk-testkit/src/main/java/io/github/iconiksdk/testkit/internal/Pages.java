// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * iconik's list envelopes. Page style ({@code page}, {@code per_page}) and cursor style ({@code last_id},
 * {@code per_page}) share one envelope; links are paths with their query ({@code /API/...?page=2&per_page=10}).
 * A link with no target (a previous page on page 1, a next page on the last) is left out, never {@code null}.
 */
final class Pages {

    private Pages() {
    }

    /**
     * One page of a list, page style.
     *
     * @param call the request (its {@code page} and {@code per_page} are read)
     * @param all every object of the list, in order
     * @param defPerPage the page size when none is asked for
     * @param maxPerPage the largest page size allowed
     * @return the envelope
     */
    static ObjectNode page(Call call, List<? extends JsonNode> all, int defPerPage, int maxPerPage) {
        int perPage = call.intQuery("per_page", defPerPage, 1, maxPerPage);
        int page = call.intQuery("page", 1, 1, Integer.MAX_VALUE);
        int total = all.size();
        int pages = Math.max(1, (total + perPage - 1) / perPage);
        ObjectNode env = Json.object();
        ArrayNode objects = env.putArray("objects");
        long from = (long) (page - 1) * perPage;
        for (long i = from; i < Math.min(total, from + perPage); i++) {
            objects.add(all.get((int) i).deepCopy());
        }
        env.put("page", page);
        env.put("pages", pages);
        env.put("per_page", perPage);
        env.put("total", (long) total);
        env.put("first_url", link(call, Map.of("page", "1", "per_page", String.valueOf(perPage))));
        env.put("last_url", link(call, Map.of("page", String.valueOf(pages), "per_page", String.valueOf(perPage))));
        if (page < pages) {
            env.put("next_url", link(call, Map.of("page", String.valueOf(page + 1), "per_page",
                    String.valueOf(perPage))));
        }
        if (page > 1) {
            env.put("prev_url", link(call, Map.of("page", String.valueOf(Math.min(page - 1, pages)), "per_page",
                    String.valueOf(perPage))));
        }
        return env;
    }

    /**
     * One page of a list, cursor style: the objects after {@code last_id}.
     *
     * @param call the request (its {@code last_id} and {@code per_page} are read)
     * @param all every object of the list, in order, each with an {@code id}
     * @param defPerPage the page size when none is asked for
     * @param maxPerPage the largest page size allowed
     * @return the envelope
     */
    static ObjectNode cursor(Call call, List<? extends JsonNode> all, int defPerPage, int maxPerPage) {
        int perPage = call.intQuery("per_page", defPerPage, 1, maxPerPage);
        String lastId = call.query("last_id");
        int from = 0;
        if (lastId != null && !lastId.isEmpty()) {
            from = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (lastId.equals(Json.text(all.get(i), "id"))) {
                    from = i + 1;
                    break;
                }
            }
        }
        ObjectNode env = Json.object();
        ArrayNode objects = env.putArray("objects");
        int to = Math.min(all.size(), from + perPage);
        for (int i = from; i < to; i++) {
            objects.add(all.get(i).deepCopy());
        }
        env.put("per_page", perPage);
        env.put("total", (long) all.size());
        env.put("first_url", link(call, Map.of("per_page", String.valueOf(perPage))));
        if (to < all.size() && to > from) {
            env.put("next_url", link(call, Map.of("last_id", Json.text(all.get(to - 1), "id"),
                    "per_page", String.valueOf(perPage))));
        }
        return env;
    }

    private static String link(Call call, Map<String, String> set) {
        StringJoiner q = new StringJoiner("&");
        call.queryParams().forEach((k, values) -> {
            if (!set.containsKey(k) && !k.equals("page") && !k.equals("last_id")) {
                values.forEach(v -> q.add(enc(k) + "=" + enc(v)));
            }
        });
        set.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> q.add(enc(e.getKey()) + "=" + enc(e.getValue())));
        String path = call.path().endsWith("/") ? call.path() : call.path() + "/";
        return path + "?" + q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
