// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the iconik settings of an OffShoot Pro preset (JSON) as sidecar writer settings:
 * {@code iconikSidecarElements} (array of {@code "{Name}"}), {@code iconikSidecarExtensions} (array such as
 * {@code [".R3D", ".MOV"]}) and {@code iconikSidecarDestinations} (array of volume names or path globs). The legacy
 * Hedge keys {@code iconikSidecarParameterNames} (elements) and {@code createIconikSidecars} (on/off) are read too.
 * Other keys of the preset are ignored.
 *
 * @param createSidecars whether the preset turns sidecar writing on ({@code createIconikSidecars}; true when absent)
 * @param elements       the element names, without braces
 * @param extensions     the extensions, with their dots
 * @param destinations   the destinations
 */
public record OffShootPreset(boolean createSidecars, List<String> elements, List<String> extensions,
                             List<String> destinations) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Validates and copies.
     *
     * @param createSidecars whether the preset turns sidecar writing on ({@code createIconikSidecars}; true when
     *                       absent)
     * @param elements the element names, without braces
     * @param extensions the extensions, with their dots
     * @param destinations the destinations
     * @throws NullPointerException if a list is null
     */
    public OffShootPreset {
        elements = List.copyOf(elements);
        extensions = List.copyOf(extensions);
        destinations = List.copyOf(destinations);
    }

    /**
     * Parses a preset.
     *
     * @param json the preset's JSON text
     * @return the iconik settings in it
     * @throws IllegalArgumentException if the JSON is malformed (line and column given), a key has the wrong type,
     *                                  or an element name holds a space
     */
    public static OffShootPreset parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("OffShoot preset: malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("OffShoot preset: the root must be a JSON object");
        }
        boolean create = true;
        JsonNode flag = root.get("createIconikSidecars");
        if (flag != null && !flag.isNull()) {
            if (!flag.isBoolean()) {
                throw new IllegalArgumentException("OffShoot preset: createIconikSidecars must be true or false");
            }
            create = flag.booleanValue();
        }
        List<String> elements = strings(root, "iconikSidecarElements");
        if (elements.isEmpty()) {
            elements = strings(root, "iconikSidecarParameterNames");
        }
        List<String> checked = new ArrayList<>();
        for (String element : elements) {
            try {
                checked.add(SidecarWriterConfig.checkElement(element.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("OffShoot preset: iconikSidecarElements: " + e.getMessage(), e);
            }
        }
        return new OffShootPreset(create, checked, strings(root, "iconikSidecarExtensions"),
                strings(root, "iconikSidecarDestinations"));
    }

    /**
     * Reads a preset file (UTF-8).
     *
     * @param file the preset
     * @return the iconik settings in it
     * @throws UncheckedIOException     if the file cannot be read
     * @throws IllegalArgumentException as {@link #parse} does, the message naming the file
     */
    public static OffShootPreset read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OffShoot preset " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode root, String key) {
        JsonNode node = root.get(key);
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("OffShoot preset: " + key + " must be an array of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException("OffShoot preset: " + key + " must hold strings only, found "
                        + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            out.add(item.textValue());
        }
        return out;
    }

    /**
     * Writer settings from this preset; set the format, naming or volume on the builder if needed.
     *
     * @return a builder holding the elements, extensions and destinations
     * @throws IllegalArgumentException if an extension has no leading dot
     */
    public SidecarWriterConfig.Builder toConfig() {
        return SidecarWriterConfig.builder().elements(elements).extensions(extensions).destinations(destinations);
    }
}
