// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A GCS part's journal text: its key and CRC32C survive a round trip, and a part journalled by an older version
 * (the bare key) comes back without a CRC32C, so that the upload reads that part again for it.
 */
class GcsPartTagTest {

    @Test
    void keyAndCrc_roundTrip_evenWithSpacesAndHighBits() {
        GcsParallelUpload.PartTag t = GcsParallelUpload.PartTag.parse(
                GcsParallelUpload.PartTag.of("a b/part 7", 0xFEDCBA98L));
        assertEquals("a b/part 7", t.key());
        assertEquals(0xFEDCBA98L, t.crc32c());
        assertEquals(0L, GcsParallelUpload.PartTag.parse(GcsParallelUpload.PartTag.of("k", 0)).crc32c());
    }

    @Test
    void bareKeyOfAnOlderJournal_hasNoCrc() {
        assertEquals(new GcsParallelUpload.PartTag("uploads/x/part_3", -1),
                GcsParallelUpload.PartTag.parse("uploads/x/part_3"));
        assertEquals(new GcsParallelUpload.PartTag("crc32c=zzzzzzzz key", -1),
                GcsParallelUpload.PartTag.parse("crc32c=zzzzzzzz key"));
    }
}
