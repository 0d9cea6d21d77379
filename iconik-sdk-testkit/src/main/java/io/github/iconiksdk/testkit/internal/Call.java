// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** One request as a route handler sees it: method, path parameters, query, body and headers. */
public final class Call {

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final UnaryOperator<String> headers;
    private Map<String, String> params = Map.of();
    private String userId;
    private JsonNode json;

    /**
     * Creates a call.
     *
     * @param method the HTTP method, upper case
     * @param url the path and query as received
     * @param body the body bytes (may be empty)
     * @param headers header lookup by name (null when absent)
     */
    public Call(String method, String url, byte[] body, UnaryOperator<String> headers) {
        this.method = method.toUpperCase(Locale.ROOT);
        int q = url.indexOf('?');
        this.path = q < 0 ? url : url.substring(0, q);
        this.query = parseQuery(q < 0 ? "" : url.substring(q + 1));
        this.body = body == null ? new byte[0] : body;
        this.headers = headers;
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /** @return the HTTP method, upper case */
    public String method() {
        return method;
    }

    /** @return the path without the query, as received */
    public String path() {
        return path;
    }

    void user(String id) {
        this.userId = id;
    }

    /** @return the id of the user whose Auth-Token sent this request, or null before authentication */
    public String userId() {
        return userId;
    }

    void params(Map<String, String> params) {
        this.params = params;
    }

    /**
     * A path parameter.
     *
     * @param name its name in the route template
     * @return its value
     */
    public String param(String name) {
        return params.get(name);
    }

    /** @return the query parameters, each with all its values */
    public Map<String, List<String>> queryParams() {
        return query;
    }

    /**
     * A query parameter.
     *
     * @param name its name
     * @return its first value, or null when absent
     */
    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * An integer query parameter, checked against its range.
     *
     * @param name its name
     * @param def the default when absent
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @return the value
     * @throws ApiError 400 naming the parameter when it is no integer or out of range
     */
    public int intQuery(String name, int def, int min, int max) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw ApiError.fields(Map.of(name, "Must be greater than or equal to " + min
                        + " and less than or equal to " + max + "."));
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.fields(Map.of(name, "Not a valid integer."));
        }
    }

    /**
     * A boolean query parameter.
     *
     * @param name its name
     * @param def the default when absent
     * @return the value
     */
    public boolean boolQuery(String name, boolean def) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return def;
        }
        return v.equalsIgnoreCase("true") || v.equals("1");
    }

    /**
     * A request header.
     *
     * @param name its name (any case)
     * @return its value, or null
     */
    public String header(String name) {
        return headers.apply(name);
    }

    /** @return the raw body */
    public byte[] bytes() {
        return body.clone();
    }

    /** @return the body length in bytes */
    public int bodyLength() {
        return body.length;
    }

    /**
     * The body as JSON; an empty body reads as an empty object.
     *
     * @return the body
     * @throws ApiError 400 when the body is no valid JSON
     */
    public JsonNode json() {
        if (json == null) {
            if (body.length == 0) {
                json = Json.object();
            } else {
                try {
                    json = Json.MAPPER.readTree(body);
                } catch (IOException e) {
                    throw ApiError.of(400, "The request body is not valid JSON");
                }
            }
        }
        return json;
    }
}
