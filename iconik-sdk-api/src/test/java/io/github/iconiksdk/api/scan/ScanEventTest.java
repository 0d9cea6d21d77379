// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanEventTest {

    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L, 123);

    @Test
    void movedChange_carriesWhereFrom_andOnlyAMoveMay() {
        ScanEvent.Change moved = ScanEvent.Change.moved("a/old.mov", "b/new.mov", 5, T, null);
        assertEquals(ChangeType.MOVED, moved.type());
        assertEquals(Optional.of("a/old.mov"), moved.movedFrom());
        assertEquals(Optional.empty(), moved.md5());

        IllegalArgumentException noFrom = assertThrows(IllegalArgumentException.class,
                () -> new ScanEvent.Change(ChangeType.MOVED, "b/new.mov", 5, T, Optional.empty(), Optional.empty()));
        assertTrue(noFrom.getMessage().contains("b/new.mov"), noFrom.getMessage());
        IllegalArgumentException newWithFrom = assertThrows(IllegalArgumentException.class,
                () -> new ScanEvent.Change(ChangeType.NEW, "x", 5, T, Optional.empty(), Optional.of("y")));
        assertTrue(newWithFrom.getMessage().contains("NEW") && newWithFrom.getMessage().contains("x"),
                newWithFrom.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScanEvent.Change.of(ChangeType.MOVED, "x", 1, T, null));
    }

    @Test
    void change_refusesNullsAndNegativeSizes_namingThePath() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ScanEvent.Change.of(ChangeType.NEW, "clip.mov", -1, T, null));
        assertTrue(negative.getMessage().contains("clip.mov"), negative.getMessage());
        NullPointerException noTime = assertThrows(NullPointerException.class,
                () -> ScanEvent.Change.of(ChangeType.REMOVED, "clip.mov", 0, null, null));
        assertTrue(noTime.getMessage().contains("clip.mov"), noTime.getMessage());
        assertThrows(NullPointerException.class, () -> ScanEvent.Change.of(null, "clip.mov", 0, T, null));
        assertThrows(NullPointerException.class, () -> ScanEvent.Change.of(ChangeType.NEW, null, 0, T, null));
    }

    @Test
    void notices_sayWhichTheyAre_andCarryWhatTheyKnow() {
        ScanEvent growing = new ScanEvent.Growing("render.mov", 10, T);
        ScanEvent unreadable = new ScanEvent.Unreadable("locked", "Permission denied");
        assertEquals(NoticeType.GROWING, ((ScanEvent.Notice) growing).type());
        assertEquals(NoticeType.UNREADABLE, ((ScanEvent.Notice) unreadable).type());
        assertEquals("render.mov", growing.path());
        assertThrows(IllegalArgumentException.class, () -> new ScanEvent.Growing("g", -1, T));
        assertThrows(NullPointerException.class, () -> new ScanEvent.Unreadable("u", null));
    }
}
