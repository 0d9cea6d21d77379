// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import io.github.iconiksdk.api.pattern.IgnoreMatcher;

import java.util.Locale;
import java.util.Set;

/** A test matcher: a node matches when its name, lower-cased, is one of the names or ends with a suffix "*.x". */
final class NameMatcher implements IgnoreMatcher {
    private final Set<String> patterns;

    NameMatcher(String... patterns) {
        this.patterns = Set.of(patterns);
    }

    @Override
    public boolean matches(String relativePath, boolean directory) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            if (p.startsWith("*") ? name.endsWith(p.substring(1)) : name.equals(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isEmpty() {
        return patterns.isEmpty();
    }
}
