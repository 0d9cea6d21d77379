// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.internal.pattern;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code re:/…/} pattern: the regex is searched for ({@code find}) in the name and in the whole path. Compiled
 * with {@link Pattern#UNICODE_CHARACTER_CLASS} so that {@code (?i)}, {@code \w} and {@code \b} treat non-ASCII
 * letters the way Python's {@code re} does on text (iconik's own engine is believed to be Python [I]).
 */
final class RegexPattern implements NodePattern {

    private final String source;
    private final Pattern regex;
    // A Matcher is not thread-safe; one per thread keeps matching free of allocation.
    private final ThreadLocal<Matcher> matchers;

    RegexPattern(String source, Pattern regex) {
        this.source = source;
        this.regex = regex;
        this.matchers = ThreadLocal.withInitial(() -> regex.matcher(""));
    }

    @Override
    public boolean matches(String path, int nameStart, boolean directory) {
        Matcher m = matchers.get().reset(path);
        if (m.find()) {
            return true;
        }
        // The region's bounds act as ^ and $ (anchoring bounds), so the name is searched as if on its own.
        return nameStart > 0 && m.reset().region(nameStart, path.length()).find();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source + " (regex " + regex.pattern() + ")";
    }
}
