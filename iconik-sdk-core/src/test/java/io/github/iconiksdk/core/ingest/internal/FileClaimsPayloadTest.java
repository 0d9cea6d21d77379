// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.core.work.WorkItem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The changes a shared queue carries between gateways: every kind the scanner reports (a move under the path it
 * left, so that it waits for work on that file) comes back as the same change from the item's key and payload.
 */
class FileClaimsPayloadTest {

    private static final Instant TIME = Instant.ofEpochMilli(1_764_950_400_123L);

    private static ScanEvent.Change roundTrip(ScanEvent.Change change) {
        WorkItem item = new WorkItem("s1", WorkItem.FILE, change.movedFrom().orElse(change.path()),
                FileClaims.payloadOf(change));
        return FileClaims.changeOf(item).orElseThrow();
    }

    @Test
    void newModifiedAndRemoved_comeBackUnchanged() {
        for (ChangeType type : new ChangeType[] {ChangeType.NEW, ChangeType.MODIFIED, ChangeType.REMOVED}) {
            ScanEvent.Change c = ScanEvent.Change.of(type, "card 1/clip 01.mov", 42, TIME,
                    "9e107d9d372bb6826bd81d3542a419d6");
            assertEquals(c, roundTrip(c));
        }
        ScanEvent.Change noMd5 = ScanEvent.Change.of(ChangeType.REMOVED, "gone.mov", 0, TIME, null);
        assertEquals(noMd5, roundTrip(noMd5));
    }

    @Test
    void aMove_isKeyedByThePathItLeft_andComesBackWithBothPaths() {
        ScanEvent.Change moved = ScanEvent.Change.moved("old folder/a b.mov", "new folder/a b c.mov", 7, TIME, null);
        WorkItem item = new WorkItem("s1", WorkItem.FILE, "old folder/a b.mov", FileClaims.payloadOf(moved));
        assertEquals("MOVED 7 1764950400123  new folder/a b c.mov", item.payload());
        assertEquals(moved, roundTrip(moved));
    }

    @Test
    void anItemOfferedByPathAlone_carriesNoChange() {
        assertEquals(Optional.empty(), FileClaims.changeOf(WorkItem.of("s1", WorkItem.FILE, "a.mov")));
    }
}
