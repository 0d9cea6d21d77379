// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

/**
 * The CRC32C (Castagnoli, as Google Cloud Storage reports it) of two byte strings joined, from the CRC32C of each
 * and the length of the second, without the bytes: what the fake needs to name the CRC32C of a composed object whose
 * parts it did not keep. Appending {@code n} zero bits to a message is a linear map on the 32-bit CRC register, so
 * it is a 32×32 matrix over GF(2); squaring gives the map for twice as many zeros, and the length's bits pick which
 * powers to apply (O(log n) matrix products).
 */
final class Crc32cCombine {

    /** The reflected Castagnoli polynomial (java.util.zip.CRC32C's). */
    private static final long POLY = 0x82F63B78L;

    private Crc32cCombine() {
    }

    /**
     * @param crc1 the CRC32C of the first string
     * @param crc2 the CRC32C of the second string
     * @param len2 the length in bytes of the second string
     * @return the CRC32C of the first string followed by the second
     */
    static long combine(long crc1, long crc2, long len2) {
        if (len2 <= 0) {
            return crc1;
        }
        long[] oneZeroBit = new long[32];
        oneZeroBit[0] = POLY;
        for (int n = 1; n < 32; n++) {
            oneZeroBit[n] = 1L << (n - 1);
        }
        long[] twoBits = square(oneZeroBit);
        long[] fourBits = square(twoBits);
        // op shifts the register by one zero byte (8 bits), then 2, 4, … bytes as it is squared
        long[] op = square(fourBits);
        long crc = crc1;
        for (long n = len2; n != 0; n >>>= 1) {
            if ((n & 1) != 0) {
                crc = times(op, crc);
            }
            op = square(op);
        }
        return crc ^ crc2;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static long[] square(long[] matrix) {
        long[] out = new long[32];
        for (int n = 0; n < 32; n++) {
            out[n] = times(matrix, matrix[n]);
        }
        return out;
    }
}
