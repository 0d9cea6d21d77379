// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.api.sidecar.SidecarNaming;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of a {@link io.github.iconiksdk.api.sidecar.SidecarWriter}, shaped like OffShoot's iconik integration:
 * the elements (iconik field names) to write, the clip extensions and the destinations that get sidecars, the
 * encoding and the naming form. Immutable; build with {@link #builder()}.
 */
public final class SidecarWriterConfig {

    private final List<String> elements;
    private final List<String> extensions;
    private final List<String> destinations;
    private final SidecarFormat format;
    private final SidecarNaming naming;
    private final String volumeName;

    private SidecarWriterConfig(Builder b) {
        this.elements = List.copyOf(b.elements);
        this.extensions = List.copyOf(b.extensions);
        this.destinations = List.copyOf(b.destinations);
        this.format = b.format;
        this.naming = b.naming;
        this.volumeName = b.volumeName;
    }

    /** @return a builder with no elements, every extension, every destination, JSON, appended names */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.elements.addAll(elements);
        b.extensions.addAll(extensions);
        b.destinations.addAll(destinations);
        b.format = format;
        b.naming = naming;
        b.volumeName = volumeName;
        return b;
    }

    /** @return the field names written, in order; never empty */
    public List<String> elements() {
        return elements;
    }

    /** @return the clip extensions that get sidecars, with their dot; empty means every file */
    public List<String> extensions() {
        return extensions;
    }

    /** @return the destinations (volume names or path globs) that get sidecars; empty means every destination */
    public List<String> destinations() {
        return destinations;
    }

    /** @return the encoding written */
    public SidecarFormat format() {
        return format;
    }

    /** @return the naming form */
    public SidecarNaming naming() {
        return naming;
    }

    /**
     * @return the destination volume name every file is taken to be on, or empty when it is found from the mount
     * point of the file system holding each file ({@link Volumes#volumeNameOf})
     */
    public Optional<String> volumeName() {
        return Optional.ofNullable(volumeName);
    }

    @Override
    public String toString() {
        return "SidecarWriterConfig{elements=" + elements + ", extensions=" + extensions + ", destinations="
                + destinations + ", format=" + format + ", naming=" + naming
                + (volumeName == null ? "" : ", volume=" + volumeName) + "}";
    }

    /**
     * Parses OffShoot's "Included Elements" text: {@code {Card}{Location}{ShootDay}}, tokens optionally separated by
     * white space.
     *
     * @param text the elements text
     * @return the element names, without braces, in order, duplicates removed
     * @throws IllegalArgumentException if the text is not a sequence of {@code {Name}} tokens, or a name is empty or
     *                                  holds a space
     */
    public static List<String> parseElements(String text) {
        Objects.requireNonNull(text, "elements");
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c != '{') {
                throw new IllegalArgumentException("elements \"" + text + "\": expected '{' at position " + (i + 1)
                        + ", found '" + c + "'; write elements as {Name}{Name}");
            }
            int close = text.indexOf('}', i + 1);
            if (close < 0) {
                throw new IllegalArgumentException("elements \"" + text + "\": the '{' at position " + (i + 1)
                        + " is never closed");
            }
            names.add(checkElement(text.substring(i + 1, close)));
            i = close + 1;
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("elements \"" + text + "\": no element given; write {Name}{Name}");
        }
        return List.copyOf(names);
    }

    /**
     * Checks one element name: it must be usable as an iconik field name.
     *
     * @param name the name, with or without its braces
     * @return the name without braces
     * @throws IllegalArgumentException if it is empty, holds white space or a brace
     */
    public static String checkElement(String name) {
        Objects.requireNonNull(name, "element");
        String bare = name.length() >= 2 && name.startsWith("{") && name.endsWith("}")
                ? name.substring(1, name.length() - 1) : name;
        if (bare.isEmpty()) {
            throw new IllegalArgumentException("element name is empty");
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("element \"" + bare + "\" contains a space; iconik cannot process"
                        + " element names with spaces: use the field's name (for example {"
                        + bare.replaceAll("\\s+", "_") + "}), not its label");
            }
            if (c == '{' || c == '}') {
                throw new IllegalArgumentException("element \"" + bare + "\" contains a brace");
            }
        }
        return bare;
    }

    /**
     * Splits a {@code ;}-separated list, trimming entries and dropping empty ones.
     *
     * @param text the list, may be null or empty
     * @return its entries
     */
    static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(";", -1)) {
            String entry = part.trim();
            if (!entry.isEmpty()) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Builds a {@link SidecarWriterConfig}; not thread-safe. */
    public static final class Builder {
        private final List<String> elements = new ArrayList<>();
        private final List<String> extensions = new ArrayList<>();
        private final List<String> destinations = new ArrayList<>();
        private SidecarFormat format = SidecarFormat.JSON;
        private SidecarNaming naming = SidecarNaming.APPENDED;
        private String volumeName;

        private Builder() {
        }

        /**
         * Sets the elements from OffShoot's text form, {@code {Card}{Location}}.
         *
         * @param text the elements text
         * @return this builder
         * @throws IllegalArgumentException as {@link #parseElements} does
         */
        public Builder elements(String text) {
            return elements(parseElements(text));
        }

        /**
         * Sets the elements from a list of names, each with or without braces ({@code "{Card}"} or {@code "Card"}).
         *
         * @param names the names
         * @return this builder
         * @throws IllegalArgumentException if a name is empty or holds a space or brace
         */
        public Builder elements(Collection<String> names) {
            Set<String> checked = new LinkedHashSet<>();
            for (String name : names) {
                checked.add(checkElement(name));
            }
            elements.clear();
            elements.addAll(checked);
            return this;
        }

        /**
         * Sets the extension filter from OffShoot's text form, {@code .R3D;.MOV}; empty means every file.
         *
         * @param text the {@code ;}-separated extensions, may be null
         * @return this builder
         * @throws IllegalArgumentException if an extension has no leading dot or holds a path separator
         */
        public Builder extensions(String text) {
            return extensions(splitList(text));
        }

        /**
         * Sets the extension filter; compared ignoring case; empty means every file.
         *
         * @param list the extensions, each with its leading dot
         * @return this builder
         * @throws IllegalArgumentException if an extension has no leading dot or holds a path separator
         */
        public Builder extensions(Collection<String> list) {
            List<String> checked = new ArrayList<>();
            for (String raw : list) {
                String ext = Objects.requireNonNull(raw, "extension").trim();
                if (ext.isEmpty()) {
                    continue;
                }
                if (!ext.startsWith(".") || ext.length() < 2) {
                    throw new IllegalArgumentException("extension \"" + ext + "\" must start with a dot and name an"
                            + " extension, for example .MOV");
                }
                if (ext.indexOf('/') >= 0 || ext.indexOf('\\') >= 0) {
                    throw new IllegalArgumentException("extension \"" + ext + "\" holds a path separator");
                }
                checked.add(ext);
            }
            extensions.clear();
            extensions.addAll(checked);
            return this;
        }

        /**
         * Sets the destination filter from OffShoot's text form, {@code RAID;Backup 2;*}{@code /proxies}: each entry
         * is a volume name, or a folder path with {@code *} wildcards when it holds a {@code /} or a {@code *};
         * empty means every destination.
         *
         * @param text the {@code ;}-separated destinations, may be null
         * @return this builder
         */
        public Builder destinations(String text) {
            return destinations(splitList(text));
        }

        /**
         * Sets the destination filter; empty means every destination.
         *
         * @param list volume names and path globs
         * @return this builder
         */
        public Builder destinations(Collection<String> list) {
            List<String> checked = new ArrayList<>();
            for (String raw : list) {
                String entry = Objects.requireNonNull(raw, "destination").trim();
                if (!entry.isEmpty()) {
                    checked.add(entry);
                }
            }
            destinations.clear();
            destinations.addAll(checked);
            return this;
        }

        /**
         * Sets the encoding (default JSON).
         *
         * @param format the encoding
         * @return this builder
         */
        public Builder format(SidecarFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets the naming form (default {@link SidecarNaming#APPENDED}).
         *
         * @param naming the form
         * @return this builder
         */
        public Builder naming(SidecarNaming naming) {
            this.naming = Objects.requireNonNull(naming, "naming");
            return this;
        }

        /**
         * Names the destination volume every file is on, instead of finding it from each file's mount point.
         *
         * @param name the volume name, or null to find it from the mount point
         * @return this builder
         */
        public Builder volumeName(String name) {
            this.volumeName = name;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalStateException if no element was given
         */
        public SidecarWriterConfig build() {
            if (elements.isEmpty()) {
                throw new IllegalStateException("no elements: a sidecar writer needs the field names to write,"
                        + " for example {Card}{Location}");
            }
            return new SidecarWriterConfig(this);
        }
    }

    /**
     * Whether a file name passes the extension filter.
     *
     * @param fileName the file's name
     * @return whether it ends with one of the extensions (ignoring case), or the filter is empty
     */
    public boolean acceptsExtension(String fileName) {
        if (extensions.isEmpty()) {
            return true;
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String ext : extensions) {
            String e = ext.toLowerCase(Locale.ROOT);
            if (lower.length() > e.length() && lower.endsWith(e)) {
                return true;
            }
        }
        return false;
    }
}
