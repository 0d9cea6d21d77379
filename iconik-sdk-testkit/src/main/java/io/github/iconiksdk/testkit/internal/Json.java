// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** JSON helpers shared by the fake: one mapper, iconik's timestamp style, lenient date-time parsing. */
public final class Json {

    /** The mapper used for every body the fake reads or writes. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter ICONIK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private Json() {
    }

    /** @return a new empty object node */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** @return a new empty array node */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** @return the current time in iconik's style, {@code 2026-09-11T02:18:29.708000+00:00} */
    public static String now() {
        return format(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /**
     * Formats a time in iconik's style.
     *
     * @param time the time
     * @return the text, in UTC with microseconds and an explicit offset
     */
    public static String format(OffsetDateTime time) {
        return ICONIK_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * Parses a date-time the way iconik accepts it: with or without offset (zone-less means UTC), with or without a
     * fraction, or a plain date.
     *
     * @param text the text
     * @return the time, or empty when the text is no date-time
     */
    public static Optional<OffsetDateTime> parseTime(String text) {
        String t = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(t));
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return Optional.of(LocalDateTime.parse(t).atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // try a plain date
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads a text field.
     *
     * @param node the object
     * @param field the field name
     * @return its text, or null when absent, null or not a text
     */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
