// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FileRegion} as the HTTP client sees it: the bytes of the range in order, with its digests, and pieces used
 * again only after the client consumed them, even when the client holds several unwritten pieces at once and when
 * many regions run one after another on the shared pool.
 */
class FileRegionTest {

    @TempDir
    Path tmp;

    /**
     * A client that asks for {@code window} pieces at a time and writes (consumes) them only when the window is
     * full, checking each piece's bytes when it writes it: a piece reused while held would show another range's bytes.
     */
    private static final class Client implements Flow.Subscriber<ByteBuffer> {
        private final int window;
        private final List<ByteBuffer> held = new ArrayList<>();
        private final List<byte[]> copiesWhenGiven = new ArrayList<>();
        private final java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private boolean complete;
        private Throwable error;

        Client(int window) {
            this.window = window;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(window);
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] copy = new byte[item.remaining()];
            item.duplicate().get(copy);
            held.add(item);
            copiesWhenGiven.add(copy);
            if (held.size() == window) {
                writeHeld();
                subscription.request(window);
            }
        }

        private void writeHeld() {
            for (int i = 0; i < held.size(); i++) {
                ByteBuffer b = held.get(i);
                byte[] now = new byte[b.remaining()];
                b.get(now); // consumes it, as a channel write does
                assertArrayEquals(copiesWhenGiven.get(i), now, "a piece changed while the client held it");
                written.writeBytes(now);
            }
            held.clear();
            copiesWhenGiven.clear();
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            writeHeld();
            complete = true;
        }
    }

    /** A client driven by the test: each {@link #take} asks for pieces and writes (consumes) each one at once. */
    private static final class Stepper implements Flow.Subscriber<ByteBuffer> {
        private final java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private boolean complete;
        private Throwable error;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        void take(int pieces) {
            subscription.request(pieces);
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] b = new byte[item.remaining()];
            item.get(b);
            written.writeBytes(b);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            complete = true;
        }
    }

    private static byte[] send(FileRegion region, int window) {
        Client c = new Client(window);
        region.subscribe(c);
        assertTrue(c.complete, "completed: " + c.error);
        return c.written.toByteArray();
    }

    @Test
    void rangesOfAFile_arriveWhole_withTheirDigests_whilePiecesAreReused() throws Exception {
        byte[] content = new byte[5 * FileRegion.PIECE + 12345];
        new Random(3).nextBytes(content);
        Path file = Files.write(tmp.resolve("f.bin"), content);
        Random r = new Random(5);
        for (int round = 0; round < 40; round++) {
            int from = r.nextInt(content.length);
            int length = r.nextInt(content.length - from + 1);
            int window = 1 + r.nextInt(6);
            byte[] want = Arrays.copyOfRange(content, from, from + length);
            FileRegion md5 = FileRegion.of(file, from, length, true);
            if (length == 0) {
                continue;
            }
            assertArrayEquals(want, send(md5, window), "range " + from + "+" + length + ", window " + window);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(want)),
                    HexFormat.of().formatHex(md5.md5()));
            FileRegion crc = FileRegion.withCrc32c(file, from, length);
            assertArrayEquals(want, send(crc, window));
            CRC32C expected = new CRC32C();
            expected.update(want);
            assertEquals(expected.getValue(), crc.crc32c());
        }
    }

    @Test
    void sha1AtEnd_followsTheBytes() throws Exception {
        byte[] content = new byte[FileRegion.PIECE + 7];
        new Random(4).nextBytes(content);
        Path file = Files.write(tmp.resolve("g.bin"), content);
        byte[] sent = send(FileRegion.withSha1AtEnd(file, 0, content.length), 2);
        assertArrayEquals(content, Arrays.copyOf(sent, content.length));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content)),
                new String(sent, content.length, 40, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void aFileCutShortWhileItsPartIsHashed_failsTheAttempt_andPublishesNoDigest() throws Exception {
        byte[] content = new byte[3 * FileRegion.PIECE + 99];
        new Random(6).nextBytes(content);
        Path file = Files.write(tmp.resolve("cut.bin"), content);
        FileRegion region = FileRegion.of(file, 0, content.length, true);
        FileRegion sha1 = FileRegion.withSha1AtEnd(file, 0, content.length);
        Stepper a = new Stepper();
        Stepper b = new Stepper();
        region.subscribe(a);
        sha1.subscribe(b);
        a.take(1);
        b.take(1);
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(FileRegion.PIECE + FileRegion.PIECE / 2);
        }
        a.take(10);
        b.take(10);
        assertInstanceOf(java.io.EOFException.class, a.error, "the attempt fails");
        assertInstanceOf(java.io.EOFException.class, b.error, "the attempt fails");
        assertTrue(!a.complete && !b.complete);
        assertNull(region.md5(), "no digest of a part read only in part");
        assertNull(sha1.sha1(), "no digest of a part read only in part");
        assertEquals(FileRegion.PIECE, b.written.size(), "no SHA-1 trailer after a short read");
    }

    @Test
    void anAttemptStillDrainingWhenARetrySubscribes_keepsItsDigestsApart() throws Exception {
        byte[] content = new byte[4 * FileRegion.PIECE + 5];
        new Random(7).nextBytes(content);
        Path file = Files.write(tmp.resolve("retry.bin"), content);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        for (boolean trailer : new boolean[] {false, true}) {
            FileRegion region = trailer ? FileRegion.withSha1AtEnd(file, 0, content.length)
                    : FileRegion.of(file, 0, content.length, true);
            Stepper first = new Stepper();
            region.subscribe(first);
            first.take(2); // the first attempt is given up on by the client, but its reader has not stopped yet
            Stepper retry = new Stepper();
            region.subscribe(retry);
            retry.take(100);
            assertTrue(retry.complete, "retry completed: " + retry.error);
            first.take(100); // the old attempt drains after the retry finished
            assertTrue(first.complete, "first completed: " + first.error);
            for (Stepper s : new Stepper[] {first, retry}) {
                byte[] sent = s.written.toByteArray();
                assertArrayEquals(content, Arrays.copyOf(sent, content.length));
                if (trailer) {
                    assertEquals(sha1, new String(sent, content.length, 40,
                            java.nio.charset.StandardCharsets.US_ASCII), "each attempt's own SHA-1 follows it");
                }
            }
            if (trailer) {
                assertEquals(sha1, HexFormat.of().formatHex(region.sha1()));
            } else {
                assertEquals(md5, HexFormat.of().formatHex(region.md5()));
            }
        }
    }
}
