// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CRC32C of joined byte strings from the parts' CRC32Cs, against {@link CRC32C} over the joined bytes. */
class Crc32cPropertiesTest {

    private static long crc(byte[] b, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(b, from, to - from);
        return c.getValue();
    }

    @Property(tries = 300)
    void combineOfTwoParts_isTheCrcOfBoth(@ForAll @Size(max = 3000) byte[] bytes, @ForAll int cutSeed) {
        int cut = bytes.length == 0 ? 0 : Math.floorMod(cutSeed, bytes.length + 1);
        assertEquals(crc(bytes, 0, bytes.length),
                Crc32c.combine(crc(bytes, 0, cut), crc(bytes, cut, bytes.length), bytes.length - cut));
    }

    @Property(tries = 50)
    void combineOfManyParts_inOrder_isTheCrcOfTheWhole(@ForAll @Size(min = 1, max = 5000) byte[] bytes,
                                                       @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 700)
                                                       int part) {
        long all = -1;
        for (int from = 0; from < bytes.length; from += part) {
            int to = Math.min(bytes.length, from + part);
            long one = crc(bytes, from, to);
            all = all < 0 ? one : Crc32c.combine(all, one, to - from);
        }
        assertEquals(crc(bytes, 0, bytes.length), all);
    }

    @Property(tries = 20)
    void ofARangeOfAFile_isTheCrcOfThoseBytes(@ForAll @Size(min = 1, max = 3000) byte[] bytes, @ForAll int a,
                                              @ForAll int b) throws Exception {
        int from = Math.floorMod(a, bytes.length);
        int to = from + Math.floorMod(b, bytes.length - from + 1);
        Path f = Files.createTempFile("crc", ".bin");
        try {
            Files.write(f, bytes);
            assertEquals(crc(bytes, from, to), Crc32c.of(f, from, to - from));
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 10)
    void base64_isFourBytesBigEndian(@ForAll int v) {
        long crc = v & 0xFFFFFFFFL;
        byte[] raw = java.util.Base64.getDecoder().decode(Crc32c.base64(crc));
        assertEquals(4, raw.length);
        assertEquals(crc, ((raw[0] & 0xFFL) << 24) | ((raw[1] & 0xFFL) << 16) | ((raw[2] & 0xFFL) << 8)
                | (raw[3] & 0xFFL));
    }
}
