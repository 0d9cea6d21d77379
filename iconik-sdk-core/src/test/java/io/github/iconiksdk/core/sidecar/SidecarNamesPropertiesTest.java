// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The linear folder-wide functions agree with the per-file search order on random folders. */
class SidecarNamesPropertiesTest {

    @Property(tries = 300)
    void sidecarsOfNeighbours_isTheUnionOfEveryFilesCandidates(@ForAll("folders") Set<String> folder) {
        Set<String> expected = new HashSet<>();
        for (String media : folder) {
            expected.addAll(Sidecars.candidatesAmong(media, folder));
        }
        assertEquals(expected, Sidecars.sidecarsOfNeighbours(folder));
    }

    @Property(tries = 300)
    void mediaFilesOf_isTheInverseOfTheChosenCandidate(@ForAll("folders") Set<String> folder) {
        for (String sidecar : folder) {
            for (String media : Sidecars.mediaFilesOf(sidecar, folder)) {
                assertEquals(sidecar, Sidecars.candidatesAmong(media, folder).get(0));
            }
        }
        for (String media : folder) {
            List<String> found = Sidecars.candidatesAmong(media, folder);
            if (!found.isEmpty()) {
                assertTrue(Sidecars.mediaFilesOf(found.get(0), folder).contains(media), media + " " + found);
            }
        }
    }

    @Provide
    Arbitrary<Set<String>> folders() {
        Arbitrary<String> stem = Arbitraries.of("clip", "Clip", "a", "b.c", "x.json", "");
        Arbitrary<String> ext = Arbitraries.of("", ".MOV", ".mov", ".json", ".JSON", ".xml", ".csv", ".Csv", ".r3d",
                ".MOV.json", ".mov.xml", ".json.csv");
        return Combinators.combine(stem, ext).as((s, e) -> s + e).filter(n -> !n.isEmpty())
                .set().ofMinSize(1).ofMaxSize(10);
    }
}
