// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.pattern;

import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import io.github.iconiksdk.api.pattern.InvalidPatternException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example of shared/spec/patterns.md, plus the documented rules one by one. */
class PatternSpecExamplesTest {

    @ParameterizedTest(name = "{0} on {1} (dir={2}) -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            *.pdf                     | docs/Brief.PDF            | false | true
            *.pdf                     | docs.pdf/readme.txt       | false | false
            *.pdf                     | docs.pdf                  | true  | true
            media cache files         | Project/Media Cache Files | true  | true
            media cache               | Project/Media Cache Files | true  | false
            renders/                  | a/renders                 | true  | true
            renders/                  | a/renders                 | false | false
            *exclude*                 | shoot/DoNotExcludeMe.mov  | false | true
            re:/^.*\\.png$/           | stills/frame.png          | false | true
            re:/^.*\\.png$/           | stills/frame.PNG          | false | false
            re:/^.*\\.png$/           | a/b/c.png                 | false | true
            re:/^.*\\.png$/           | stills.png                | true  | true
            "re:/(?i)^.*\\.(mp4|mov)$/" | a/B.MOV                 | false | true
            clip[1080p].mov           | clip1.mov                 | false | true
            clip[[]1080p].mov         | clip[1080p].mov           | false | true
            *.xml                     | a/b/c.xml                 | false | true
            */proxies                 | a/proxies                 | true  | true
            */proxies                 | a/b/proxies               | true  | true
            */proxies                 | proxies                   | true  | false
            *.iconikagent             | job.ICONIKAGENT           | false | true
            """)
    void specExample(String pattern, String path, boolean directory, boolean expected) {
        IgnoreMatcher matcher = Patterns.compile(List.of(pattern));
        assertEquals(expected, matcher.matches(path, directory), pattern + " on " + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"re:/(unclosed/", "re:/[z-a]/", "re:/x/i", "re:nope", "re:missing-slashes", "re:/"})
    void invalidRegexPattern_isAConfigurationError(String pattern) {
        InvalidPatternException e = assertThrows(InvalidPatternException.class,
                () -> Patterns.compile(List.of("*.tmp", pattern)));
        assertEquals(pattern, e.pattern());
        assertEquals(1, e.index());
        assertTrue(e.getMessage().contains(pattern), e.getMessage());
    }

    @Test
    void invalidRegex_carriesTheEnginesMessage() {
        InvalidPatternException e = assertThrows(InvalidPatternException.class,
                () -> Patterns.compile("re:/[z-a]/"));
        assertTrue(e.reason().contains("Illegal character range"), e.reason());
    }

    @Test
    void flagsAfterTheClosingSlash_areRefusedWithAHint() {
        InvalidPatternException e = assertThrows(InvalidPatternException.class, () -> Patterns.compile("re:/x/i"));
        assertTrue(e.reason().contains("(?i)"), e.reason());
    }

    @Test
    void whitespaceIsTrimmed_innerSpacesAreLiteral_emptyPatternsAreSkipped() {
        IgnoreMatcher m = Patterns.compile("  media cache files  ", "", "   ");
        assertTrue(m.matches("x/Media Cache Files", true));
        assertFalse(m.matches("x/MediaCacheFiles", true));
        assertTrue(Patterns.compile("", " ").isEmpty());
    }

    @Test
    void backslashIsAnOrdinaryCharacter() {
        assertTrue(Patterns.compile("a\\b*").matches("a\\bc", false));
        assertFalse(Patterns.compile("a\\*").matches("a*", false));
    }

    @Test
    void unclosedBracket_isALiteral() {
        assertTrue(Patterns.compile("clip[1.mov").matches("x/CLIP[1.mov", false));
        assertFalse(Patterns.compile("clip[1.mov").matches("clip1.mov", false));
    }

    @Test
    void negatedClassAndRanges() {
        IgnoreMatcher m = Patterns.compile("take[!0-9].mov");
        assertTrue(m.matches("takeA.mov", false));
        assertFalse(m.matches("take5.mov", false));
        assertTrue(Patterns.compile("[]]x").matches("]x", false));
        assertTrue(Patterns.compile("[*]").matches("*", false));
        assertFalse(Patterns.compile("[*]").matches("a", false));
    }

    @Test
    void decomposedNameMatchesComposedPattern() {
        String decomposed = "E\u0301te\u0301 2024"; // "Été 2024" as macOS stores it
        assertTrue(Patterns.compile("\u00e9t\u00e9 2024").matches("shoot/" + decomposed, true));
        assertTrue(Patterns.compile("*t\u00e9 2024").matches(decomposed, true));
        assertTrue(Patterns.compile("re:/\u00c9t\u00e9/").matches(decomposed, true));
    }

    @Test
    void wildcardsFoldCaseBeyondAscii() {
        assertTrue(Patterns.compile("\u00e9t\u00e9*").matches("\u00c9T\u00c9 2024", true));
        assertTrue(Patterns.compile("*\u03c3").matches("\u039f\u03a3", false)); // sigma, any case
        assertTrue(Patterns.compile("?.mov").matches("\uD83C\uDFAC.mov", false)); // one emoji, one '?'
    }

    @Test
    void regexIsSearchedInNameAndPath() {
        IgnoreMatcher m = Patterns.compile("re:/^Proxies$/");
        assertTrue(m.matches("a/b/Proxies", true)); // the name on its own matches ^...$
        assertFalse(m.matches("a/b/proxies", true));
        assertTrue(Patterns.compile("re:/^a/b/").matches("a/b/c.mov", false)); // the path matches
    }

    @Test
    void defaultScanIgnore_catchesNleCaches() {
        IgnoreMatcher d = Patterns.defaultScanIgnore();
        assertTrue(d.matches("Project/Adobe Premiere Pro Auto-Save", true));
        assertTrue(d.matches("Project/Media Cache", true));
        assertTrue(d.matches("a/b/x.PEK", false));
        assertFalse(d.matches("a/b/clip.mov", false));
    }

    @Test
    void toString_listsThePatterns() {
        assertEquals("IgnoreMatcher[*.tmp, re:/x/]", Patterns.compile(" *.tmp ", "re:/x/").toString());
    }
}
