// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.media;

import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataField;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.metadata.MetadataView;
import io.github.iconiksdk.core.sidecar.SidecarValidator;
import io.github.iconiksdk.core.sidecar.ValidationResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which embedded values ({@link EmbeddedMetadata}) go to which field of the storage's metadata view. Each view field
 * takes the values of the first of its source keys that the file has. Immutable and thread-safe.
 *
 * <p>The {@linkplain #defaults() defaults}, as the issue asks and the ISG's users expect:
 * <pre>
 * keywords     = xmp:dc:subject, iptc:keywords
 * description  = xmp:dc:description, iptc:caption, exif:image_description
 * creator      = xmp:dc:creator, iptc:by-line, exif:artist
 * copyright    = xmp:dc:rights, iptc:copyright_notice, exif:copyright
 * capture_date = exif:date_time_original, xmp:photoshop:DateCreated, xmp:xmp:CreateDate, iptc:date_created
 * gps          = gps:position
 * </pre>
 * A mapped field that the view does not have is skipped silently (the defaults name fields a view may lack).
 */
public final class EmbeddedMetadataMapping {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+:[^\\s,;=]+");

    private static final EmbeddedMetadataMapping DEFAULTS = parse(String.join("\n",
            "keywords = xmp:dc:subject, iptc:keywords",
            "description = xmp:dc:description, iptc:caption, exif:image_description",
            "creator = xmp:dc:creator, iptc:by-line, exif:artist",
            "copyright = xmp:dc:rights, iptc:copyright_notice, exif:copyright",
            "capture_date = exif:date_time_original, xmp:photoshop:DateCreated, xmp:xmp:CreateDate, "
                    + "iptc:date_created",
            "gps = gps:position"));

    private final Map<String, List<String>> fields;

    private EmbeddedMetadataMapping(Map<String, List<String>> fields) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.fields = Collections.unmodifiableMap(copy);
    }

    /** @return the default mapping (see the class comment) */
    public static EmbeddedMetadataMapping defaults() {
        return DEFAULTS;
    }

    /** @return a mapping that maps nothing (embedded metadata off) */
    public static EmbeddedMetadataMapping none() {
        return new EmbeddedMetadataMapping(Map.of());
    }

    /**
     * Parses a mapping: one {@code field = key, key, …} per line or separated by {@code ;}; blank lines and lines
     * starting with {@code #} are skipped. A field named twice keeps its last line.
     *
     * @param text the mapping
     * @return the mapping
     * @throws NullPointerException     if {@code text} is null
     * @throws IllegalArgumentException if an entry is malformed; the message quotes the entry and says what is wrong
     */
    public static EmbeddedMetadataMapping parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String raw : text.split("[\\n;]")) {
            String entry = raw.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("embedded metadata mapping entry \"" + entry
                        + "\" has no '=' (expected: field = xmp:dc:subject, iptc:keywords)");
            }
            String field = entry.substring(0, eq).strip();
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("embedded metadata mapping entry \"" + entry + "\": \"" + field
                        + "\" is not a metadata field name");
            }
            List<String> keys = new ArrayList<>();
            for (String k : entry.substring(eq + 1).split(",")) {
                String key = k.strip();
                if (!KEY.matcher(key).matches()) {
                    throw new IllegalArgumentException("embedded metadata mapping entry \"" + entry + "\": \"" + key
                            + "\" is not a source key such as xmp:dc:subject, iptc:keywords, exif:artist");
                }
                keys.add(key);
            }
            fields.put(field, keys);
        }
        return new EmbeddedMetadataMapping(fields);
    }

    /** @return source keys by view field, in priority order */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /**
     * Maps a file's embedded values into the view, below its sidecar: a field the sidecar sets keeps the sidecar's
     * values. A list goes to a multi-value field item by item; to a single-value field it is joined with
     * {@code ", "}. The embedded values are then validated against the view as sidecar values are
     * ({@link SidecarValidator}): a value that does not fit is dropped and reported, the rest applies.
     *
     * @param embedded what the file embeds
     * @param view     the storage's metadata view
     * @param sidecar  the file's (validated) sidecar values, possibly empty
     * @return the sidecar's values followed by the embedded ones that fit, and the problems of the embedded ones
     * @throws NullPointerException if an argument is null
     */
    public ValidationResult apply(EmbeddedMetadata embedded, MetadataView view, MetadataValues sidecar) {
        Objects.requireNonNull(embedded, "embedded");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(sidecar, "sidecar");
        MetadataValues.Builder mapped = MetadataValues.builder();
        boolean any = false;
        for (Map.Entry<String, List<String>> f : fields.entrySet()) {
            String name = f.getKey();
            MetadataField field = view.field(name).orElse(null);
            if (field == null || sidecar.fields().containsKey(name)) {
                continue;
            }
            for (String key : f.getValue()) {
                List<String> values = embedded.get(key);
                if (values.isEmpty()) {
                    continue;
                }
                if (field.multi()) {
                    values.forEach(v -> mapped.add(name, v));
                } else {
                    mapped.add(name, String.join(", ", values));
                }
                any = true;
                break;
            }
        }
        if (!any) {
            return new ValidationResult(sidecar, List.of());
        }
        ValidationResult checked = SidecarValidator.of(view).validate(mapped.build());
        MetadataValues.Builder merged = sidecar.toBuilder();
        for (Map.Entry<String, List<FieldValue>> e : checked.values().fields().entrySet()) {
            e.getValue().forEach(v -> merged.add(e.getKey(), v));
        }
        return new ValidationResult(merged.build(), checked.problems());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddedMetadataMapping m && m.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "EmbeddedMetadataMapping" + fields;
    }
}
