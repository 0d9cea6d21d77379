// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CRC32C of joined strings computed from the parts' CRC32Cs equals the one measured over the bytes. */
class Crc32cCombinePropertiesTest {

    private static long crc(byte[] b, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(b, from, to - from);
        return c.getValue();
    }

    @Property(tries = 300)
    void combinedEqualsMeasured(@ForAll @Size(max = 3000) byte[] bytes, @ForAll @IntRange(max = 3000) int cut) {
        int at = Math.min(cut, bytes.length);
        assertEquals(crc(bytes, 0, bytes.length),
                Crc32cCombine.combine(crc(bytes, 0, at), crc(bytes, at, bytes.length), bytes.length - at));
    }

    @Property(tries = 50)
    void manyPartsJoinedInOrder(@ForAll @Size(min = 1, max = 20000) byte[] bytes,
                                @ForAll @IntRange(min = 1, max = 4096) int part) {
        long joined = -1;
        for (int from = 0; from < bytes.length; from += part) {
            int to = Math.min(bytes.length, from + part);
            long c = crc(bytes, from, to);
            joined = joined < 0 ? c : Crc32cCombine.combine(joined, c, to - from);
        }
        assertEquals(crc(bytes, 0, bytes.length), joined);
    }
}
