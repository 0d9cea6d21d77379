// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A byte range of a file as an HTTP request body, read from a {@link FileChannel} piece by piece as the HTTP client
 * asks for more (reactive-streams demand), so that a part is never held whole in memory: at most the pieces the
 * client has asked for and not yet written. Optionally measures the bytes as they go out (MD5, SHA-1, CRC32C), and
 * may append the SHA-1 as 40 hex digits after the range (Backblaze B2's {@code X-Bz-Content-Sha1:
 * hex_digits_at_end}).
 *
 * <p>Pieces are direct buffers taken from a small pool shared by all regions and used again once the HTTP client has
 * written them: a buffer goes back to use only when it has no bytes remaining, which is how the JDK client (and any
 * channel write) marks what it consumed, and a consumed buffer is never read again. This saves, per byte, the
 * zeroing of a new buffer and the two copies through the JDK's temporary direct buffers that heap buffers cost on
 * the file read and on the socket write (measured: {@code BENCHMARKS.md}, "Original upload"). A buffer not yet
 * consumed is never reused; one the client drops unwritten (a failed request) is simply left to the collector.
 *
 * <p>Each subscription (each attempt of a request) reads the range afresh with digests of its own, and publishes them
 * only once it has read the whole range; read them with {@link #md5()} / {@link #sha1()} / {@link #crc32c()} after the
 * request completed. An attempt that fails part-way (the file became shorter, a read failed) publishes nothing, and
 * an earlier attempt still draining when a retry subscribes (the HTTP client gave up on it) cannot mix its bytes into
 * the retry's digests or its SHA-1 trailer.
 */
final class FileRegion implements Flow.Publisher<ByteBuffer> {

    /** Bytes per piece handed to the HTTP client. */
    static final int PIECE = 256 << 10;
    /** Pieces kept for reuse across all regions (16 MiB of direct memory at most). */
    private static final int POOLED = 64;
    /** A piece not consumed this long after its request completed belongs to a request given up on. */
    private static final long STALE_NANOS = 10_000_000_000L;
    /** Pieces looked at in the shared pool before a new one is made. */
    private static final int TRIES = 4;
    private static final ConcurrentLinkedQueue<Pooled> POOL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOL_SIZE = new AtomicInteger();

    /** A piece in the shared pool, with when its subscription released it. */
    private record Pooled(ByteBuffer buffer, long releasedAt) {
    }

    private final Path file;
    private final long offset;
    private final long length;
    private final boolean md5;
    private final boolean sha1;
    private final boolean sha1HexAtEnd;
    private final boolean crc;
    private volatile long crcResult = -1;
    private volatile byte[] md5Result;
    private volatile byte[] sha1Result;

    private FileRegion(Path file, long offset, long length, boolean md5, boolean sha1, boolean sha1HexAtEnd,
                       boolean crc) {
        this.file = file;
        this.crc = crc;
        this.offset = offset;
        this.length = length;
        this.md5 = md5;
        this.sha1 = sha1 || sha1HexAtEnd;
        this.sha1HexAtEnd = sha1HexAtEnd;
    }

    /**
     * @param file   the file
     * @param offset where the range starts
     * @param length its length
     * @param md5    whether to measure the MD5 of the range
     * @return the region
     */
    static FileRegion of(Path file, long offset, long length, boolean md5) {
        return new FileRegion(file, offset, length, md5, false, false, false);
    }

    /**
     * @param file   the file
     * @param offset where the range starts
     * @param length its length
     * @return the region, measuring the CRC32C of the range as it goes out (CRC32C is a CPU instruction: almost free)
     */
    static FileRegion withCrc32c(Path file, long offset, long length) {
        return new FileRegion(file, offset, length, false, false, false, true);
    }

    /**
     * @param file   the file
     * @param offset where the range starts
     * @param length its length
     * @return the region, followed by its SHA-1 in 40 lower-case hex digits
     */
    static FileRegion withSha1AtEnd(Path file, long offset, long length) {
        return new FileRegion(file, offset, length, false, true, true, false);
    }

    /** @return the body publisher (with its exact length) */
    HttpRequest.BodyPublisher body() {
        long total = length + (sha1HexAtEnd ? 40 : 0);
        return total == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.fromPublisher(this,
                total);
    }

    /** @return the MD5 of the range as last sent completely, or null */
    byte[] md5() {
        return md5Result;
    }

    /** @return the SHA-1 of the range as last sent completely, or null */
    byte[] sha1() {
        return sha1Result;
    }

    /** @return the CRC32C of the range as last sent completely (java.util.zip.CRC32C's value), or -1 */
    long crc32c() {
        return crcResult;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(e);
            return;
        }
        subscriber.onSubscribe(new Reader(subscriber, ch));
    }

    /**
     * Reads the range once and returns its MD5, for a protocol whose service checks a part only against a
     * checksum declared before the bytes (Azure's {@code Content-MD5} on Put Block).
     *
     * @param file   the file
     * @param offset where the range starts
     * @param length its length
     * @return the MD5 of the range
     * @throws java.io.UncheckedIOException when the file cannot be read, or ends before the range does
     */
    static byte[] md5Ahead(Path file, long offset, long length) {
        MessageDigest md = digest("MD5");
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(PIECE, Math.max(1, length)));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = offset;
            long end = offset + length;
            while (pos < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new EOFException(file + " ends at " + pos + ", before the part's end at " + end);
                }
                md.update(buf.array(), 0, n);
                pos += n;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + " for its part's MD5: " + e.getMessage(), e);
        }
        return md.digest();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /**
     * One subscription: serves demand with pieces read at increasing positions, measuring them with digests of its
     * own; re-entrant-safe drain loop.
     */
    private final class Reader implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final FileChannel channel;
        private final MessageDigest md5Digest = md5 ? digest("MD5") : null;
        private final MessageDigest sha1Digest = sha1 ? digest("SHA-1") : null;
        private final CRC32C crcValue = crc ? new CRC32C() : null;
        /** This subscription's SHA-1, once it has read the whole range. */
        private byte[] sha1Measured;
        private boolean measured;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean done;
        private long position = offset;
        private boolean trailerSent;
        /** The pieces this subscription handed out, oldest first. */
        private final ArrayDeque<ByteBuffer> handedOut = new ArrayDeque<>();

        Reader(Flow.Subscriber<? super ByteBuffer> subscriber, FileChannel channel) {
            this.subscriber = subscriber;
            this.channel = channel;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(new IllegalArgumentException("demand must be positive, got " + n));
                return;
            }
            demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            drain();
        }

        @Override
        public void cancel() {
            done = true;
            close();
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (!done && demand.get() > 0) {
                    ByteBuffer next;
                    try {
                        next = next();
                    } catch (IOException e) {
                        fail(e);
                        return;
                    }
                    if (next == null) {
                        done = true;
                        close();
                        release();
                        subscriber.onComplete();
                        return;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(next);
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private ByteBuffer next() throws IOException {
            long end = offset + length;
            if (position < end) {
                int n = (int) Math.min(PIECE, end - position);
                ByteBuffer buf = piece().limit(n);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, position + buf.position()) < 0) {
                        throw new EOFException(file + " became shorter while it was uploaded");
                    }
                }
                buf.flip();
                if (md5Digest != null) {
                    md5Digest.update(buf.duplicate());
                }
                if (sha1Digest != null) {
                    sha1Digest.update(buf.duplicate());
                }
                if (crcValue != null) {
                    crcValue.update(buf.duplicate());
                }
                position += n;
                if (position == end) {
                    finishDigests();
                }
                return buf;
            }
            if (!measured) {
                finishDigests(); // an empty range
            }
            if (sha1HexAtEnd && !trailerSent) {
                trailerSent = true;
                return ByteBuffer.wrap(HexFormat.of().formatHex(sha1Measured).getBytes(StandardCharsets.US_ASCII));
            }
            return null;
        }

        /** The whole range was read: publishes this subscription's digests. */
        private void finishDigests() {
            measured = true;
            if (md5Digest != null) {
                md5Result = md5Digest.digest();
            }
            if (sha1Digest != null) {
                sha1Measured = sha1Digest.digest();
                sha1Result = sha1Measured;
            }
            if (crcValue != null) {
                crcResult = crcValue.getValue();
            }
        }

        /**
         * @return an empty piece: the oldest of this subscription's if the client consumed it, else a consumed one
         *         from the shared pool, else a new one
         */
        private ByteBuffer piece() {
            ByteBuffer mine = handedOut.peekFirst();
            ByteBuffer buf = null;
            if (mine != null && !mine.hasRemaining()) {
                buf = handedOut.pollFirst();
            }
            for (int i = 0; buf == null && i < TRIES; i++) {
                Pooled pooled = POOL.poll();
                if (pooled == null) {
                    break;
                }
                if (!pooled.buffer().hasRemaining()) {
                    POOL_SIZE.decrementAndGet();
                    buf = pooled.buffer();
                } else if (System.nanoTime() - pooled.releasedAt() < STALE_NANOS) {
                    POOL.offer(pooled); // still being written: later
                } else {
                    POOL_SIZE.decrementAndGet(); // a request given up on holds it: left to the collector
                }
            }
            if (buf == null) {
                buf = ByteBuffer.allocateDirect(PIECE);
            }
            handedOut.addLast(buf);
            return buf.clear();
        }

        /** After the last piece: every piece handed out goes to the shared pool, to be reused once consumed. */
        private void release() {
            long now = System.nanoTime();
            for (ByteBuffer b : handedOut) {
                if (POOL_SIZE.incrementAndGet() <= POOLED) {
                    POOL.offer(new Pooled(b, now));
                } else {
                    POOL_SIZE.decrementAndGet();
                }
            }
            handedOut.clear();
        }

        private void fail(Throwable t) {
            done = true;
            close();
            subscriber.onError(t);
        }

        private void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a read-only channel: nothing to lose
            }
        }
    }
}
