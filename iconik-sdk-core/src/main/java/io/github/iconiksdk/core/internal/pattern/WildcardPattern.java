// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.internal.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Unix shell wildcard ({@code fnmatch}) pattern, matched case-insensitively (simple case folding) against the
 * node's name and its whole path, anchored at both ends. {@code *} matches any run of characters (including
 * {@code /} in the whole path), {@code ?} one character, {@code [seq]} / {@code [!seq]} one character in or not in
 * seq; a {@code [} without a closing {@code ]} is literal; there is no escape character.
 *
 * <p>The common shapes, a plain name, {@code *.ext}, {@code prefix*} and {@code *part*}, are matched by comparing
 * text in place; the rest by a glob matcher over code points with single-star backtracking. Neither allocates.
 */
final class WildcardPattern implements NodePattern {

    private static final int ANY = -1;
    private static final int STAR = -2;
    private static final int CLASS_BASE = -3;

    private enum Shape { LITERAL, SUFFIX, PREFIX, CONTAINS, EVERYTHING, GLOB }

    private final String source;
    private final boolean directoryOnly;
    private final Shape shape;
    /** For the in-place shapes: the folded literal text. */
    private final String literal;
    /** For GLOB: code points (folded) or ANY / STAR / CLASS_BASE - classIndex. */
    private final int[] tokens;
    private final CharClass[] classes;

    private WildcardPattern(String source, boolean directoryOnly, Shape shape, String literal, int[] tokens,
                            CharClass[] classes) {
        this.source = source;
        this.directoryOnly = directoryOnly;
        this.shape = shape;
        this.literal = literal;
        this.tokens = tokens;
        this.classes = classes;
    }

    /**
     * Compiles a trimmed, non-empty wildcard pattern.
     *
     * @param source the pattern as written (trimmed)
     */
    static WildcardPattern compile(String source) {
        String body = source;
        boolean directoryOnly = body.endsWith("/") && body.length() > 1;
        if (directoryOnly) {
            body = body.substring(0, body.length() - 1);
        }
        int[] cps = Text.fold(Text.nfc(body)).codePoints().toArray();
        List<CharClass> classes = new ArrayList<>();
        int[] tokens = tokenize(cps, classes);
        CharClass[] classArray = classes.toArray(new CharClass[0]);
        return classify(source, directoryOnly, tokens, classArray);
    }

