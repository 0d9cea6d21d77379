// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarFormat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Dispatch to the three encodings, with the checks every encoding shares. */
public final class SidecarCodecs {

    private SidecarCodecs() {
    }

    /**
     * Decodes and parses a sidecar's bytes.
     *
     * @param file   the sidecar, for messages
     * @param bytes  its content
     * @param format its encoding
     * @return the tree
     * @throws SidecarException if the content is refused or malformed
     */
    public static MetadataValues parse(Path file, byte[] bytes, SidecarFormat format) {
        String text = SidecarText.decode(file, bytes);
        switch (format) {
            case JSON:
                return JsonSidecarCodec.parse(file, text);
            case XML:
                return XmlSidecarCodec.parse(file, text);
            case CSV:
                return CsvSidecarCodec.parse(file, text);
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /**
     * Encodes a tree.
     *
     * @param file   the sidecar to be written, for messages
     * @param values the tree
     * @param format the encoding
     * @return the text
     * @throws SidecarException if a name or value cannot be written in that encoding
     */
    public static String encode(Path file, MetadataValues values, SidecarFormat format) {
        for (Map.Entry<String, List<FieldValue>> field : values.fields().entrySet()) {
            checkText(file, field.getKey(), "field name", field.getKey());
            if (field.getKey().isEmpty()) {
                throw new SidecarException(file, -1, -1, "a field name is empty", null);
            }
            for (FieldValue value : field.getValue()) {
                checkText(file, field.getKey(), "a value of field", value.value());
                if (value.score() != null && !Double.isFinite(value.score())) {
                    throw new SidecarException(file, -1, -1, "a value of field \"" + field.getKey()
                            + "\" has score " + value.score() + "; scores must be finite numbers", null);
                }
            }
        }
        switch (format) {
            case JSON:
                return JsonSidecarCodec.write(values);
            case XML:
                return XmlSidecarCodec.write(file, values);
            case CSV:
                return CsvSidecarCodec.write(values);
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /** Refuses text that UTF-8 cannot carry: a lone surrogate. */
    private static void checkText(Path file, String field, String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new SidecarException(file, -1, -1, what + " \"" + field + "\" holds a lone UTF-16 surrogate"
                        + " (U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                        + "), which UTF-8 cannot carry", null);
            }
        }
    }
}
