// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.pattern;

/**
 * Decides whether one node of a storage tree matches a compiled list of iconik patterns (wildcards and
 * {@code re:/…/} regular expressions). The same type serves every pattern list of a storage: scan ignore and
 * include, transcode ignore and include, upload ignore.
 *
 * <p>The rules are those of the SDK's pattern specification: a pattern is tested against the node's name and its
 * whole relative path; wildcards are anchored and case-insensitive; regular expressions are searched for and
 * case-sensitive unless they say {@code (?i)}; a pattern ending in {@code /} matches directories only.
 *
 * <p>Implementations are immutable and thread-safe; compile a list once and share it.
 */
public interface IgnoreMatcher {

    /** A matcher with no patterns: it matches nothing. */
    IgnoreMatcher NONE = new IgnoreMatcher() {
        @Override
        public boolean matches(String relativePath, boolean directory) {
            return false;
        }

        @Override
        public boolean isEmpty() {
            return true;
        }

        @Override
        public String toString() {
            return "IgnoreMatcher[]";
        }
    };

    /**
     * Tests one node on its own (not the folders above it).
     *
     * @param relativePath the node's path relative to the storage root, {@code /}-separated, with no leading or
     *                     trailing {@code /}
     * @param directory    whether the node is a directory (patterns ending in {@code /} match directories only)
     * @return whether any pattern of the list matches the node's name or its whole path
     * @throws NullPointerException if {@code relativePath} is null
     */
    boolean matches(String relativePath, boolean directory);

    /**
     * Whether the list holds no pattern at all, in which case {@link #matches} is always false. An include list
     * that is empty keeps every file.
     *
     * @return {@code true} when there is nothing to match
     */
    boolean isEmpty();
}
