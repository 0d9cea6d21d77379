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
import java.util.UUID;

/**
 * The writable fields of one iconik schema and how the fake accepts them: unknown and read-only fields are ignored,
 * {@code null} for a never-null field is ignored, a wrong type answers 400 naming the field (as iconik's validation
 * does), zone-less date-times are read as UTC and stored in iconik's style.
 *
 * <p>Written as a compact list {@code "name:kind ..."} where kind is {@code s} string, {@code u} uuid, {@code b}
 * boolean, {@code i} int32, {@code l} int64, {@code n} number, {@code d} date-time, {@code o} object, {@code a} any,
 * {@code [k]} a list of k, {@code e(A|B)} an enum; a trailing {@code ?} makes it nullable.
 */
public final class Shape {

    private record Field(String kind, boolean nullable, List<String> values) {
    }

    private final Map<String, Field> fields = new LinkedHashMap<>();

    private Shape(String spec) {
        for (String token : spec.trim().split("\\s+")) {
            int colon = token.indexOf(':');
            String name = token.substring(0, colon);
            String kind = token.substring(colon + 1);
            boolean nullable = kind.endsWith("?");
            if (nullable) {
                kind = kind.substring(0, kind.length() - 1);
            }
            List<String> values = List.of();
            if (kind.startsWith("e(")) {
                values = List.of(kind.substring(2, kind.length() - 1).split("\\|"));
                kind = "e";
            }
            fields.put(name, new Field(kind, nullable, values));
        }
    }

    /**
     * Parses a shape.
     *
     * @param spec the compact field list
     * @return the shape
     */
    public static Shape of(String spec) {
        return new Shape(spec);
    }

    /**
     * Reads the writable fields of a request body.
     *
     * @param body the request body (an object)
     * @param required fields that must be present and not null
     * @return the accepted fields, normalised
     * @throws ApiError 400 naming each bad field
     */
    public ObjectNode accept(JsonNode body, String... required) {
        if (body == null || !body.isObject()) {
            throw ApiError.of(400, "The request body must be a JSON object");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ObjectNode out = Json.object();
        for (String r : required) {
            JsonNode v = body.get(r);
            if (v == null || v.isNull()) {
                errors.put(r, "Missing data for required field.");
            }
        }
        body.properties().forEach(e -> {
            Field f = fields.get(e.getKey());
            if (f == null || errors.containsKey(e.getKey())) {
                return;
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                if (f.nullable()) {
                    out.putNull(e.getKey());
                }
                return;
            }
            try {
                out.set(e.getKey(), convert(f.kind(), f.values(), v));
            } catch (IllegalArgumentException bad) {
                errors.put(e.getKey(), bad.getMessage());
            }
        });
        if (!errors.isEmpty()) {
            throw ApiError.fields(errors);
        }
        return out;
    }

    private static JsonNode convert(String kind, List<String> values, JsonNode v) {
        if (kind.startsWith("[")) {
            if (!v.isArray()) {
                throw new IllegalArgumentException("Not a valid list.");
            }
            String inner = kind.substring(1, kind.length() - 1);
            ArrayNode out = Json.array();
            for (JsonNode item : v) {
                out.add(convert(inner, values, item));
            }
            return out;
        }
        switch (kind) {
            case "s":
                if (!v.isTextual()) {
                    throw new IllegalArgumentException("Not a valid string.");
                }
                return v;
            case "u":
                try {
                    return Json.MAPPER.getNodeFactory().textNode(UUID.fromString(v.asText()).toString());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Not a valid UUID.");
                }
            case "b":
                if (v.isBoolean()) {
                    return v;
                }
                String t = v.asText().toLowerCase(Locale.ROOT);
                if (t.equals("true") || t.equals("1")) {
                    return Json.MAPPER.getNodeFactory().booleanNode(true);
                }
                if (t.equals("false") || t.equals("0")) {
                    return Json.MAPPER.getNodeFactory().booleanNode(false);
                }
                throw new IllegalArgumentException("Not a valid boolean.");
            case "i":
            case "l":
                try {
                    long n = v.isIntegralNumber() ? v.asLong() : Long.parseLong(v.asText().trim());
                    if (kind.equals("i") && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
                        throw new NumberFormatException();
                    }
                    return Json.MAPPER.getNodeFactory().numberNode(n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Not a valid integer.");
                }
            case "n":
                if (v.isNumber()) {
                    return v;
                }
                throw new IllegalArgumentException("Not a valid number.");
            case "d":
                return Json.MAPPER.getNodeFactory().textNode(Json.parseTime(v.asText())
                        .map(Json::format)
                        .orElseThrow(() -> new IllegalArgumentException("Not a valid datetime.")));
            case "o":
                if (!v.isObject()) {
                    throw new IllegalArgumentException("Not a valid mapping type.");
                }
                return v;
            case "e":
                if (!v.isTextual() || !values.contains(v.asText())) {
                    throw new IllegalArgumentException("Must be one of: " + String.join(", ", values) + ".");
                }
                return v;
            case "a":
                return v;
            default:
                throw new IllegalStateException("unknown kind " + kind);
        }
    }

    /** @return the field names of this shape, in declaration order */
    public List<String> names() {
        return new ArrayList<>(fields.keySet());
    }
}
