// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The names {@code asset_versions_suffix} makes a file the next version of ([I] our reading of iconik's rule). */
class VersionSuffixTest {

    @Test
    void defaultSuffix_versionNFollowsNMinus1_andVersion2AlsoTheBareName() {
        VersionSuffix s = VersionSuffix.of(null);
        assertEquals(List.of("A/clip_v1.mov", "A/clip.mov"), s.predecessors("A/clip_v2.mov"));
        assertEquals(List.of("A/clip_v2.mov"), s.predecessors("A/clip_v3.mov"));
        assertEquals(List.of("clip_v02.mov", "clip_v2.mov"), s.predecessors("clip_v03.mov"));
        assertEquals(List.of("clip_v09.mov", "clip_v9.mov"), s.predecessors("clip_v10.mov"));
        assertEquals(List.of("a/b/shot_v1_v1"), s.predecessors("a/b/shot_v1_v2").subList(0, 1));
        assertEquals(List.of(), s.predecessors("A/clip_v1.mov"), "1 starts a chain");
        assertEquals(List.of(), s.predecessors("A/clip.mov"));
        assertEquals(List.of(), s.predecessors("A/_v2.mov"), "a suffix alone names nothing");
        assertEquals(List.of(), s.predecessors("A/clip_V2.mov"), "case-sensitive");
        assertEquals(VersionSuffix.of("  ").predecessors("x_v2.mov"), s.predecessors("x_v2.mov"), "blank: default");
    }

    @Test
    void storagesSuffix_withOrWithoutTheHash() {
        assertEquals(List.of("clip-rev1.mov", "clip.mov"), VersionSuffix.of("-rev#").predecessors("clip-rev2.mov"));
        assertEquals(List.of("clip.v2.final.mov"), VersionSuffix.of(".v#.final").predecessors("clip.v3.final.mov"));
        assertEquals(List.of("clip v1", "clip"), VersionSuffix.of(" v").predecessors("clip v2"));
        assertEquals(List.of(), VersionSuffix.of("-rev#").predecessors("clip_v2.mov"));
    }
}
