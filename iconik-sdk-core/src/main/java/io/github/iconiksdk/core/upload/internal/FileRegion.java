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
import java.util.HexFormat;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte range of a file as an HTTP request body, read from a {@link FileChannel} piece by piece as the HTTP client
 * asks for more (reactive-streams demand), so that a part is never held whole on the heap: at most the pieces the
 * client has asked for and not yet written. Optionally measures the bytes as they go out (MD5, SHA-1), and may append
 * the SHA-1 as 40 hex digits after the range (Backblaze B2's {@code X-Bz-Content-Sha1: hex_digits_at_end}).
 *
 * <p>Each subscription (each attempt of a request) reads the range afresh and restarts the digests; read them with
 * {@link #md5()} / {@link #sha1()} after the request completed.
 */
final class FileRegion implements Flow.Publisher<ByteBuffer> {

    // Below half a G1 region even with small heaps, so that pieces are not humongous allocations.
    private static final int PIECE = 256 << 10;

    private final Path file;
    private final long offset;
    private final long length;
    private final boolean md5;
    private final boolean sha1;
    private final boolean sha1HexAtEnd;
    private volatile MessageDigest md5Digest;
    private volatile MessageDigest sha1Digest;
    private volatile byte[] md5Result;
    private volatile byte[] sha1Result;

    private FileRegion(Path file, long offset, long length, boolean md5, boolean sha1, boolean sha1HexAtEnd) {
        this.file = file;
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
        return new FileRegion(file, offset, length, md5, false, false);
    }

    /**
     * @param file   the file
     * @param offset where the range starts
     * @param length its length
     * @return the region, followed by its SHA-1 in 40 lower-case hex digits
     */
    static FileRegion withSha1AtEnd(Path file, long offset, long length) {
        return new FileRegion(file, offset, length, false, true, true);
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
        md5Digest = md5 ? digest("MD5") : null;
        sha1Digest = sha1 ? digest("SHA-1") : null;
        subscriber.onSubscribe(new Reader(subscriber, ch));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /** One subscription: serves demand with pieces read at increasing positions; re-entrant-safe drain loop. */
    private final class Reader implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final FileChannel channel;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean done;
        private long position = offset;
        private boolean trailerSent;

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
                ByteBuffer buf = ByteBuffer.allocate(n);
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
                position += n;
                if (position == end) {
                    finishDigests();
                }
                return buf;
            }
            if (length == 0 && (md5Result == null && sha1Result == null)) {
                finishDigests();
            }
            if (sha1HexAtEnd && !trailerSent) {
                trailerSent = true;
                return ByteBuffer.wrap(HexFormat.of().formatHex(sha1Result).getBytes(StandardCharsets.US_ASCII));
            }
            return null;
        }

        private void finishDigests() {
            if (md5Digest != null) {
                md5Result = md5Digest.digest();
            }
            if (sha1Digest != null) {
                sha1Result = sha1Digest.digest();
            }
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
