// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.media;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metadata embedded in a media file (XMP, IPTC, EXIF, GPS), as an {@link EmbeddedMetadataReader} found it: values
 * by source key, each key with its values in the file's order (a list, such as XMP {@code dc:subject}, keeps every
 * item). Keys are {@code namespace:name}:
 * <ul>
 *   <li>XMP: {@code xmp:} + the property's qualified name, for every simple property and array the packet holds
 *   ({@code xmp:dc:subject}, {@code xmp:dc:description}, {@code xmp:dc:creator}, {@code xmp:dc:rights},
 *   {@code xmp:photoshop:DateCreated}, {@code xmp:xmp:CreateDate}, {@code xmp:Iptc4xmpCore:Location} …);</li>
 *   <li>IPTC IIM: {@code iptc:keywords}, {@code iptc:caption}, {@code iptc:headline}, {@code iptc:object_name},
 *   {@code iptc:by-line}, {@code iptc:copyright_notice}, {@code iptc:date_created} ({@code YYYY-MM-DD}, with the
 *   time created when present);</li>
 *   <li>EXIF: {@code exif:image_description}, {@code exif:artist}, {@code exif:copyright},
 *   {@code exif:date_time_original} (ISO 8601 local date-time);</li>
 *   <li>GPS: {@code gps:latitude}, {@code gps:longitude} (decimal degrees, north and east positive) and
 *   {@code gps:position} ({@code "lat, lon"}).</li>
 * </ul>
 *
 * @param values values by source key, in the order found; no key has an empty list
 */
public record EmbeddedMetadata(Map<String, List<String>> values) {

    /**
     * Validates and copies.
     *
     * @param values values by source key, in the order found; no key has an empty list
     * @throws NullPointerException     if {@code values}, a key or a value is null
     * @throws IllegalArgumentException if a key has no values
     */
    public EmbeddedMetadata {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            Objects.requireNonNull(e.getKey(), "key");
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("embedded key " + e.getKey() + " has no values");
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** @return metadata with no values (a file that embeds none) */
    public static EmbeddedMetadata empty() {
        return new EmbeddedMetadata(Map.of());
    }

    /**
     * @param key a source key such as {@code xmp:dc:subject}
     * @return its values, empty when the file has none
     */
    public List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** @return whether no value was found */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** @return a builder, for readers */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects values by key in the order added; blank values are skipped, repeats of a value are kept once. */
    public static final class Builder {
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a value.
         *
         * @param key   the source key
         * @param value the value; null or blank adds nothing
         * @return this builder
         * @throws NullPointerException if {@code key} is null
         */
        public Builder add(String key, String value) {
            Objects.requireNonNull(key, "key");
            if (value != null && !value.isBlank()) {
                List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
                String v = value.strip();
                if (!list.contains(v)) {
                    list.add(v);
                }
            }
            return this;
        }

        /** @return the metadata */
        public EmbeddedMetadata build() {
            return new EmbeddedMetadata(values);
        }
    }
}
