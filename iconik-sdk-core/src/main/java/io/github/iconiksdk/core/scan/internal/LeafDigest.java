// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

/**
 * The digest of a leaf folder's files in scope ({@link FolderDigests}): 128 bits, the sum of one 128-bit hash per
 * file over its name (UTF-16 chars, not encoded), size, modification time (ns) and file key, plus the file count.
 * A sum does not depend on the order of the files, so a listing is digested as the operating system returns it,
 * before (and, for a folder the pass then passes over, without) sorting it.
 *
 * <p>Not cryptographic, on purpose: a digest is compared only with the one recorded for the same folder, by a
 * scanner of a storage that whoever names its files can write to anyway. Two different listings of one folder
 * agree by accident with a chance of about 2<sup>-128</sup>; such a false match would hide that folder's change
 * until any of its files changes again (the digest is then different, and the folder is merged row by row). The
 * file key enters through {@link Object#hashCode()} (for Unix keys a 32-bit mix of device and inode), so a file
 * replaced by another of the same name, size and modification time to the nanosecond, on an inode that hashes
 * alike, is not noticed either (on one device, inode numbers below 2<sup>32</sup> never hash alike); the stored
 * key then stays the old one, which can only turn a later move of that file into a removal plus a new file.
 * Digests recorded by an older scanner (MD5 in walk order) simply do not match: each such folder is merged row by
 * row once and gets a digest of this kind. The cost that matters: a few multiplications per character, in the
 * listing threads, where MD5 ran as plain Java code under the C1 compiler the launcher uses for short commands.
 */
final class LeafDigest {

    private static final long P1 = 0x9E3779B97F4A7C15L; // odd 64-bit multipliers, different per lane
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;

    private long sum1;
    private long sum2;
    private int files;

    /**
     * Adds one file.
     *
     * @param name          its name in the folder
     * @param size          its size in bytes
     * @param modifiedNanos its modification time, nanoseconds since the epoch
     * @param fileKey       its file key object, or {@code null} where there is none
     */
    void add(String name, long size, long modifiedNanos, Object fileKey) {
        long h1 = 0x243F6A8885A308D3L;
        long h2 = 0x13198A2E03707344L;
        for (int i = 0, n = name.length(); i < n; i++) {
            char c = name.charAt(i);
            h1 = (h1 ^ c) * P1;
            h2 = (h2 + c) * P2;
        }
        int key = fileKey == null ? 0 : fileKey.hashCode();
        h1 = mix(h1 ^ size ^ ((long) name.length() << 48));
        h1 = mix(h1 + modifiedNanos);
        h1 = mix(h1 ^ (key & 0xFFFFFFFFL) ^ (fileKey == null ? 1L << 40 : 0));
        h2 = mix(h2 + modifiedNanos * P1);
        h2 = mix(h2 ^ size * P2 ^ ((long) key << 32));
        sum1 += h1;
        sum2 += h2;
        files++;
    }

    /** @return how many files were added */
    int files() {
        return files;
    }

    /** @return the 16-byte digest of the files added so far */
    byte[] toBytes() {
        long a = mix(sum1 ^ files);
        long b = mix(sum2 + files * P1);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (a >>> (56 - 8 * i));
            out[8 + i] = (byte) (b >>> (56 - 8 * i));
        }
        return out;
    }

    /** The finaliser of MurmurHash3 (64-bit): every input bit affects every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
