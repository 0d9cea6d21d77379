// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ISG's {@code config.ini}: {@code key=value} lines (spaces around {@code =} allowed), {@code #} and
 * {@code ;} comment lines, blank lines, and an optional {@code [main]} section. Keys before any section header count
 * as {@code [main]}; keys of other sections are not settings of the gateway and are reported, not read. A UTF-8 BOM
 * and Windows line endings are accepted. {@code [watch-folder:NAME]} sections are kept, each with its own keys, for
 * the watch-folder transcoder rules, and so are {@code [storage:ID]} sections: the storages one process serves, each
 * with the keys it sets differently from {@code [main]}. No INI library is used: the format is this small, and the maintained Java
 * INI libraries bring more than they give here.
 */
final class IniFile {

    /** One setting with where it was read. */
    record Entry(String key, String value, int line) {
    }

    /** The prefix of the sections that are read besides {@code [main]}. */
    static final String WATCH_FOLDER = "watch-folder:";
    /** The prefix of the sections that name a storage served and its own settings. */
    static final String STORAGE = "storage:";

    private final Path file;
    private final Map<String, Entry> entries;
    private final Map<String, Map<String, Entry>> sections;
    private final Map<String, Map<String, Entry>> storages;
    private final List<String> notes;

    private IniFile(Path file, Map<String, Entry> entries, Map<String, Map<String, Entry>> sections,
                    Map<String, Map<String, Entry>> storages, List<String> notes) {
        this.file = file;
        this.entries = entries;
        this.sections = sections;
        this.storages = storages;
        this.notes = notes;
    }

    /**
     * Parses a file.
     *
     * @throws ConfigurationException if the file cannot be read or a line is neither a setting, a comment nor a
     *                                section header (the message names the file and line)
     */
    static IniFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("config", "cannot read config file " + file + ": " + e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        Map<String, Map<String, Entry>> storages = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Map<String, Entry> into = null; // the kept section being read, null for [main] or an ignored one
        String section = "main";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            line = line.strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                into = null;
                if (section.startsWith(WATCH_FOLDER)) {
                    if (sections.containsKey(section)) {
                        throw new ConfigurationException(section, file + ":" + number + ": section [" + section
                                + "] appears twice; each watch-folder rule needs its own name");
                    }
                    into = new LinkedHashMap<>();
                    sections.put(section, into);
                } else if (section.startsWith(STORAGE)) {
                    String id = section.substring(STORAGE.length()).strip();
                    if (id.isEmpty()) {
                        throw new ConfigurationException(section, file + ":" + number + ": section [" + section
                                + "] names no storage id");
                    }
                    if (storages.containsKey(id)) {
                        throw new ConfigurationException(section, file + ":" + number + ": section [" + section
                                + "] appears twice; one section per storage");
                    }
                    into = new LinkedHashMap<>();
                    storages.put(id, into);
                } else if (!section.equalsIgnoreCase("main")) {
                    notes.add(file + ":" + number + ": section [" + section + "] is not read (settings belong in"
                            + " [main] or before any section)");
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException("config", file + ":" + number
                        + ": expected key=value, a comment (# or ;) or a [section], got '" + redactLine(line) + "'");
            }
            if (into != null) {
                String key = line.substring(0, eq).strip();
                into.put(key, new Entry(key, line.substring(eq + 1).strip(), number));
            } else if (section.equalsIgnoreCase("main")) {
                String key = line.substring(0, eq).strip();
                String previous = entries.containsKey(key) ? " (overrides line " + entries.get(key).line() + ")" : "";
                if (!previous.isEmpty()) {
                    notes.add(file + ":" + number + ": " + key + " is set twice; the last value wins" + previous);
                }
                entries.put(key, new Entry(key, line.substring(eq + 1).strip(), number));
            }
        }
        return new IniFile(file, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(sections),
                Collections.unmodifiableMap(storages), List.copyOf(notes));
    }

    private static String redactLine(String line) {
        return line.toLowerCase(java.util.Locale.ROOT).contains("token") ? "<redacted>" : line;
    }

    Path file() {
        return file;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    /** The {@code [watch-folder:NAME]} sections in file order, by header, each with its entries. */
    Map<String, Map<String, Entry>> sections() {
        return sections;
    }

    /** The {@code [storage:ID]} sections in file order, by storage id, each with its entries. */
    Map<String, Map<String, Entry>> storages() {
        return storages;
    }

    /** Things worth a warning that did not stop parsing (ignored sections, repeated keys). */
    List<String> notes() {
        return notes;
    }
}
