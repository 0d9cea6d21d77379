// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One watch-folder rule: which sources go to the outside tool, how they are handed over, where the tool's proxy
 * appears and how long to wait for it. Immutable; build with {@link #builder(String)} or start from a preset in
 * {@link WatchFolderPresets}.
 *
 * <p>Placeholders in {@code outputPattern}, {@code markerPattern}, {@code jobFileName} and the job template:
 * {@code {stem}} (the source's name without its last extension), {@code {name}} (the source's name),
 * {@code {ext}} (its extension without the dot), and, in the job template only, {@code {source}} (the source's
 * absolute path), {@code {input}} (the staged file's or job's folder) and {@code {output}} (the output folder).
 *
 * @param name          the rule's name, for logs, errors and configuration ({@code braw} in
 *                      {@code [watch-folder:braw]})
 * @param patterns      file-name globs the rule claims ({@code *.braw}), matched case-insensitively against the
 *                      source's file name; at least one
 * @param input         the folder the tool watches
 * @param output        the folder the tool writes its proxies to
 * @param outputPattern the proxy's file name in {@code output} ({@code {stem}_proxy.mp4})
 * @param timeout       how long to wait for the proxy to be done, positive
 * @param handOver      how the source reaches the tool
 * @param jobTemplate   for {@link HandOver#JOB_FILE}, the job file's text with placeholders; otherwise
 *                      {@code null}
 * @param jobFileName   for {@link HandOver#JOB_FILE}, the job file's name ({@code {stem}.xml}); XML special
 *                      characters are escaped in placeholders when it ends in {@code .xml}, JSON ones when it ends
 *                      in {@code .json}; otherwise {@code null}
 * @param done          how a finished proxy is recognised
 * @param stableFor     for {@link DoneDetection#STABLE_SIZE}, how long the size must stay unchanged, positive
 * @param markerPattern for {@link DoneDetection#MARKER_FILE}, the marker's file name in {@code output}
 *                      ({@code {stem}.done}); otherwise {@code null}
 * @param pollInterval  how often the output folder is looked at, positive
 * @param stateDir      where in-flight jobs are journalled so that a restart can clean up after a killed process
 *                      (default {@code output/.iconik-watch-folder}); never the input folder
 */
public record WatchFolderRule(String name, List<String> patterns, Path input, Path output, String outputPattern,
                              Duration timeout, HandOver handOver, String jobTemplate, String jobFileName,
                              DoneDetection done, Duration stableFor, String markerPattern, Duration pollInterval,
                              Path stateDir) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** How the source reaches the tool's input folder. */
    public enum HandOver {
        /** A copy of the source (works across file systems; costs the bytes). */
        COPY,
        /** A hard link to the source (same file system only; no bytes copied). */
        HARD_LINK,
        /** A symbolic link to the source (the tool must follow links). */
        SYMLINK,
        /** A job file (XML or JSON) written from {@code jobTemplate}, naming the source in place. */
        JOB_FILE
    }

    /** How a finished proxy is recognised. */
    public enum DoneDetection {
        /** The proxy exists, is not empty, and its size has not changed for {@code stableFor}. */
        STABLE_SIZE,
        /** A marker file ({@code markerPattern}) appears in the output folder. */
        MARKER_FILE
    }

    /**
     * Validates the rule.
     *
     * @param name          the rule's name
     * @param patterns      file-name globs the rule claims
     * @param input         the folder the tool watches
     * @param output        the folder the tool writes to
     * @param outputPattern the proxy's file name
     * @param timeout       how long to wait for the proxy
     * @param handOver      how the source reaches the tool
     * @param jobTemplate   the job file's text, for a job-file hand-over
     * @param jobFileName   the job file's name, for a job-file hand-over
     * @param done          how a finished proxy is recognised
     * @param stableFor     how long the size must stay unchanged
     * @param markerPattern the marker's file name, for marker detection
     * @param pollInterval  how often the output folder is looked at
     * @param stateDir      where in-flight jobs are journalled, or {@code null} for the default
     * @throws NullPointerException     if a required value is null
     * @throws IllegalArgumentException if a value is unusable; the message names the rule and the setting
     */
    public WatchFolderRule {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("watch-folder rule name '" + name
                    + "' must be letters, digits, '.', '_' or '-'");
        }
        patterns = List.copyOf(Objects.requireNonNull(patterns, "patterns"));
        if (patterns.isEmpty() || patterns.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("watch-folder rule '" + name + "': patterns must list at least one "
                    + "non-empty file-name pattern");
        }
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(outputPattern, "outputPattern");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(handOver, "handOver");
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(stableFor, "stableFor");
        Objects.requireNonNull(pollInterval, "pollInterval");
        requireFileName(name, "output-pattern", outputPattern);
        requirePositive(name, "timeout", timeout);
        requirePositive(name, "stable-for", stableFor);
        requirePositive(name, "poll-interval", pollInterval);
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("watch-folder rule '" + name + "': input and output are the same "
                    + "folder " + input + "; the tool would take its own proxies as new sources");
        }
        if (handOver == HandOver.JOB_FILE) {
            if (jobTemplate == null || jobTemplate.isBlank()) {
                throw new IllegalArgumentException("watch-folder rule '" + name + "': job-template is required "
                        + "when hand-over is job-file");
            }
            requireFileName(name, "job-file-name", Objects.requireNonNull(jobFileName, "jobFileName"));
        }
        if (done == DoneDetection.MARKER_FILE) {
            requireFileName(name, "marker-pattern", Objects.requireNonNull(markerPattern, "markerPattern"));
        }
        stateDir = stateDir == null ? output.resolve(".iconik-watch-folder") : stateDir;
        Path state = stateDir.toAbsolutePath().normalize();
        if (state.equals(input.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("watch-folder rule '" + name + "': state-dir " + stateDir
                    + " must not be the input folder the tool watches");
        }
    }

    private static void requirePositive(String rule, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("watch-folder rule '" + rule + "': " + key + " must be positive, got "
                    + value);
        }
    }

    private static void requireFileName(String rule, String key, String pattern) {
        if (pattern.isBlank() || pattern.contains("/") || pattern.contains("\\") || pattern.contains("..")) {
            throw new IllegalArgumentException("watch-folder rule '" + rule + "': " + key + " '" + pattern
                    + "' must be a plain file name (no folders, no '..')");
        }
    }

    /**
     * Whether this rule claims a source, by its file name.
     *
     * @param source the source file
     * @return {@code true} if one of the patterns matches its name
     */
    public boolean claims(Path source) {
        Path fileName = source.getFileName();
        if (fileName == null) {
            return false;
        }
        String lower = fileName.toString().toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> Glob.matches(p.toLowerCase(Locale.ROOT), lower));
    }

    /**
     * Starts a rule with the defaults: copy hand-over, stable-size detection over 2 seconds, polling every
     * 500 ms, a 10-minute timeout.
     *
     * @param name the rule's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder holding this rule's values */
    public Builder toBuilder() {
        Builder b = new Builder(name).patterns(patterns).input(input).output(output).outputPattern(outputPattern)
                .timeout(timeout).done(done).stableFor(stableFor).pollInterval(pollInterval).stateDir(stateDir);
        b.handOver = handOver;
        b.jobTemplate = jobTemplate;
        b.jobFileName = jobFileName;
        b.markerPattern = markerPattern;
        return b;
    }

    /** Builds a {@link WatchFolderRule}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private List<String> patterns = List.of();
        private Path input;
        private Path output;
        private String outputPattern = "{stem}_proxy.mp4";
        private Duration timeout = Duration.ofMinutes(10);
        private HandOver handOver = HandOver.COPY;
        private String jobTemplate;
        private String jobFileName;
        private DoneDetection done = DoneDetection.STABLE_SIZE;
        private Duration stableFor = Duration.ofSeconds(2);
        private String markerPattern;
        private Duration pollInterval = Duration.ofMillis(500);
        private Path stateDir;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param globs file-name patterns the rule claims
         * @return this builder
         */
        public Builder patterns(List<String> globs) {
            this.patterns = globs;
            return this;
        }

        /**
         * @param folder the folder the tool watches
         * @return this builder
         */
        public Builder input(Path folder) {
            this.input = folder;
            return this;
        }

        /**
         * @param folder the folder the tool writes to
         * @return this builder
         */
        public Builder output(Path folder) {
            this.output = folder;
            return this;
        }

        /**
         * @param pattern the proxy's file name, with placeholders
         * @return this builder
         */
        public Builder outputPattern(String pattern) {
            this.outputPattern = pattern;
            return this;
        }

        /**
         * @param limit how long to wait for the proxy
         * @return this builder
         */
        public Builder timeout(Duration limit) {
            this.timeout = limit;
            return this;
        }

        /**
         * @param mode copy, hard link or symbolic link of the source (for a job file use {@link #jobFile})
         * @return this builder
         */
        public Builder handOver(HandOver mode) {
            this.handOver = mode;
            return this;
        }

        /**
         * Hands sources over as job files written from a template.
         *
         * @param fileName the job file's name, with placeholders ({@code {stem}.json})
         * @param template the job file's text, with placeholders
         * @return this builder
         */
        public Builder jobFile(String fileName, String template) {
            this.handOver = HandOver.JOB_FILE;
            this.jobFileName = fileName;
            this.jobTemplate = template;
            return this;
        }

        /**
         * @param detection how a finished proxy is recognised (for a marker use {@link #markerFile})
         * @return this builder
         */
        public Builder done(DoneDetection detection) {
            this.done = detection;
            return this;
        }

        /**
         * Recognises a finished proxy by a marker file the tool writes after it.
         *
         * @param pattern the marker's file name in the output folder, with placeholders
         * @return this builder
         */
        public Builder markerFile(String pattern) {
            this.done = DoneDetection.MARKER_FILE;
            this.markerPattern = pattern;
            return this;
        }

        /**
         * @param quiet how long the proxy's size must stay unchanged
         * @return this builder
         */
        public Builder stableFor(Duration quiet) {
            this.stableFor = quiet;
            return this;
        }

        /**
         * @param interval how often the output folder is looked at
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /**
         * @param folder where in-flight jobs are journalled, or {@code null} for the default
         * @return this builder
         */
        public Builder stateDir(Path folder) {
            this.stateDir = folder;
            return this;
        }

        /**
         * @return the rule
         * @throws NullPointerException     if input or output is not set
         * @throws IllegalArgumentException if a value is unusable (see {@link WatchFolderRule})
         */
        public WatchFolderRule build() {
            return new WatchFolderRule(name, patterns, input, output, outputPattern, timeout, handOver, jobTemplate,
                    jobFileName, done, stableFor, markerPattern, pollInterval, stateDir);
        }
    }
}
