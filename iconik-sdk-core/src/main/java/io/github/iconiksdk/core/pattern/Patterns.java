// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.pattern;

import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import io.github.iconiksdk.api.pattern.InvalidPatternException;
import io.github.iconiksdk.core.internal.pattern.CompiledPatternList;

import java.util.List;

/**
 * Compiles iconik pattern lists into {@link IgnoreMatcher}s.
 *
 * <pre>{@code
 * IgnoreMatcher ignore = Patterns.compile(List.of("*.tmp", "media cache files", "re:/(?i)\\.bak$/"));
 * ignore.matches("Project/Media Cache Files", true);   // true
 * }</pre>
 */
public final class Patterns {

    /** iconik's default {@code scan_ignore} list for a new storage. */
    public static final List<String> DEFAULT_SCAN_IGNORE = List.of("*.iconikagent", "*.fcpcache", "*.cfa", "*.pek",
            "*.ims", "media cache", "media cache files", "adobe premiere pro auto-save");

    private Patterns() {
    }

    /**
     * Compiles a pattern list once; the result is immutable, thread-safe and cheap to match with. Patterns are
     * trimmed and empty ones skipped.
     *
     * @param patterns the list as written in iconik's storage settings
     * @return the matcher ({@link IgnoreMatcher#NONE}'s behaviour when the list has no pattern)
     * @throws InvalidPatternException naming the first invalid {@code re:} pattern, its index and the reason
     * @throws NullPointerException    if the list or one of its elements is null
     */
    public static IgnoreMatcher compile(List<String> patterns) {
        return CompiledPatternList.compile(patterns);
    }

    /**
     * Compiles a list given as arguments.
     *
     * @param patterns the patterns
     * @return the matcher
     * @throws InvalidPatternException naming the first invalid pattern
     */
    public static IgnoreMatcher compile(String... patterns) {
        return compile(List.of(patterns));
    }

    /** @return iconik's default scan-ignore list, compiled */
    public static IgnoreMatcher defaultScanIgnore() {
        return DefaultHolder.DEFAULT;
    }

    private static final class DefaultHolder {
        static final IgnoreMatcher DEFAULT = compile(DEFAULT_SCAN_IGNORE);
    }
}
