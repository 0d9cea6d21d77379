// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates the fake's answers against iconik's own OpenAPI specs (copied unchanged into the test resources from
 * {@code shared/iconik-api/}): finds the operation by service, path template and method, takes the schema the spec
 * names for the status (or the {@code default} error schema for an error status), and validates the body with
 * networknt's json-schema-validator in its OpenAPI 3.0 dialect ({@code $ref}s resolved inside the spec file).
 */
final class SpecValidator {

    private static final List<String> SERVICES = List.of("files", "assets", "metadata", "jobs", "search", "acls", "users");
    private static final String BASE = "https://iconik.invalid/specs/";

    /**
     * Where iconik's spec documents an answer schema that cannot be right, the schema the fake answers instead
     * (listed in docs/testkit.md): operation to the {@code components/schemas} entry of the same spec file.
     */
    static final Map<String, String> DISCREPANCIES = Map.of(
            // documented as FileSchema ("Get asset's proxy"): a keyframe is answered, as every other keyframe route
            "GET /API/files/v1/assets/{asset_id}/keyframes/{keyframe_id}/", "KeyframeSchema");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, JsonNode> specs = new HashMap<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    SpecValidator() {
        Map<String, String> texts = new HashMap<>();
        for (String service : SERVICES) {
            String resource = "/iconik-api/" + service + ".json";
            try (InputStream in = SpecValidator.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + resource);
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                texts.put(BASE + service + ".json", text);
                specs.put(service, mapper.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(texts));
    }

    /**
     * Validates one answer.
     *
     * @param method the HTTP method
     * @param route the fake's route template, {@code /API/<service>/v1/...}
     * @param status the status answered
     * @param body the body answered (may be empty)
     * @return the problems found; empty when the answer is valid
     */
    List<String> validate(String method, String route, int status, String body) {
        String[] parts = route.split("/");
        String service = parts[2];
        JsonNode spec = specs.get(service);
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            problems.add("no spec for service " + service);
            return problems;
        }
        String path = route.substring(("/API/" + service).length());
        JsonNode op = spec.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            problems.add("the spec has no operation " + method + " " + path);
            return problems;
        }
        String code = String.valueOf(status);
        JsonNode response = op.path("responses").path(code);
        String pointerStatus = code;
        if (response.isMissingNode()) {
            if (status < 400 || op.path("responses").path("default").isMissingNode()) {
                problems.add("status " + status + " is not documented for " + method + " " + path);
                return problems;
            }
            response = op.path("responses").path("default");
            pointerStatus = "default";
        }
        JsonNode schemaNode = response.path("content").path("application/json").path("schema");
        if (schemaNode.isMissingNode()) {
            if (status >= 400 && !body.isEmpty()) {
                // no body declared for this error status: iconik's error body is the default response's schema
                JsonNode def = op.path("responses").path("default").path("content").path("application/json")
                        .path("schema");
                if (!def.isMissingNode()) {
                    return check(location(service, path, method, "default"), body);
                }
            }
            return problems;
        }
        String instead = DISCREPANCIES.get(method + " " + route);
        if (instead != null && status < 300) {
            return check(BASE + service + ".json#/components/schemas/" + instead, body);
        }
        String location = schemaNode.has("$ref") ? BASE + service + ".json" + schemaNode.get("$ref").asString()
                : location(service, path, method, pointerStatus);
        return check(location, body);
    }

    private static String location(String service, String path, String method, String status) {
        return BASE + service + ".json#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/"
                + method.toLowerCase(Locale.ROOT) + "/responses/" + status + "/content/application~1json/schema";
    }

    private List<String> check(String location, String body) {
        List<String> problems = new ArrayList<>();
        if (body.isEmpty()) {
            problems.add("empty body where " + location + " is documented");
            return problems;
        }
        Schema schema = schemas.computeIfAbsent(location, l -> registry.getSchema(SchemaLocation.of(l)));
        JsonNode instance = mapper.readTree(body);
        for (Error e : schema.validate(instance)) {
            problems.add(e.toString());
        }
        return problems;
    }
}
