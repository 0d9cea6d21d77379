// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternsCommandTest {

    @Test
    void ignoredFile_isPrintedWithTheVerdictAndThePathAsGiven() {
        CommandRun r = CommandRun.run("patterns", "--ignore", "*.pdf", "docs/a.PDF");
        assertEquals(0, r.exitCode());
        assertEquals("IGNORED\tdocs/a.PDF\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void pathsFromStdin_keepInputOrder_andFoldersAboveCount() {
        CommandRun r = CommandRun.runWithStdin("Project/Media Cache Files/\nProject/Media Cache Files/x.cfa\n"
                        + "clip.MOV\nnotes.txt\nrenders/\n",
                "patterns", "--ignore", "media cache files", "--include", "*.mov");
        assertEquals(0, r.exitCode());
        assertEquals("IGNORED\tProject/Media Cache Files/\nIGNORED\tProject/Media Cache Files/x.cfa\n"
                + "KEPT\tclip.MOV\nEXCLUDED\tnotes.txt\nKEPT\trenders/\n", r.out());
    }

    @Test
    void withoutIgnoreOptions_nothingIsIgnored() {
        CommandRun r = CommandRun.run("patterns", "x.cfa", "Media Cache/");
        assertEquals("KEPT\tx.cfa\nKEPT\tMedia Cache/\n", r.out());
    }

    @Test
    void trailingSlashMarksADirectory() {
        CommandRun r = CommandRun.run("patterns", "--ignore", "renders/", "a/renders/", "a/renders");
        assertEquals("IGNORED\ta/renders/\nKEPT\ta/renders\n", r.out());
    }

    @Test
    void unicodeNames_composedOrDecomposed_matchTheSamePattern() {
        CommandRun r = CommandRun.run("patterns", "--ignore", "\u00e9t\u00e9", "\u00c9t\u00e9/",
                "E\u0301te\u0301/clip.mov");
        assertEquals("IGNORED\t\u00c9t\u00e9/\nIGNORED\tE\u0301te\u0301/clip.mov\n", r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"re:/(unclosed/", "re:missing-slashes", "re:/[z-a]/", "re:/x/i"})
    void invalidPattern_exits2_namingIt(String pattern) {
        CommandRun r = CommandRun.run("patterns", "--ignore", "*.tmp", "--ignore", pattern, "a");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains(pattern), r.err());
        assertTrue(r.err().contains("#2"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownOption_exits2() {
        assertEquals(2, CommandRun.run("patterns", "--bogus").exitCode());
    }
}
