// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.media;

import io.github.iconiksdk.core.media.DirectoryAssets.DirectoryAsset;
import io.github.iconiksdk.core.media.DirectoryAssets.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Camera-card clips and image sequences found among a storage's paths. */
class DirectoryAssetsTest {

    private static List<String> p2Clip(String root, String id) {
        String c = root + "/CONTENTS/";
        return List.of(c + "VIDEO/" + id + ".MXF", c + "AUDIO/" + id + "00.MXF", c + "AUDIO/" + id + "01.MXF",
                c + "CLIP/" + id + ".XML", c + "ICON/" + id + ".BMP", c + "PROXY/" + id + ".MP4");
    }

    @Test
    void p2CardWithThreeClips_isThreeAssetsEachHoldingAllItsFiles() {
        List<String> paths = new ArrayList<>();
        for (String id : List.of("0001AB", "0002CD", "0003EF")) {
            paths.addAll(p2Clip("shoot/card1", id));
        }
        paths.add("shoot/card1/LASTCLIP.TXT");
        paths.add("shoot/notes.txt");
        DirectoryAssets.Result r = DirectoryAssets.defaults().detect(paths);
        assertEquals(3, r.assets().size(), r.toString());
        assertEquals(List.of("0001AB", "0002CD", "0003EF"), r.assets().stream().map(DirectoryAsset::title).toList());
        for (DirectoryAsset a : r.assets()) {
            assertEquals(Kind.CARD_CLIP, a.kind());
            assertEquals("P2", a.card());
            assertEquals("shoot/card1", a.baseDir());
            assertEquals(List.copyOf(new java.util.TreeSet<>(p2Clip("shoot/card1", a.title()))), a.files());
        }
        assertEquals(List.of("shoot/card1/LASTCLIP.TXT"), r.cardFiles(), "belongs to no clip, not an asset");
        assertEquals(List.of("shoot/notes.txt"), r.others());
        assertEquals("0002CD", r.assetOf("shoot/card1/CONTENTS/AUDIO/0002CD01.MXF").orElseThrow().title());
    }

    @Test
    void otherCards_xdcamEx_xdcam_avchd_canonXf_red() {
        List<String> paths = List.of(
                "ex/BPAV/MEDIAPRO.XML", "ex/BPAV/CLPR/801_0001_01/801_0001_01.MP4",
                "ex/BPAV/CLPR/801_0001_01/801_0001_01M01.XML", "ex/BPAV/CLPR/801_0002_01/801_0002_01.MP4",
                "hd/XDROOT/Clip/C0001.MXF", "hd/XDROOT/Clip/C0001M01.XML", "hd/XDROOT/Sub/C0001S03.MXF",
                "hd/MEDIAPRO.XML",
                "cam/PRIVATE/AVCHD/BDMV/STREAM/00000.MTS", "cam/PRIVATE/AVCHD/BDMV/CLIPINF/00000.CPI",
                "cam/PRIVATE/AVCHD/BDMV/INDEX.BDM",
                "xf/CONTENTS/CLIPS001/A001C001_220101AB_CANON/A001C001_220101AB_CANON.MXF",
                "xf/CONTENTS/CLIPS001/A001C001_220101AB_CANON/A001C001_220101AB_CANON.XML",
                "xf/CONTENTS/INDEX.MIF",
                "red/A001_0101AB.RDM/A001_C001_0101XY.RDC/A001_C001_0101XY_001.R3D",
                "red/A001_0101AB.RDM/A001_C001_0101XY.RDC/A001_C001_0101XY_002.R3D",
                "red/A001_0101AB.RDM/A001_C001_0101XY.RDC/A001_C001_0101XY.RTN");
        DirectoryAssets.Result r = DirectoryAssets.defaults().detect(paths);
        List<String> titles = r.assets().stream().map(a -> a.card() + ":" + a.title() + ":" + a.count()).toList();
        assertEquals(List.of("AVCHD:00000:2", "XDCAM_EX:801_0001_01:2", "XDCAM_EX:801_0002_01:1", "XDCAM:C0001:3",
                "RED:A001_C001_0101XY:3", "CANON_XF:A001C001_220101AB_CANON:2"), titles);
        assertEquals(List.of("cam/PRIVATE/AVCHD/BDMV/INDEX.BDM", "ex/BPAV/MEDIAPRO.XML", "hd/MEDIAPRO.XML",
                "xf/CONTENTS/INDEX.MIF"), r.cardFiles());
        assertTrue(r.others().isEmpty(), r.others().toString());
    }

    private static List<String> frames(String dir, String prefix, int from, int to, String ext) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(String.format("%s/%s%04d.%s", dir, prefix, i, ext));
        }
        return out;
    }

    @Test
    void dpxSequenceOf48Frames_isOneAssetTitledByItsRange() {
        List<String> paths = new ArrayList<>(frames("vfx/sh010", "frame_", 1, 48, "dpx"));
        paths.add("vfx/sh010/readme.txt");
        DirectoryAssets.Result r = DirectoryAssets.defaults().detect(paths);
        assertEquals(1, r.assets().size());
        DirectoryAsset a = r.assets().get(0);
        assertEquals(Kind.IMAGE_SEQUENCE, a.kind());
        assertEquals("frame_[0001-0048].dpx", a.title());
        assertEquals("vfx/sh010", a.baseDir());
        assertEquals(48, a.count());
        assertEquals(1, a.first());
        assertEquals(48, a.last());
        assertTrue(a.gaps().isEmpty());
        assertEquals("vfx/sh010/frame_%04d.dpx", a.framePattern().orElseThrow());
        assertEquals(List.of("vfx/sh010/readme.txt"), r.others());
    }

    @Test
    void missingFramesAreReportedAsGaps_andRunsAreKeptApart() {
        List<String> paths = new ArrayList<>(frames("seq", "a.", 100, 110, "exr"));
        paths.remove("seq/a.0103.exr");
        paths.remove("seq/a.0104.exr");
        paths.addAll(frames("seq", "b_", 1, 3, "PNG"));
        paths.addAll(frames("seq", "c_", 1, 2, "tif"));
        DirectoryAssets.Result r = DirectoryAssets.defaults().detect(paths);
        assertEquals(List.of("a.[0100-0110].exr", "b_[0001-0003].PNG"),
                r.assets().stream().map(DirectoryAsset::title).toList());
        assertEquals(List.of(103L, 104L), r.assets().get(0).gaps());
        assertEquals(9, r.assets().get(0).count());
        assertEquals(List.of("seq/c_0001.tif", "seq/c_0002.tif"), r.others(), "two frames are below the minimum");
        assertEquals(2, DirectoryAssets.withMinFrames(2).detect(frames("s", "c_", 1, 2, "tif")).assets().get(0)
                .count());
        assertThrows(IllegalArgumentException.class, () -> DirectoryAssets.withMinFrames(1));
    }

    @Test
    void numberedFilesThatAreNotImages_stayFiles() {
        List<String> paths = frames("audio", "take_", 1, 5, "wav");
        DirectoryAssets.Result r = DirectoryAssets.defaults().detect(paths);
        assertTrue(r.assets().isEmpty());
        assertEquals(paths, r.others());
    }
}
