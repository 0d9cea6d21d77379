// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link WatchFolderRule} from the keys of a configuration section, as the gateway's
 * {@code [watch-folder:NAME]} sections give them:
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
 * <p>Keys: {@code patterns} (comma-separated file-name globs), {@code input}, {@code output},
 * {@code output-pattern}, {@code timeout-seconds}; optional {@code preset} ({@code blackmagic-raw} or
 * {@code vantage}, whose values the other keys override), {@code hand-over} ({@code copy}, {@code hard-link},
 * {@code symlink}, {@code job-file}), {@code job-template} (a file holding the job's text),
 * {@code job-file-name}, {@code done} ({@code stable-size} or {@code marker-file}), {@code stable-seconds},
 * {@code marker-pattern}, {@code poll-millis}, {@code state-dir}. Relative paths are resolved against the
 * configuration file's folder.
 */
public final class WatchFolderConfig {

    /** Every key a section may hold. */
    public static final Set<String> KEYS = Set.of("preset", "patterns", "input", "output", "output-pattern",
            "timeout-seconds", "hand-over", "job-template", "job-file-name", "done", "stable-seconds",
            "marker-pattern", "poll-millis", "state-dir");

    /** The prefix of the rule options in a transcoder configuration: {@code watch-folder.NAME.KEY}. */
    public static final String OPTION_PREFIX = "watch-folder.";

    private WatchFolderConfig() {
    }

    /**
     * Builds the rules from flat transcoder options, as the gateway passes its {@code [watch-folder:NAME]} sections:
     * {@code watch-folder.NAME.KEY = value}. Options without the prefix are ignored.
     *
     * @param options the options
     * @param baseDir the folder relative paths are resolved against
     * @return the rules, in the options' order of first appearance
     * @throws IllegalArgumentException if a rule is bad; the message names the section and the key
     */
    public static List<WatchFolderRule> rules(Map<String, String> options, Path baseDir) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            if (key.startsWith(OPTION_PREFIX)) {
                String rest = key.substring(OPTION_PREFIX.length());
                int dot = rest.lastIndexOf('.');
                if (dot <= 0) {
                    throw new IllegalArgumentException("transcoder option '" + key
                            + "' must be watch-folder.NAME.KEY");
                }
                sections.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>())
                        .put(rest.substring(dot + 1), value);
            }
        });
        List<WatchFolderRule> rules = new ArrayList<>();
        sections.forEach((name, keys) -> rules.add(rule(name, keys, baseDir)));
        return rules;
    }

    /**
     * Builds the rule a section describes.
     *
     * @param name    the section's name ({@code braw} in {@code [watch-folder:braw]})
     * @param keys    the section's keys and values
     * @param baseDir the folder relative paths are resolved against
     * @return the rule
     * @throws IllegalArgumentException if a key is unknown, missing or has a bad value; the message names the
     *                                  section and the key
     */
    public static WatchFolderRule rule(String name, Map<String, String> keys, Path baseDir) {
        String section = "[watch-folder:" + name + "]";
        for (String key : keys.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(section + ": unknown key '" + key + "' (allowed: "
                        + KEYS.stream().sorted().toList() + ")");
            }
        }
        String preset = keys.get("preset");
        WatchFolderRule.Builder b;
        if (preset == null) {
            b = WatchFolderRule.builder(name);
        } else if (preset.equals("blackmagic-raw")) {
            b = WatchFolderPresets.blackmagicRawProxyGenerator(name, path(section, "input", keys, baseDir));
        } else if (preset.equals("vantage")) {
            b = WatchFolderPresets.vantage(name, path(section, "input", keys, baseDir),
                    path(section, "output", keys, baseDir));
        } else {
            throw new IllegalArgumentException(section + ": preset '" + preset
                    + "' is not one of blackmagic-raw, vantage");
        }
        if (keys.containsKey("patterns")) {
            b.patterns(Arrays.stream(keys.get("patterns").split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList());
        }
        if (preset == null || keys.containsKey("input")) {
            b.input(path(section, "input", keys, baseDir));
        }
        if (preset == null || keys.containsKey("output")) {
            b.output(path(section, "output", keys, baseDir));
        }
        if (keys.containsKey("output-pattern")) {
            b.outputPattern(keys.get("output-pattern"));
        }
        if (keys.containsKey("timeout-seconds")) {
            b.timeout(Duration.ofSeconds(positive(section, "timeout-seconds", keys.get("timeout-seconds"))));
        }
        if (keys.containsKey("hand-over")) {
            String mode = keys.get("hand-over");
            switch (mode) {
                case "copy" -> b.handOver(WatchFolderRule.HandOver.COPY);
                case "hard-link" -> b.handOver(WatchFolderRule.HandOver.HARD_LINK);
                case "symlink" -> b.handOver(WatchFolderRule.HandOver.SYMLINK);
                case "job-file" -> {
                    Path template = path(section, "job-template", keys, baseDir);
                    String fileName = keys.get("job-file-name");
                    if (fileName == null) {
                        throw new IllegalArgumentException(section + ": job-file-name is required when hand-over"
                                + " is job-file");
                    }
                    try {
                        b.jobFile(fileName, Files.readString(template, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new IllegalArgumentException(section + ": job-template " + template
                                + " cannot be read: " + e.getMessage(), e);
                    }
                }
                default -> throw new IllegalArgumentException(section + ": hand-over '" + mode
                        + "' is not one of copy, hard-link, symlink, job-file");
            }
        }
        if (keys.containsKey("done")) {
            String done = keys.get("done");
            switch (done) {
                case "stable-size" -> b.done(WatchFolderRule.DoneDetection.STABLE_SIZE);
                case "marker-file" -> {
                    String marker = keys.get("marker-pattern");
                    if (marker == null) {
                        throw new IllegalArgumentException(section + ": marker-pattern is required when done is"
                                + " marker-file");
                    }
                    b.markerFile(marker);
                }
                default -> throw new IllegalArgumentException(section + ": done '" + done
                        + "' is not one of stable-size, marker-file");
            }
        }
        if (keys.containsKey("stable-seconds")) {
            b.stableFor(Duration.ofSeconds(positive(section, "stable-seconds", keys.get("stable-seconds"))));
        }
        if (keys.containsKey("poll-millis")) {
            b.pollInterval(Duration.ofMillis(positive(section, "poll-millis", keys.get("poll-millis"))));
        }
        if (keys.containsKey("state-dir")) {
            b.stateDir(path(section, "state-dir", keys, baseDir));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(section + ": " + e.getMessage(), e);
        }
    }

    private static Path path(String section, String key, Map<String, String> keys, Path baseDir) {
        String value = keys.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(section + ": " + key + " is required");
        }
        return baseDir.resolve(value.trim()).normalize();
    }

    private static long positive(String section, String key, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the key
        }
        throw new IllegalArgumentException(section + ": " + key + " must be a positive whole number, got '" + value
                + "'");
    }
}
