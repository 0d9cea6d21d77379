// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.internal.pattern;

import java.text.Normalizer;

/** Case folding and Unicode normalisation shared by the wildcard compiler and matcher. */
final class Text {

    private Text() {
    }

    /**
     * Simple case folding of one code point: upper-casing then lower-casing maps every case variant (including
     * final sigma and title-case letters) to one representative, without changing the number of code points.
     */
    static int fold(int cp) {
        if (cp < 0x80) {
            return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
        }
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** Folds every code point of {@code s}. */
    static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(fold(cp)));
        return out.toString();
    }

    /** Returns {@code s} in NFC; allocates only when {@code s} has non-ASCII text that is not already NFC. */
    static String nfc(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s
                        : Normalizer.normalize(s, Normalizer.Form.NFC);
            }
        }
        return s;
    }

    /** {@code regionMatches} under {@link #fold(int)}: does {@code text[offset..]} start with folded {@code lit}. */
    static boolean regionEquals(String text, int offset, String foldedLiteral) {
        int n = foldedLiteral.length();
        if (offset < 0 || offset + n > text.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(offset + i);
            char l = foldedLiteral.charAt(i);
            if (c != l && foldChar(c) != l) {
                return false;
            }
        }
        return true;
    }

    /**
     * Folds one UTF-16 unit. Surrogates are returned unchanged: literals holding supplementary characters are
     * matched by the general glob matcher, which works on code points (see {@code WildcardPattern}).
     */
    static char foldChar(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        if (Character.isSurrogate(c)) {
            return c;
        }
        return (char) fold((int) c);
    }
}
