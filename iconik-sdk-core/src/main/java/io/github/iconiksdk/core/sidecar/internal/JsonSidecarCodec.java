// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JSON encoding: iconik's metadata API body. Parsed with Jackson's streaming parser so that every problem,
 * syntax or shape, carries the line and column where it was found.
 */
public final class JsonSidecarCodec {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonSidecarCodec() {
    }

    /**
     * Parses a JSON sidecar.
     *
     * @param file the sidecar, for messages
     * @param text its text, already decoded
     * @return the tree
     * @throws SidecarException if the JSON is malformed or not iconik's shape
     */
    public static MetadataValues parse(Path file, String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            return new Reader(file, p).document();
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new SidecarException(file, -1, -1, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static SidecarException syntaxError(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String reason = e.getOriginalMessage();
        return new SidecarException(file, at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(),
                "malformed JSON: " + reason, e);
    }

    private static final class Reader {
        private final Path file;
        private final JsonParser p;

        Reader(Path file, JsonParser p) {
            this.file = file;
            this.p = p;
        }

        MetadataValues document() throws IOException {
            JsonToken token = p.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw shape("the root must be an object {\"metadata_values\": {...}}, found " + describe(token));
            }
            MetadataValues values = null;
            JsonLocation rootStart = p.currentTokenLocation();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if ("metadata_values".equals(key)) {
                    values = metadataValues();
                } else {
                    // iconik's own bodies carry more keys (object_id, date_created, ...): they do not matter here.
                    p.skipChildren();
                }
            }
            if (values == null) {
                throw new SidecarException(file, rootStart.getLineNr(), rootStart.getColumnNr(),
                        "wrong root: the root object has no \"metadata_values\" key", null);
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw shape("unexpected " + describe(trailing) + " after the root object");
            }
            return values;
        }

        private MetadataValues metadataValues() throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw shape("\"metadata_values\" must be an object of fields, found " + describe(p.currentToken()));
            }
            MetadataValues.Builder builder = MetadataValues.builder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = text("(name)", p.currentName());
                if (field.isEmpty()) {
                    throw shape("a field name is empty");
                }
                p.nextToken();
                field(field, builder);
            }
            return builder.build();
        }

        private void field(String field, MetadataValues.Builder builder) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw shape("field \"" + field + "\" must be an object {\"field_values\": [...]}, found "
                        + describe(p.currentToken()));
            }
            JsonLocation start = p.currentTokenLocation();
            boolean sawValues = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if ("field_values".equals(key)) {
                    sawValues = true;
                    fieldValues(field, builder);
                } else {
                    p.skipChildren(); // "mode", "date_created" and the like
                }
            }
            if (!sawValues) {
                throw new SidecarException(file, start.getLineNr(), start.getColumnNr(),
                        "field \"" + field + "\" has no \"field_values\" list", null);
            }
        }

        private void fieldValues(String field, MetadataValues.Builder builder) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw shape("\"field_values\" of field \"" + field + "\" must be a list, found "
                        + describe(p.currentToken()));
            }
            builder.field(field);
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    throw shape("each value of field \"" + field + "\" must be an object {\"value\": ...}, found "
                            + describe(token));
                }
                JsonLocation start = p.currentTokenLocation();
                String value = null;
                boolean sawValue = false;
                Double score = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("value".equals(key)) {
                        sawValue = true;
                        value = scalar(field, v);
                    } else if ("score".equals(key)) {
                        score = score(field, v);
                    } else {
                        p.skipChildren();
                    }
                }
                if (!sawValue) {
                    throw new SidecarException(file, start.getLineNr(), start.getColumnNr(),
                            "a value of field \"" + field + "\" has no \"value\" key", null);
                }
                if (value != null && !value.isEmpty()) {
                    builder.add(field, new FieldValue(value, score));
                }
            }
        }

        private String scalar(String field, JsonToken token) throws IOException {
            switch (token) {
                case VALUE_STRING:
                    return text(field, p.getText());
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return p.getText();
                case VALUE_NULL:
                    return null;
                default:
                    throw shape("a value of field \"" + field + "\" must be text, found " + describe(token));
            }
        }

        /** A JSON string may escape half a surrogate pair ("\\ud800"), which no UTF-8 file or iconik can hold. */
        private String text(String field, String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw shape("a value of field \"" + field + "\" escapes a lone UTF-16 surrogate");
                }
            }
            return text;
        }

        private Double score(String field, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                double number = p.getDoubleValue();
                if (!Double.isFinite(number)) { // 1e999
                    throw shape("the score of a value of field \"" + field + "\" is out of range: " + p.getText());
                }
                return number;
            }
            if (token == JsonToken.VALUE_STRING) {
                double number;
                try {
                    number = Double.parseDouble(p.getText().trim());
                } catch (NumberFormatException e) {
                    number = Double.NaN;
                }
                if (!Double.isFinite(number)) {
                    throw shape("the score of a value of field \"" + field + "\" is not a finite number: "
                            + p.getText());
                }
                return number;
            }
            throw shape("the score of a value of field \"" + field + "\" must be a number, found "
                    + describe(token));
        }

        private SidecarException shape(String reason) {
            JsonLocation at = p.currentTokenLocation();
            return new SidecarException(file, at.getLineNr(), at.getColumnNr(), reason, null);
        }

        private static String describe(JsonToken token) {
            if (token == null) {
                return "the end of the file";
            }
            switch (token) {
                case START_OBJECT: return "an object";
                case START_ARRAY: return "a list";
                case VALUE_STRING: return "a string";
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT: return "a number";
                case VALUE_TRUE:
                case VALUE_FALSE: return "a boolean";
                case VALUE_NULL: return "null";
                default: return token.asString() == null ? token.name() : "'" + token.asString() + "'";
            }
        }
    }

    /**
     * Encodes a tree as a JSON sidecar (two-space indent, one value per line, UTF-8 without a byte-order mark).
     *
     * @param values the tree
     * @return the text
     */
    public static String write(MetadataValues values) {
        return write(values, true) + "\n";
    }

    /**
     * Encodes a tree as iconik's metadata body.
     *
     * @param values the tree
     * @param pretty indented over several lines, or compact on one
     * @return the text, with no final line break
     */
    public static String write(MetadataValues values, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter()
                        .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));
            }
            g.writeStartObject();
            g.writeObjectFieldStart("metadata_values");
            for (Map.Entry<String, List<FieldValue>> field : values.fields().entrySet()) {
                g.writeObjectFieldStart(field.getKey());
                g.writeArrayFieldStart("field_values");
                for (FieldValue value : field.getValue()) {
                    g.writeStartObject();
                    g.writeStringField("value", value.value());
                    if (value.score() != null) {
                        g.writeNumberField("score", value.score());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
