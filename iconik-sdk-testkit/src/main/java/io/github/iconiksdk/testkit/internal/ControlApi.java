// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iconiksdk.testkit.Faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The fake's own control surface under {@code /__fake/} (not iconik's API: no iconik headers, never faulted, never
 * journalled or counted), so that tests in any language can count requests, read what was uploaded and make iconik
 * misbehave while a client runs. Upload URLs live beside it under {@code /__fake/upload/}.
 */
final class ControlApi {

    static final String PREFIX = "/__fake";
    private static final Set<String> FAULT_KEYS = Set.of("5xx", "429", "reset", "latency_ms", "method", "path");

    private final Store store;
    private final FaultPlan faults;
    private final RequestCounts counts;
    private final Runnable clearRequests;

    ControlApi(Store store, FaultPlan faults, RequestCounts counts, Runnable clearRequests) {
        this.store = store;
        this.faults = faults;
        this.counts = counts;
        this.clearRequests = clearRequests;
    }

    /**
     * @param path a request path
     * @return whether it belongs to the control surface (upload URLs do not)
     */
    static boolean isControl(String path) {
        return (path.equals(PREFIX) || path.startsWith(PREFIX + "/")) && !path.startsWith(Uploads.PREFIX + "/");
    }

    void register(Router r) {
        r.add("GET", PREFIX + "/requests/count/", this::count);
        r.add("DELETE", PREFIX + "/requests/", c -> {
            clearRequests.run();
            return Reply.empty(204);
        });
        r.add("GET", PREFIX + "/uploaded/", c -> Reply.json(200, uploaded()));
        r.add("PUT", PREFIX + "/faults/", this::putFaults);
        r.add("DELETE", PREFIX + "/faults/", c -> {
            faults.clear();
            return Reply.empty(204);
        });
    }

    private Reply count(Call c) {
        for (String name : c.queryParams().keySet()) {
            if (!List.of("method", "path", "status").contains(name)) {
                throw ApiError.fields(Map.of(name, "Unknown filter; use method, path or status."));
            }
        }
        Pattern path = null;
        if (c.query("path") != null) {
            try {
                path = Pattern.compile(c.query("path"));
            } catch (PatternSyntaxException e) {
                throw ApiError.fields(Map.of("path", "Not a valid regular expression: " + e.getDescription()));
            }
        }
        Integer status = c.query("status") == null ? null : c.intQuery("status", 0, 0, 599);
        ObjectNode out = Json.object();
        out.put("count", counts.count(c.query("method"), path, status));
        return Reply.json(200, out);
    }

    /** Every completed upload, as {@code {"objects": [{"object_id", "storage_id", "size", "md5"}]}}. */
    private ObjectNode uploaded() {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("objects");
        synchronized (store) {
            for (Store.UploadedObject u : store.uploadedObjects()) {
                ObjectNode o = list.addObject();
                o.put("object_id", u.objectId());
                String storageId = store.storageOf(u.objectId());
                if (storageId == null) {
                    o.putNull("storage_id");
                } else {
                    o.put("storage_id", storageId);
                }
                o.put("size", u.size());
                o.put("md5", u.md5Hex());
            }
        }
        return out;
    }

    private Reply putFaults(Call c) {
        JsonNode in = c.json();
        if (!in.isObject()) {
            throw ApiError.of(400, "Send a JSON object such as {\"5xx\": 1}");
        }
        in.fieldNames().forEachRemaining(k -> {
            if (!FAULT_KEYS.contains(k)) {
                throw ApiError.fields(Map.of(k, "Unknown key; use 5xx, 429, reset, latency_ms, method, path."));
            }
        });
        Faults f;
        try {
            f = new Faults(rate(in, "5xx"), rate(in, "429"), rate(in, "reset"),
                    Duration.ofMillis(latency(in)));
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, e.getMessage());
        }
        String method = text(in, "method");
        String path = text(in, "path");
        Pattern regex = null;
        if (path != null) {
            try {
                regex = Pattern.compile(path);
            } catch (PatternSyntaxException e) {
                throw ApiError.fields(Map.of("path", "Not a valid regular expression: " + e.getDescription()));
            }
        }
        faults.clear();
        if (method == null && regex == null) {
            faults.global(f);
        } else {
            faults.rule(method == null ? "*" : method, regex == null ? ".*" : regex.pattern(), f);
        }
        ObjectNode out = Json.object();
        out.put("5xx", f.serverErrorRate());
        out.put("429", f.rateLimitRate());
        out.put("reset", f.resetRate());
        out.put("latency_ms", f.latency().toMillis());
        out.put("method", method == null ? "*" : method);
        out.put("path", regex == null ? ".*" : regex.pattern());
        return Reply.json(200, out);
    }

    private static double rate(JsonNode in, String key) {
        JsonNode v = in.get(key);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber()) {
            throw ApiError.fields(Map.of(key, "Not a number between 0 and 1."));
        }
        double p = v.asDouble();
        if (!(p >= 0 && p <= 1)) {
            throw ApiError.fields(Map.of(key, "Must be between 0 and 1, not " + v + "."));
        }
        return p;
    }

    private static long latency(JsonNode in) {
        JsonNode v = in.get("latency_ms");
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > 600_000) {
            throw ApiError.fields(Map.of("latency_ms", "Must be an integer from 0 to 600000."));
        }
        return v.asLong();
    }

    private static String text(JsonNode in, String key) {
        JsonNode v = in.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw ApiError.fields(Map.of(key, "Must be a non-empty string."));
        }
        return v.asText();
    }
}