    private static int[] tokenize(int[] p, List<CharClass> classes) {
        int[] out = new int[p.length];
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            int c = p[i];
            if (c == '*') {
                if (n == 0 || out[n - 1] != STAR) {
                    out[n++] = STAR;
                }
            } else if (c == '?') {
                out[n++] = ANY;
            } else if (c == '[') {
                int close = findClassEnd(p, i + 1);
                if (close < 0) {
                    out[n++] = '[';
                } else {
                    classes.add(CharClass.parse(p, i + 1, close));
                    out[n++] = CLASS_BASE - (classes.size() - 1);
                    i = close;
                }
            } else {
                out[n++] = c;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Index of the {@code ]} closing a class whose body starts at {@code from}, or -1 when unclosed. */
    private static int findClassEnd(int[] p, int from) {
        int j = from;
        if (j < p.length && p[j] == '!') {
            j++;
        }
        if (j < p.length && p[j] == ']') {
            j++; // a ']' first in the set is a member, not the end
        }
        while (j < p.length && p[j] != ']') {
            j++;
        }
        return j < p.length ? j : -1;
    }

    private static WildcardPattern classify(String source, boolean dirOnly, int[] t, CharClass[] classes) {
        int stars = 0;
        boolean plain = true; // only literal BMP code points besides stars
        for (int tok : t) {
            if (tok == STAR) {
                stars++;
            } else if (tok < 0 || Character.isSupplementaryCodePoint(tok)) {
                plain = false;
            }
        }
        int n = t.length;
        if (plain) {
            if (stars == 0) {
                return inPlace(source, dirOnly, Shape.LITERAL, t, 0, n);
            }
            if (stars == 1 && n == 1) {
                return new WildcardPattern(source, dirOnly, Shape.EVERYTHING, "", t, classes);
            }
            if (stars == 1 && t[0] == STAR) {
                return inPlace(source, dirOnly, Shape.SUFFIX, t, 1, n);
            }
            if (stars == 1 && t[n - 1] == STAR) {
                return inPlace(source, dirOnly, Shape.PREFIX, t, 0, n - 1);
            }
            if (stars == 2 && n > 2 && t[0] == STAR && t[n - 1] == STAR) {
                return inPlace(source, dirOnly, Shape.CONTAINS, t, 1, n - 1);
            }
        }
        return new WildcardPattern(source, dirOnly, Shape.GLOB, null, t, classes);
    }

    private static WildcardPattern inPlace(String source, boolean dirOnly, Shape shape, int[] t, int from, int to) {
        return new WildcardPattern(source, dirOnly, shape, new String(t, from, to - from), t, new CharClass[0]);
    }

    @Override
    public boolean matches(String path, int nameStart, boolean directory) {
        if (directoryOnly && !directory) {
            return false;
        }
        int len = path.length();
        switch (shape) {
            case LITERAL:
                int n = literal.length();
                return (len - nameStart == n && Text.regionEquals(path, nameStart, literal))
                        || (nameStart > 0 && len == n && Text.regionEquals(path, 0, literal));
            case SUFFIX:
                // '*' spans '/' in the whole path, so a path match covers the name too.
                return Text.regionEquals(path, len - literal.length(), literal);
            case PREFIX:
                return Text.regionEquals(path, nameStart, literal) || Text.regionEquals(path, 0, literal);
            case CONTAINS:
                for (int i = 0, last = len - literal.length(); i <= last; i++) {
                    if (Text.regionEquals(path, i, literal)) {
                        return true;
                    }
                }
                return false;
            case EVERYTHING:
                return true;
            default:
                return glob(path, nameStart, len) || (nameStart > 0 && glob(path, 0, len));
        }
    }

    /** Matches the tokens against {@code text[start, end)}; backtracks to the last star only, which suffices. */
    private boolean glob(String text, int start, int end) {
        int p = 0;
        int t = start;
        int starP = -1;
        int starT = -1;
        while (t < end) {
            int cp = text.codePointAt(t);
            if (p < tokens.length && tokens[p] == STAR) {
                starP = p++;
                starT = t;
                continue;
            }
            if (p < tokens.length && matchesOne(tokens[p], Text.fold(cp))) {
                p++;
                t += Character.charCount(cp);
                continue;
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            starT += Character.charCount(text.codePointAt(starT));
            t = starT;
        }
        while (p < tokens.length && tokens[p] == STAR) {
            p++;
        }
        return p == tokens.length;
    }

    private boolean matchesOne(int token, int foldedCp) {
        if (token >= 0) {
            return token == foldedCp;
        }
        if (token == ANY) {
            return true;
        }
        return classes[CLASS_BASE - token].contains(foldedCp);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /** A {@code [seq]} or {@code [!seq]} set of folded code points and ranges. */
    private static final class CharClass {
        private final boolean negated;
        private final int[] ranges; // pairs lo, hi (inclusive); a range with lo > hi matches nothing

        private CharClass(boolean negated, int[] ranges) {
            this.negated = negated;
            this.ranges = ranges;
        }

        /** Parses {@code p[from, close)}: an optional '!', then members; '-' first or last is literal. */
        static CharClass parse(int[] p, int from, int close) {
            boolean negated = from < close && p[from] == '!';
            int i = negated ? from + 1 : from;
            int[] ranges = new int[2 * (close - i)];
            int n = 0;
            while (i < close) {
                int lo = p[i];
                if (i + 2 < close && p[i + 1] == '-') {
                    ranges[n++] = lo;
                    ranges[n++] = p[i + 2];
                    i += 3;
                } else {
                    ranges[n++] = lo;
                    ranges[n++] = lo;
                    i++;
                }
            }
            return new CharClass(negated, Arrays.copyOf(ranges, n));
        }

        boolean contains(int cp) {
            boolean in = false;
            for (int i = 0; i < ranges.length && !in; i += 2) {
                in = cp >= ranges[i] && cp <= ranges[i + 1];
            }
            return in != negated;
        }
    }
}
