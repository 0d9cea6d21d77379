// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.internal.pattern;

import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import io.github.iconiksdk.api.pattern.InvalidPatternException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** An immutable, thread-safe compiled pattern list; see the SDK's pattern specification for the rules. */
public final class CompiledPatternList implements IgnoreMatcher {

    private static final String REGEX_PREFIX = "re:";

    private final NodePattern[] patterns;

    private CompiledPatternList(NodePattern[] patterns) {
        this.patterns = patterns;
    }

    /**
     * Compiles a list: trims each pattern, skips empty ones, and fails on the first invalid {@code re:} pattern.
     *
     * @param sources the patterns as written
     * @return the compiled list
     * @throws InvalidPatternException naming the first invalid pattern, its index and the reason
     * @throws NullPointerException    if the list or an element is null
     */
    public static CompiledPatternList compile(List<String> sources) {
        List<NodePattern> compiled = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            String raw = Objects.requireNonNull(sources.get(i), () -> "pattern list holds null");
            String trimmed = raw.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            compiled.add(trimmed.startsWith(REGEX_PREFIX) ? regex(trimmed, raw, i) : WildcardPattern.compile(trimmed));
        }
        return new CompiledPatternList(compiled.toArray(new NodePattern[0]));
    }

    private static RegexPattern regex(String trimmed, String raw, int index) {
        String rest = trimmed.substring(REGEX_PREFIX.length());
        if (!rest.startsWith("/")) {
            throw new InvalidPatternException(raw, index, "a regular expression must be written re:/<regex>/");
        }
        int close = rest.lastIndexOf('/');
        if (close == 0) {
            throw new InvalidPatternException(raw, index, "the regular expression has no closing '/'");
        }
        if (close != rest.length() - 1) {
            throw new InvalidPatternException(raw, index, "text after the closing '/' ('"
                    + rest.substring(close + 1) + "'); flags go inside the regex, as in re:/(?i).../");
        }
        String body = rest.substring(1, close);
        try {
            return new RegexPattern(trimmed, Pattern.compile(body, Pattern.UNICODE_CHARACTER_CLASS));
        } catch (PatternSyntaxException e) {
            throw new InvalidPatternException(raw, index,
                    "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    @Override
    public boolean matches(String relativePath, boolean directory) {
        String path = Text.nfc(relativePath);
        int nameStart = path.lastIndexOf('/') + 1;
        for (NodePattern p : patterns) {
            if (p.matches(path, nameStart, directory)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isEmpty() {
        return patterns.length == 0;
    }

    /** @return the compiled patterns' sources, trimmed, in list order (empty ones left out) */
    public List<String> sources() {
        List<String> out = new ArrayList<>(patterns.length);
        for (NodePattern p : patterns) {
            out.add(p.source());
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "IgnoreMatcher" + sources();
    }
}
