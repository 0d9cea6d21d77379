// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.pattern;

import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternPropertiesTest {

    @Property
    void wildcardsIgnoreCase(@ForAll("names") String name, @ForAll("names") String pattern) {
        IgnoreMatcher m = Patterns.compile(List.of(pattern));
        boolean lower = m.matches(name.toLowerCase(Locale.ROOT), false);
        assertEquals(lower, m.matches(name.toUpperCase(Locale.ROOT), false));
        assertEquals(lower, Patterns.compile(List.of(pattern.toUpperCase(Locale.ROOT)))
                .matches(name.toLowerCase(Locale.ROOT), false));
    }

    @Property
    void plainNameMatchesThatFolderAtAnyDepth(@ForAll("plainNames") String folder,
                                              @ForAll("paths") String parent) {
        IgnoreMatcher m = Patterns.compile(List.of(folder));
        String path = parent.isEmpty() ? folder : parent + "/" + folder;
        assertTrue(m.matches(path, true), path);
    }

    @Property
    void folderVerdictIgnoresEverythingBelow(@ForAll("plainNames") String folder, @ForAll("paths") String parent,
                                            @ForAll("paths") String below) {
        PatternSet set = PatternSet.builder().scanIgnore(List.of(folder)).build();
        String dir = parent.isEmpty() ? folder : parent + "/" + folder;
        String path = below.isEmpty() ? dir + "/x" : dir + "/" + below;
        assertEquals(ScanVerdict.IGNORED, set.scanVerdictWithParents(path, false));
    }

    @Property
    void bracketedMetacharactersAreLiterals(@ForAll("plainNames") String before, @ForAll("plainNames") String after) {
        assertTrue(Patterns.compile(before + "[[]" + after).matches(before + "[" + after, false));
        assertTrue(Patterns.compile(before + "[*]" + after).matches(before + "*" + after, false));
        assertFalse(Patterns.compile(before + "[*]" + after).matches(before + "x" + after, false));
        assertTrue(Patterns.compile(before + "[?]" + after).matches(before + "?" + after, false));
    }

    @Property
    void arbitraryUnicodeNeverThrows(@ForAll @StringLength(max = 40) String pattern,
                                     @ForAll @StringLength(max = 80) String path, @ForAll boolean directory) {
        IgnoreMatcher m;
        try {
            m = Patterns.compile(List.of(pattern));
        } catch (io.github.iconiksdk.api.pattern.InvalidPatternException expected) {
            return; // only re: patterns may be invalid
        }
        m.matches(path, directory);
    }

    @Property(tries = 3000)
    void agreesWithAReferenceTranslationToRegex(@ForAll("globs") String pattern, @ForAll("globPaths") String path) {
        IgnoreMatcher m = Patterns.compile(List.of(pattern));
        String name = path.substring(path.lastIndexOf('/') + 1);
        Pattern ref = Reference.translate(pattern);
        String foldedPath = Reference.fold(path);
        boolean expected = ref.matcher(Reference.fold(name)).matches() || ref.matcher(foldedPath).matches();
        assertEquals(expected, m.matches(path, false), () -> pattern + " on " + path + " ref " + ref);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcXYZ*?.-_ \u00e9\u00c9").ofMinLength(1).ofMaxLength(10)
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> plainNames() {
        return Arbitraries.strings().withChars("abcXYZ.-_ \u00e9\u00c9\u00df").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.isBlank() && s.equals(s.strip()));
    }

    @Provide
    Arbitrary<String> paths() {
        return plainNames().list().ofMaxSize(4).map(parts -> String.join("/", parts));
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars("ab\u00e9A*?[]!-/.").ofMinLength(1).ofMaxLength(9)
                .filter(s -> !s.startsWith("re:") && !s.endsWith("/") && !s.isBlank());
    }

    @Provide
    Arbitrary<String> globPaths() {
        return Arbitraries.strings().withChars("abAB\u00e9\u00c9-[]!.*").ofMinLength(1).ofMaxLength(6).list()
                .ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
    }

    /**
     * A straightforward fnmatch-to-regex translation (as Python's fnmatch.translate does), applied to case-folded
     * text: the independent oracle the matcher is checked against.
     */
    static final class Reference {
        static String fold(String s) {
            StringBuilder b = new StringBuilder();
            Normalizer.normalize(s, Normalizer.Form.NFC).codePoints()
                    .forEach(cp -> b.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
            return b.toString();
        }

        static Pattern translate(String glob) {
            int[] p = fold(glob).codePoints().toArray();
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < p.length; i++) {
                int c = p[i];
                if (c == '*') {
                    re.append(".*");
                } else if (c == '?') {
                    re.append('.');
                } else if (c == '[') {
                    int j = i + 1;
                    if (j < p.length && p[j] == '!') {
                        j++;
                    }
                    if (j < p.length && p[j] == ']') {
                        j++;
                    }
                    while (j < p.length && p[j] != ']') {
                        j++;
                    }
                    if (j >= p.length) {
                        re.append(quote('['));
                    } else {
                        re.append(charClass(p, i + 1, j));
                        i = j;
                    }
                } else {
                    re.append(quote(c));
                }
            }
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        }

        private static String charClass(int[] p, int from, int to) {
            boolean negate = from < to && p[from] == '!';
            StringBuilder alternatives = new StringBuilder();
            for (int i = negate ? from + 1 : from; i < to; ) {
                int lo = p[i];
                int hi = lo;
                if (i + 2 < to && p[i + 1] == '-') {
                    hi = p[i + 2];
                    i += 3;
                } else {
                    i++;
                }
                if (lo <= hi) {
                    alternatives.append(quote(lo)).append('-').append(quote(hi));
                }
            }
            if (alternatives.length() == 0) {
                return negate ? "." : "(?!)";
            }
            return "[" + (negate ? "^" : "") + alternatives + "]";
        }

        private static String quote(int cp) {
            return String.format("\\x{%x}", cp);
        }
    }
}
