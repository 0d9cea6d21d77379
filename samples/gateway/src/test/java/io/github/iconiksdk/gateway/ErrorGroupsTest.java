// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ErrorGroupsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    @Test
    void thirtyFilesFailingTheSameWay_areOneGroupOfThirty_withTheLatestExample() {
        ErrorGroups groups = new ErrorGroups();
        for (int i = 0; i < 30; i++) {
            groups.add(T0.plusSeconds(i), "no renditions for day1/A00" + i + "_C003.mov: no transcoder for .r3d"
                    + " files", null);
        }
        List<ErrorGroups.Group> g = groups.groups();
        assertEquals(1, g.size(), g.toString());
        assertEquals(30, g.get(0).count());
        assertEquals("no renditions for <path>: no transcoder for .r3d files", g.get(0).kind());
        assertEquals("no renditions for day1/A0029_C003.mov: no transcoder for .r3d files", g.get(0).latest());
        assertEquals(T0.plusSeconds(29), g.get(0).latestAt());
        assertEquals(T0, g.get(0).first());
    }

    @Test
    void theFileNamedApart_isTakenOutEvenWhereItDoesNotLookLikeAPath() {
        assertEquals("<file>: iconik answered 503 (after 4 attempts)",
                ErrorGroups.kind("README: iconik answered 503 (after 4 attempts)", "README"));
        assertEquals("<file>: cannot read <file>",
                ErrorGroups.kind("cards/README: cannot read README", "cards/README"));
    }

    @Test
    void idsAndLongNumbers_areTakenOut_butShortCodesStay() {
        assertEquals("asset <id> answered 404 after <n> ms",
                ErrorGroups.kind("asset 6f1e3c52-6f5b-11ee-9c2b-0242ac120002 answered 404 after 1250 ms", null));
        assertNotEquals(ErrorGroups.kind("iconik answered 503", null), ErrorGroups.kind("iconik answered 404", null));
    }

    @Test
    void differentKinds_areApart_mostRecentFirst() {
        ErrorGroups groups = new ErrorGroups();
        groups.add(T0, "unreadable: a.mov: permission denied", null);
        groups.add(T0.plusSeconds(1), "upload of the original failed for b.mov: connection reset", null);
        groups.add(T0.plusSeconds(2), "unreadable: c.mov: permission denied", null);
        List<ErrorGroups.Group> g = groups.groups();
        assertEquals(2, g.size());
        assertEquals("unreadable: <path>: permission denied", g.get(0).kind());
        assertEquals(2, g.get(0).count());
        assertEquals(1, g.get(1).count());
    }

    @Test
    void atMostMaxGroups_areKept_theLeastRecentlySeenGoesFirst() {
        ErrorGroups groups = new ErrorGroups();
        for (int i = 0; i < ErrorGroups.MAX_GROUPS + 3; i++) {
            groups.add(T0.plusSeconds(i), "distinct problem number " + "abcdefghijklmnopqrstuvwxyz".charAt(i % 26)
                    + (i / 26), null);
        }
        assertEquals(ErrorGroups.MAX_GROUPS, groups.groups().size());
        assertEquals(3, groups.evicted());
        assertEquals("distinct problem number d0", groups.groups().get(groups.groups().size() - 1).kind());
    }

    @Test
    void absolutePathsUnderTheMountPoint_andTempFolderNumbers_makeNoDifference() {
        String a = "no renditions for day1/clip8.mov: ffprobe cannot read /tmp/junit-6498095343167327257/storage/"
                + "day1/clip8.mov (exit 1): /tmp/junit-6498095343167327257/storage/day1/clip8.mov: Invalid data found"
                + " when processing input";
        String b = a.replace("clip8", "clip12").replace("6498095343167327257", "77");
        assertEquals("no renditions for <path>: ffprobe cannot read <path> (exit 1): <path>: Invalid data found when"
                + " processing input", ErrorGroups.kind(a, null));
        assertEquals(ErrorGroups.kind(a, null), ErrorGroups.kind(b, null));
        assertEquals("no renditions for <file>: ffprobe cannot read <file> (exit 1): <file>: Invalid data found when"
                + " processing input", ErrorGroups.kind(a, "day1/clip8.mov"));
        assertEquals("<file>: permission denied for a", ErrorGroups.kind("x/a: permission denied for a", "x/a"),
                "a short file name is not replaced inside other words");
    }
}
