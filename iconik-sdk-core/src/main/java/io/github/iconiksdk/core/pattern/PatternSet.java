// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.pattern;

import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import io.github.iconiksdk.api.pattern.InvalidPatternException;

import java.util.List;
import java.util.Objects;

/**
 * The pattern lists of one storage, compiled, with the precedence iconik applies: ignore wins over include; an
 * include list restricts files only (never folders); transcode and upload lists decide what happens to a kept
 * file, never whether it is registered. Immutable and thread-safe.
 *
 * <pre>{@code
 * PatternSet set = PatternSet.builder()
 *         .scanIgnore(Patterns.DEFAULT_SCAN_IGNORE)
 *         .scanInclude(List.of("*.mov", "*.mxf"))
 *         .build();
 * set.scanVerdict("A001/clip.MOV", false);   // KEPT
 * }</pre>
 */
public final class PatternSet {

    private final IgnoreMatcher scanIgnore;
    private final IgnoreMatcher scanInclude;
    private final IgnoreMatcher transcodeIgnore;
    private final IgnoreMatcher transcodeInclude;
    private final IgnoreMatcher uploadIgnore;

    private PatternSet(Builder b) {
        this.scanIgnore = b.scanIgnore;
        this.scanInclude = b.scanInclude;
        this.transcodeIgnore = b.transcodeIgnore;
        this.transcodeInclude = b.transcodeInclude;
        this.uploadIgnore = b.uploadIgnore;
    }

    /** @return a builder with every list empty (nothing ignored, everything kept) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this set's lists */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.scanIgnore = scanIgnore;
        b.scanInclude = scanInclude;
        b.transcodeIgnore = transcodeIgnore;
        b.transcodeInclude = transcodeInclude;
        b.uploadIgnore = uploadIgnore;
        return b;
    }

    /**
     * The verdict for one node on its own, not looking at the folders above it (a scan tests each folder before
     * descending, so it never reaches the children of an ignored one).
     *
     * @param relativePath the node's path relative to the storage root, {@code /}-separated
     * @param directory    whether the node is a directory
     * @return IGNORED, EXCLUDED (files only) or KEPT
     * @throws NullPointerException if {@code relativePath} is null
     */
    public ScanVerdict scanVerdict(String relativePath, boolean directory) {
        if (scanIgnore.matches(relativePath, directory)) {
            return ScanVerdict.IGNORED;
        }
        if (!directory && !scanInclude.isEmpty() && !scanInclude.matches(relativePath, false)) {
            return ScanVerdict.EXCLUDED;
        }
        return ScanVerdict.KEPT;
    }

    /**
     * The verdict for a node as a scan would reach it: IGNORED when the node or any folder above it is ignored,
     * otherwise the node's own verdict. Used to try patterns on paths without a tree on disk.
     *
     * @param relativePath the node's path relative to the storage root, {@code /}-separated
     * @param directory    whether the node is a directory
     * @return IGNORED, EXCLUDED or KEPT
     * @throws NullPointerException if {@code relativePath} is null
     */
    public ScanVerdict scanVerdictWithParents(String relativePath, boolean directory) {
        for (int slash = relativePath.indexOf('/'); slash >= 0; slash = relativePath.indexOf('/', slash + 1)) {
            if (scanIgnore.matches(relativePath.substring(0, slash), true)) {
                return ScanVerdict.IGNORED;
            }
        }
        return scanVerdict(relativePath, directory);
    }

    /**
     * Whether a kept file is transcoded: not matched by {@code transcode_ignore}, and matched by
     * {@code transcode_include} when that list is non-empty.
     *
     * @param relativePath the file's path relative to the storage root
     * @return {@code true} to transcode
     */
    public boolean shouldTranscode(String relativePath) {
        return !transcodeIgnore.matches(relativePath, false)
                && (transcodeInclude.isEmpty() || transcodeInclude.matches(relativePath, false));
    }

    /**
     * Whether a kept file's original is uploaded (when the storage uploads originals at all): not matched by
     * {@code upload_ignore}.
     *
     * @param relativePath the file's path relative to the storage root
     * @return {@code true} to upload the original
     */
    public boolean shouldUpload(String relativePath) {
        return !uploadIgnore.matches(relativePath, false);
    }

    /** @return the compiled {@code scan_ignore} list */
    public IgnoreMatcher scanIgnore() {
        return scanIgnore;
    }

    /** @return the compiled {@code scan_include} list */
    public IgnoreMatcher scanInclude() {
        return scanInclude;
    }

    @Override
    public String toString() {
        return "PatternSet[scanIgnore=" + scanIgnore + ", scanInclude=" + scanInclude + ", transcodeIgnore="
                + transcodeIgnore + ", transcodeInclude=" + transcodeInclude + ", uploadIgnore=" + uploadIgnore + "]";
    }

    /** Builds a {@link PatternSet}; each list is compiled when it is set, so errors surface at once. */
    public static final class Builder {
        private IgnoreMatcher scanIgnore = IgnoreMatcher.NONE;
        private IgnoreMatcher scanInclude = IgnoreMatcher.NONE;
        private IgnoreMatcher transcodeIgnore = IgnoreMatcher.NONE;
        private IgnoreMatcher transcodeInclude = IgnoreMatcher.NONE;
        private IgnoreMatcher uploadIgnore = IgnoreMatcher.NONE;

        private Builder() {
        }

        /**
         * @param patterns the {@code scan_ignore} list
         * @return this builder
         * @throws InvalidPatternException if a pattern is invalid
         */
        public Builder scanIgnore(List<String> patterns) {
            return scanIgnore(Patterns.compile(patterns));
        }

        /**
         * @param matcher an already compiled {@code scan_ignore} list
         * @return this builder
         */
        public Builder scanIgnore(IgnoreMatcher matcher) {
            this.scanIgnore = Objects.requireNonNull(matcher, "matcher");
            return this;
        }

        /**
         * @param patterns the {@code scan_include} list (empty keeps every file)
         * @return this builder
         * @throws InvalidPatternException if a pattern is invalid
         */
        public Builder scanInclude(List<String> patterns) {
            return scanInclude(Patterns.compile(patterns));
        }

        /**
         * @param matcher an already compiled {@code scan_include} list
         * @return this builder
         */
        public Builder scanInclude(IgnoreMatcher matcher) {
            this.scanInclude = Objects.requireNonNull(matcher, "matcher");
            return this;
        }

        /**
         * @param patterns the {@code transcode_ignore} list
         * @return this builder
         * @throws InvalidPatternException if a pattern is invalid
         */
        public Builder transcodeIgnore(List<String> patterns) {
            this.transcodeIgnore = Patterns.compile(patterns);
            return this;
        }

        /**
         * @param patterns the {@code transcode_include} list (empty transcodes every kept file)
         * @return this builder
         * @throws InvalidPatternException if a pattern is invalid
         */
        public Builder transcodeInclude(List<String> patterns) {
            this.transcodeInclude = Patterns.compile(patterns);
            return this;
        }

        /**
         * @param patterns the {@code upload_ignore} list
         * @return this builder
         * @throws InvalidPatternException if a pattern is invalid
         */
        public Builder uploadIgnore(List<String> patterns) {
            this.uploadIgnore = Patterns.compile(patterns);
            return this;
        }

        /** @return the immutable set */
        public PatternSet build() {
            return new PatternSet(this);
        }
    }
}
