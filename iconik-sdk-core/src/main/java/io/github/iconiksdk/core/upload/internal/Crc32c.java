// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli, as Google Cloud Storage reports it) of a file, of a range of it, and of ranges joined: the CRC32C
 * of {@code A} followed by {@code B} is that of {@code A} multiplied by {@code x^(8·|B|)} modulo the polynomial, added
 * (xor) to that of {@code B}, so the CRC32C of a whole object follows from its parts' without reading it again. The
 * powers {@code x^(8·2^k)} are tabled; a length's bits pick which to multiply (at most 64 products of 32 steps).
 * Polynomials are held reflected, as {@link CRC32C} computes: bit 31 is {@code x^0}.
 */
final class Crc32c {

    /** The Castagnoli polynomial, reflected. */
    private static final int POLY = 0x82F63B78;
    /** The polynomial 1, reflected. */
    private static final int ONE = 0x80000000;
    /** {@code x^(8·2^k) mod P} for k = 0..63. */
    private static final int[] BYTES_POW2 = new int[64];

    static {
        int p = ONE >>> 8; // x^8: one byte of zeros
        for (int k = 0; k < BYTES_POW2.length; k++) {
            BYTES_POW2[k] = p;
            p = multiply(p, p);
        }
    }

    private Crc32c() {
    }

    /** @return {@code a·b mod P}, both reflected */
    private static int multiply(int a, int b) {
        int product = 0;
        for (int bit = ONE; bit != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= b;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return product;
    }

    /**
     * @param first       the CRC32C of the first bytes ({@link CRC32C#getValue()})
     * @param second      the CRC32C of the bytes after them
     * @param secondBytes how many bytes {@code second} covers
     * @return the CRC32C of both, one after the other
     */
    static long combine(long first, long second, long secondBytes) {
        int shift = ONE;
        int k = 0;
        for (long n = secondBytes; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                shift = multiply(BYTES_POW2[k], shift);
            }
        }
        return (multiply(shift, (int) first) ^ (int) second) & 0xFFFFFFFFL;
    }

    /**
     * @param file   the file
     * @param offset where the range starts
     * @param length its length
     * @return the CRC32C of that range
     * @throws IOException when the file cannot be read or is shorter
     */
    static long of(Path file, long offset, long length) throws IOException {
        CRC32C crc = new CRC32C();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(1 << 20, Math.max(1, length)));
            long at = offset;
            long end = offset + length;
            while (at < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - at));
                int n = in.read(buf, at);
                if (n < 0) {
                    throw new IOException(file + " ends before byte " + end);
                }
                crc.update(buf.flip());
                at += n;
            }
        }
        return crc.getValue();
    }

    /** @return a CRC32C as Google Cloud Storage writes it: 4 bytes big-endian, Base64 */
    static String base64(long crc) {
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (crc >>> 24), (byte) (crc >>> 16),
                (byte) (crc >>> 8), (byte) crc});
    }
}
