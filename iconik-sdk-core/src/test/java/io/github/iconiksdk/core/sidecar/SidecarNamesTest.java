// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarNamesTest {

    @Test
    void candidateNames_followTheSpecOrder() {
        assertEquals(List.of("A001C003.MOV.json", "A001C003.MOV.xml", "A001C003.MOV.csv",
                "A001C003.json", "A001C003.xml", "A001C003.csv"), Sidecars.candidateNames("A001C003.MOV"));
        assertEquals(List.of("clip.json", "clip.xml", "clip.csv"), Sidecars.candidateNames("clip"));
        assertEquals(List.of("x.csv.json", "x.csv.xml", "x.csv.csv"), Sidecars.candidateNames("x.csv"));
    }

    @Test
    void sidecarBesideItsMedia_isNotAnAsset_butAJsonAloneIs() {
        List<String> folder = List.of("A001C003.MOV", "A001C003.MOV.json", "A001C004.MOV", "A001C004.XML",
                "notes.json", "report.csv", "README");
        assertTrue(Sidecars.isSidecarOfNeighbour("A001C003.MOV.json", folder));
        assertTrue(Sidecars.isSidecarOfNeighbour("A001C004.XML", folder));
        assertFalse(Sidecars.isSidecarOfNeighbour("notes.json", folder));
        assertFalse(Sidecars.isSidecarOfNeighbour("report.csv", folder));
        assertFalse(Sidecars.isSidecarOfNeighbour("A001C003.MOV", folder));
        assertEquals(Set.of("A001C003.MOV.json", "A001C004.XML"), Sidecars.sidecarsOfNeighbours(folder));
    }

    @Test
    void twoSidecarFilesWithTheSameStem_areNotEachOthersSidecar() {
        List<String> folder = List.of("clip.json", "clip.xml");
        assertEquals(Set.of(), Sidecars.sidecarsOfNeighbours(folder));
        assertTrue(Sidecars.isSidecarOfNeighbour("clip.xml.json", List.of("clip.xml")));
    }

    @Test
    void passedOverCandidates_areSidecarsToo() {
        List<String> folder = List.of("clip.MOV", "clip.MOV.json", "clip.json");
        assertEquals(Set.of("clip.MOV.json", "clip.json"), Sidecars.sidecarsOfNeighbours(folder));
        assertEquals(List.of("clip.MOV.json", "clip.json"), Sidecars.candidatesAmong("clip.MOV", folder));
    }

    @Test
    void changedSidecar_mapsBackToTheMediaFilesThatReadIt() {
        List<String> folder = List.of("clip.MOV", "clip.mp4", "clip.MOV.json", "clip.json", "clip.xml", "data.csv",
                "data.csv.json");
        assertEquals(List.of("clip.MOV"), Sidecars.mediaFilesOf("clip.MOV.json", folder));
        assertEquals(List.of("clip.mp4"), Sidecars.mediaFilesOf("clip.json", folder));
        assertEquals(List.of(), Sidecars.mediaFilesOf("clip.xml", folder)); // passed over by both clips
        assertEquals(List.of("data.csv"), Sidecars.mediaFilesOf("data.csv.json", folder));
        assertEquals(List.of(), Sidecars.mediaFilesOf("clip.MOV", folder));
    }

    @Test
    void sidecarsOfNeighbours_agreesWithCandidatesAmong() {
        List<String> folder = List.of("a.MOV", "a.MOV.JSON", "a.csv", "b", "b.xml", "c.json", "c.json.csv",
                ".json", "d.tar.gz", "d.tar.json", "e.mp4.xml.json");
        Set<String> expected = new java.util.HashSet<>();
        for (String media : folder) {
            expected.addAll(Sidecars.candidatesAmong(media, folder));
        }
        assertEquals(expected, Sidecars.sidecarsOfNeighbours(folder));
    }

    @Test
    void isSidecarOfNeighbour_onDisk_listsTheFolder(@TempDir Path dir) throws IOException {
        Files.createFile(dir.resolve("clip.MOV"));
        Path sidecar = Files.createFile(dir.resolve("clip.MOV.json"));
        Path alone = Files.createFile(dir.resolve("alone.json"));
        Files.createDirectory(dir.resolve("folder"));
        Path besideFolder = Files.createFile(dir.resolve("folder.json"));

        assertTrue(Sidecars.isSidecarOfNeighbour(sidecar));
        assertFalse(Sidecars.isSidecarOfNeighbour(alone));
        assertFalse(Sidecars.isSidecarOfNeighbour(besideFolder));
        assertFalse(Sidecars.isSidecarOfNeighbour(dir.resolve("clip.MOV")));
    }
}
