// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps a method and path to a handler. Templates are iconik's spec paths with the service prefix
 * ({@code /API/files/v1/storages/{storage_id}/}); paths match with or without their trailing slash, and a literal
 * segment wins over a parameter where both match.
 */
public final class Router {

    /**
     * A route.
     *
     * @param method the HTTP method
     * @param template the path template
     * @param handler what answers it
     */
    public record Route(String method, String template, Function<Call, Reply> handler) {
        String[] segments() {
            return split(template);
        }
    }

    /**
     * The outcome of a lookup.
     *
     * @param route the route found, or null
     * @param params the path parameters
     * @param pathKnown whether some route has this path (for 405 rather than 404)
     */
    public record Match(Route route, Map<String, String> params, boolean pathKnown) {
    }

    private final List<Route> routes = new ArrayList<>();
    /** Each route's template split once (the fake looks up every request: splitting per lookup was its top cost). */
    private final List<String[]> templates = new ArrayList<>();

    /**
     * Adds a route.
     *
     * @param method the HTTP method
     * @param template the path template
     * @param handler what answers it
     * @return this router
     */
    public Router add(String method, String template, Function<Call, Reply> handler) {
        Route route = new Route(method, template, handler);
        routes.add(route);
        templates.add(route.segments());
        return this;
    }

    /** @return every route, in the order added */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Finds the route for a request.
     *
     * @param method the HTTP method
     * @param path the path (no query)
     * @return the match
     */
    public Match find(String method, String path) {
        String[] segs = split(path);
        Route best = null;
        String[] bestTemplate = null;
        Map<String, String> bestParams = null;
        boolean known = false;
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            String[] t = templates.get(i);
            Map<String, String> params = match(t, segs);
            if (params == null) {
                continue;
            }
            known = true;
            if (!r.method().equals(method)) {
                continue;
            }
            if (best == null || moreLiteral(t, bestTemplate)) {
                best = r;
                bestTemplate = t;
                bestParams = params;
            }
        }
        return new Match(best, bestParams == null ? Map.of() : bestParams, known);
    }

    private static boolean moreLiteral(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            boolean pa = a[i].startsWith("{");
            boolean pb = b[i].startsWith("{");
            if (pa != pb) {
                return !pa;
            }
        }
        return false;
    }

    private static Map<String, String> match(String[] template, String[] segs) {
        if (template.length != segs.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segs.length; i++) {
            String t = template[i];
            if (t.startsWith("{")) {
                if (segs[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), java.net.URLDecoder.decode(segs[i].replace("+", "%2B"),
                        java.nio.charset.StandardCharsets.UTF_8));
            } else if (!t.equals(segs[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
