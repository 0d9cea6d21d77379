// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One {@code [watch-folder:NAME]} section of {@code config.ini}: a rule of the watch-folder transcoder plugin
 * ({@code iconik-sdk-transcoder-watchfolder}), validated when the configuration is built so that a bad rule stops
 * start-up naming its key. Paths are resolved against the config file's folder. The plugin reads the rule from
 * {@link GatewayConfig#transcoderOptions()}.
 *
 * <pre>
 * [watch-folder:braw]
 * patterns = *.braw
 * input = /mnt/braw-in
 * output = /mnt/braw-out
 * output-pattern = {stem}_proxy.mp4
 * timeout-seconds = 600
 * </pre>
 *
 * @param name   the rule's name ({@code braw})
 * @param values the section's keys and values, paths absolute, in file order
 */
public record WatchFolderSection(String name, Map<String, String> values) {

    /** The keys a section may hold; see docs/plugins.md for what each does. */
    public static final Set<String> KEYS = Set.of("preset", "patterns", "input", "output", "output-pattern",
            "timeout-seconds", "hand-over", "job-template", "job-file-name", "done", "stable-seconds",
            "marker-pattern", "poll-millis", "state-dir");

    private static final Set<String> PATH_KEYS = Set.of("input", "output", "job-template", "state-dir");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * Copies the values.
     *
     * @param name   the rule's name
     * @param values the section's keys and values
     */
    public WatchFolderSection {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Validates a section as read from the file; the error names the section, the key and the line. */
    static WatchFolderSection parse(String header, Map<String, IniFile.Entry> entries, Path file) {
        String name = header.substring(IniFile.WATCH_FOLDER.length()).strip();
        String section = "[" + header + "]";
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException(header, file + ": " + section + ": the rule name '" + name
                    + "' must be letters, digits, '.', '_' or '-'");
        }
        Path base = file.toAbsolutePath().getParent();
        Map<String, String> values = new LinkedHashMap<>();
        for (IniFile.Entry e : entries.values()) {
            String where = file + ":" + e.line() + ": " + section + " ";
            if (!KEYS.contains(e.key())) {
                throw new ConfigurationException(e.key(), where + "unknown key '" + e.key() + "' (allowed: "
                        + KEYS.stream().sorted().toList() + ")");
            }
            String v = e.value();
            String bad = problem(e.key(), v);
            if (bad != null) {
                throw new ConfigurationException(e.key(), where + e.key() + " = '" + v + "' is invalid: expected "
                        + bad);
            }
            values.put(e.key(), PATH_KEYS.contains(e.key()) ? base.resolve(v).normalize().toString() : v);
        }
        boolean braw = "blackmagic-raw".equals(values.get("preset"));
        require(values, "input", section, file);
        if (!braw) {
            require(values, "patterns", section, file);
            require(values, "output", section, file);
        }
        if ("job-file".equals(values.get("hand-over"))) {
            require(values, "job-template", section, file);
            require(values, "job-file-name", section, file);
        }
        if ("marker-file".equals(values.get("done"))) {
            require(values, "marker-pattern", section, file);
        }
        if (values.containsKey("input") && values.get("input").equals(values.get("output"))) {
            throw new ConfigurationException("output", file + ": " + section + " output is the same folder as input ("
                    + values.get("input") + "); the tool would take its own proxies as new sources");
        }
        return new WatchFolderSection(name, values);
    }

    /** @return what is allowed, when the value is not */
    private static String problem(String key, String v) {
        return switch (key) {
            case "preset" -> oneOf(v, "blackmagic-raw", "vantage");
            case "hand-over" -> oneOf(v, "copy", "hard-link", "symlink", "job-file");
            case "done" -> oneOf(v, "stable-size", "marker-file");
            case "patterns" -> Arrays.stream(v.split(",")).anyMatch(p -> !p.isBlank()) ? null
                    : "one or more comma-separated file-name patterns (*.braw)";
            case "timeout-seconds" -> range(v, 1, 7 * 24 * 3600);
            case "stable-seconds" -> range(v, 1, 3600);
            case "poll-millis" -> range(v, 10, 60_000);
            case "output-pattern", "marker-pattern", "job-file-name" ->
                    v.isBlank() || v.contains("/") || v.contains("\\") || v.contains("..")
                            ? "a plain file name with {stem}, {name} or {ext} (no folders, no '..')" : null;
            default -> v.isBlank() ? "a folder or file path" : null;
        };
    }

    private static String oneOf(String v, String... allowed) {
        return List.of(allowed).contains(v) ? null : "one of " + String.join(", ", allowed);
    }

    private static String range(String v, long min, long max) {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return "a whole number from " + min + " to " + max;
    }

    private static void require(Map<String, String> values, String key, String section, Path file) {
        if (!values.containsKey(key)) {
            throw new ConfigurationException(key, file + ": " + section + " is missing the key " + key);
        }
    }
}
