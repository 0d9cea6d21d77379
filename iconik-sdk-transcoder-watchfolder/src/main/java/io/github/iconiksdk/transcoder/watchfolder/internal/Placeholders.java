// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Fills {@code {stem}}, {@code {name}}, {@code {ext}}, {@code {source}}, {@code {input}} and {@code {output}} in
 * a rule's patterns and job template. Unknown placeholders stay as written.
 */
public final class Placeholders {

    private final Map<String, String> values;

    private Placeholders(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param source the source file
     * @param input  the tool's input folder
     * @param output the tool's output folder
     * @return the placeholders for that source
     */
    public static Placeholders of(Path source, Path input, Path output) {
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1) : "";
        return new Placeholders(Map.of("stem", stem, "name", name, "ext", ext,
                "source", source.toAbsolutePath().toString(), "input", input.toAbsolutePath().toString(),
                "output", output.toAbsolutePath().toString()));
    }

    /** @return the source's name without its last extension */
    public String stem() {
        return values.get("stem");
    }

    /**
     * Fills a file-name pattern.
     *
     * @param pattern the pattern
     * @return the file name
     */
    public String fileName(String pattern) {
        return fill(pattern, UnaryOperator.identity());
    }

    /**
     * Fills a job template, escaping values for the job file's format (by its name's extension).
     *
     * @param template    the template
     * @param jobFileName the job file's name
     * @return the job file's text
     */
    public String job(String template, String jobFileName) {
        String lower = jobFileName.toLowerCase(Locale.ROOT);
        UnaryOperator<String> escape = lower.endsWith(".xml") ? Placeholders::xml
                : lower.endsWith(".json") ? Placeholders::json : UnaryOperator.identity();
        return fill(template, escape);
    }

    private String fill(String text, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(text, i, text.length());
                break;
            }
            String value = values.get(text.substring(open + 1, close));
            out.append(text, i, open);
            if (value == null) {
                // not a placeholder (a JSON brace, an unknown name): keep the brace, look on after it
                out.append('{');
                i = open + 1;
            } else {
                out.append(escape.apply(value));
                i = close + 1;
            }
        }
        return out.toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
