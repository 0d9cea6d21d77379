// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import java.util.Comparator;

/**
 * The order of relative paths shared by the tree walk and the state store: Unicode code point order, which is the
 * byte order of UTF-8 (SQLite's {@code BINARY} collation). {@link String#compareTo} differs from it only for
 * characters outside the Basic Multilingual Plane (emoji), which UTF-16 stores as surrogates below U+E000.
 */
public final class PathOrder {

    /** Compares two strings in code point order. */
    public static final Comparator<String> CODE_POINT = PathOrder::compare;

    private PathOrder() {
    }

    /**
     * Compares two strings by Unicode code point.
     *
     * @param a one string
     * @param b another
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
     */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return Integer.compare(fixUp(x), fixUp(y));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates (U+D800..U+DFFF) above U+E000..U+FFFF, where their code points belong. */
    private static int fixUp(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /**
     * Whether a string holds no surrogate, so that {@link String#compareTo} (which the JIT vectorises) already
     * gives code point order against any other such string.
     *
     * @param s a string
     * @return {@code true} if every char is below U+D800 or above U+DFFF
     */
    public static boolean withoutSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code path} is {@code prefix} itself or lies below it.
     *
     * @param path   a relative path
     * @param prefix a relative folder path ({@code ""} for the root, which holds everything)
     * @return {@code true} if {@code path} is in the subtree of {@code prefix}
     */
    public static boolean inSubtree(String path, String prefix) {
        if (prefix.isEmpty()) {
            return true;
        }
        return path.startsWith(prefix)
                && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
