// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds and rewrites {@code path?query} strings; path segments and values are percent-encoded. */
public final class Query {

    private Query() {
    }

    /**
     * @param segment a value placed in a path (an id, a name)
     * @return the value percent-encoded for a path segment
     * @throws NullPointerException     if null
     * @throws IllegalArgumentException if blank
     */
    public static String segment(String segment) {
        Objects.requireNonNull(segment, "path segment");
        if (segment.isBlank()) {
            throw new IllegalArgumentException("an id or name in the path is blank");
        }
        return encode(segment);
    }

    /**
     * @param value a query value or path segment
     * @return it percent-encoded (space as {@code %20})
     */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sets (or replaces) query parameters; {@code null} values remove the parameter.
     *
     * @param pathAndQuery the path with an optional query
     * @param params       name to value, in order
     * @return the rewritten path and query
     */
    public static String with(String pathAndQuery, Map<String, String> params) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> out = new LinkedHashMap<>();
        List<String> keep = new ArrayList<>();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                if (!params.containsKey(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8))) {
                    keep.add(pair);
                }
            }
        }
        params.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        StringBuilder sb = new StringBuilder(path);
        String sep = "?";
        for (String pair : keep) {
            sb.append(sep).append(pair);
            sep = "&";
        }
        for (Map.Entry<String, String> e : out.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = "&";
        }
        return sb.toString();
    }

    /**
     * @param pathAndQuery the path and query
     * @param name         a parameter name
     * @return the first raw value of that parameter, or null
     */
    public static String param(String pathAndQuery, String name) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String n = eq < 0 ? pair : pair.substring(0, eq);
            if (n.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
