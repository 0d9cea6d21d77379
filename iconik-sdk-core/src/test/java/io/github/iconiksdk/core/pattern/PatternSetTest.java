// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.pattern;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.iconiksdk.core.pattern.ScanVerdict.EXCLUDED;
import static io.github.iconiksdk.core.pattern.ScanVerdict.IGNORED;
import static io.github.iconiksdk.core.pattern.ScanVerdict.KEPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternSetTest {

    private final PatternSet set = PatternSet.builder()
            .scanIgnore(List.of("*.tmp", "media cache files"))
            .scanInclude(List.of("*.mov", "*.tmp"))
            .transcodeIgnore(List.of("*/raw/*"))
            .transcodeInclude(List.of("*.mov"))
            .uploadIgnore(List.of("*_proxy.mov"))
            .build();

    @Test
    void ignoreWinsOverInclude() {
        assertEquals(IGNORED, set.scanVerdict("a/b.tmp", false));
    }

    @Test
    void includeListRestrictsFilesOnly() {
        assertEquals(EXCLUDED, set.scanVerdict("a/b.wav", false));
        assertEquals(KEPT, set.scanVerdict("a/wav", true));
        assertEquals(KEPT, set.scanVerdict("a/b.MOV", false));
    }

    @Test
    void emptyIncludeKeepsEveryFile() {
        assertEquals(KEPT, PatternSet.builder().build().scanVerdict("x.anything", false));
    }

    @Test
    void ignoredFolder_ignoresEverythingBelowIt() {
        assertEquals(KEPT, set.scanVerdict("p/Media Cache Files/x.mov", false));
        assertEquals(IGNORED, set.scanVerdictWithParents("p/Media Cache Files/x.mov", false));
        assertEquals(IGNORED, set.scanVerdictWithParents("p/Media Cache Files/deeper", true));
        assertEquals(KEPT, set.scanVerdictWithParents("p/Media/x.mov", false));
    }

    @Test
    void transcodeAndUploadLists() {
        assertTrue(set.shouldTranscode("a/clip.mov"));
        assertFalse(set.shouldTranscode("a/raw/clip.mov"));
        assertFalse(set.shouldTranscode("a/clip.wav"));
        assertTrue(set.shouldUpload("a/clip.mov"));
        assertFalse(set.shouldUpload("a/clip_proxy.mov"));
    }

    @Test
    void toBuilder_keepsTheLists() {
        PatternSet copy = set.toBuilder().uploadIgnore(List.of()).build();
        assertEquals(IGNORED, copy.scanVerdict("a.tmp", false));
        assertTrue(copy.shouldUpload("a/clip_proxy.mov"));
    }
}
