package io.github.iconiksdk.core.upload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a file's bytes to a pre-signed upload URL, in the two shapes iconik's Google Cloud storages serve: one
 * {@code PUT} of the whole body for small files, and a resumable session for large ones ({@code POST} with
 * {@code x-goog-resumable: start} gives the session URL; each chunk is a {@code PUT} with
 * {@code Content-Range: bytes a-b/total}, answered 308 with the confirmed {@code Range} until the last, answered 200
 * with the object; {@code Content-Range: bytes * /total} asks how much was confirmed). Upload URLs need no iconik
 * headers, so this uses its own HTTP client and never sees the Auth-Token.
 *
 * <p>Failures of the URL (5xx, 429, a reset connection, a timeout) are retried within a budget of attempts; a chunk
 * is never sent blindly again: the session is asked what it holds first. When the server's answer names the object's
 * size and MD5 ({@code size}, {@code md5Hash}, as Google Cloud Storage's object resource does), both are checked.
 */
public final class UrlUpload {

    private static final Logger LOG = LoggerFactory.getLogger(UrlUpload.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final int PIECE = 1 << 20;

    /** The URL refuses the upload for good (expired, revoked, object gone): make a new URL or record. */
    public static final class UrlGoneException extends IconikClientException {
        private static final long serialVersionUID = 1L;

        UrlGoneException(String message) {
            super(message, null, false);
        }
    }

    /** What the storage answered for a completed upload. */
    record Completed(long bytes, boolean resumed) {
    }

    private final HttpClient http;
    private final long chunkSize;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;

    /**
     * @param http      the HTTP client for upload URLs
     * @param chunkSize bytes per resumable chunk (a multiple of 256 KiB, as Google Cloud Storage requires)
     * @param attempts  how many times one request is tried
     * @param backoff   the first wait between attempts (doubled each time, at most 8 s)
     * @param timeout   the longest one request may take
     */
    public UrlUpload(HttpClient http, long chunkSize, int attempts, Duration backoff, Duration timeout) {
        this.http = http;
        this.chunkSize = chunkSize;
        this.attempts = attempts;
        this.backoff = backoff;
        this.timeout = timeout;
    }

    long chunkSize() {
        return chunkSize;
    }

    /**
     * Uploads a small file with one PUT (again on a retryable failure).
     *
     * @param url      the upload URL
     * @param file     the file
     * @param md5Hex   its MD5, to check against the storage's answer
     * @param progress receives bytes confirmed
     * @return what was uploaded
     */
    Completed putWhole(String url, Path file, String md5Hex, LongConsumer progress) {
        long size = size(file);
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                int status = resp.statusCode();
                if (status == 200 || status == 201) {
                    verify(resp, size, md5Hex, url);
                    progress.accept(size);
                    return new Completed(size, false);
                }
                failOrWait(status, resp, attempt, "PUT " + redact(url));
            } catch (IOException e) {
                retryOrThrow(e, attempt, "PUT " + redact(url));
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
    }

    /**
     * Starts a resumable session.
     *
     * @param url the upload URL
     * @return the session URL
     */
    String startSession(String url) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                        .header("x-goog-resumable", "start").header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.noBody()).build();
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                int status = resp.statusCode();
                if (status == 200 || status == 201) {
                    return resp.headers().firstValue("Location").orElseThrow(() -> new IconikClientException(
                            "the upload URL started a session without a Location header", null, false));
                }
                failOrWait(status, resp, attempt, "start of a resumable upload");
            } catch (IOException e) {
                retryOrThrow(e, attempt, "start of a resumable upload");
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
    }

    /**
     * Sends what the session does not hold yet, chunk by chunk, asking it first how much it confirmed.
     *
     * @param session   the session URL
     * @param file      the file
     * @param md5Hex    its MD5, to check against the storage's final answer
     * @param confirmed called with the bytes confirmed after each chunk (to journal them)
     * @return what was uploaded; {@code resumed} when the session already held bytes at the start
     */
    Completed putChunks(String session, Path file, String md5Hex, LongConsumer confirmed) {
        long size = size(file);
        long have = query(session, size);
        boolean resumed = have > 0;
        if (have == size && size > 0) {
            // Everything arrived; the final answer was lost. Asking again gives the object.
            confirmed.accept(size);
            return new Completed(size, true);
        }
        int failures = 0;
        while (true) {
            final long from = have;
            final long end = Math.min(size, from + chunkSize);
            String range = size == 0 ? "bytes */0" : "bytes " + from + "-" + (end - 1) + "/" + size;
            try {
                HttpRequest.BodyPublisher body = end == from ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofByteArrays(() -> pieces(file, from, end - from)), end - from);
                HttpRequest req = HttpRequest.newBuilder(URI.create(session)).timeout(timeout)
                        .header("Content-Range", range).PUT(body).build();
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                int status = resp.statusCode();
                if (status == 200 || status == 201) {
                    verify(resp, size, md5Hex, session);
                    confirmed.accept(size);
                    return new Completed(size, resumed);
                }
                if (status == 308) {
                    have = rangeEnd(resp);
                    confirmed.accept(have);
                    failures = 0;
                    continue;
                }
                if (status == 400) {
                    // The session holds something else than assumed (an answer was lost): ask and go on from there.
                    if (++failures >= attempts) {
                        throw new IconikClientException("the upload session refused chunk " + range + " "
                                + failures + " times: " + resp.body(), null, false);
                    }
                    have = query(session, size);
                    continue;
                }
                failOrWait(status, resp, ++failures, "chunk upload");
                have = query(session, size);
            } catch (IOException e) {
                retryOrThrow(e, ++failures, "chunk upload");
                have = query(session, size);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
    }

    /** Asks a session how many bytes it holds; the total when the upload is complete. */
    long query(String session, long size) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(session)).timeout(timeout)
                        .header("Content-Range", "bytes */" + size).PUT(HttpRequest.BodyPublishers.noBody()).build();
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                int status = resp.statusCode();
                if (status == 308) {
                    return rangeEnd(resp);
                }
                if (status == 200 || status == 201) {
                    return size;
                }
                failOrWait(status, resp, attempt, "upload status query");
            } catch (IOException e) {
                retryOrThrow(e, attempt, "upload status query");
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
    }

    private static long rangeEnd(HttpResponse<?> resp) {
        Optional<String> range = resp.headers().firstValue("Range");
        if (range.isEmpty()) {
            return 0;
        }
        Matcher m = RANGE.matcher(range.get().trim());
        if (!m.matches()) {
            throw new IconikClientException("the upload session answered an unreadable Range: " + range.get(), null,
                    false);
        }
        return Long.parseLong(m.group(2)) + 1;
    }

    private void failOrWait(int status, HttpResponse<String> resp, int attempt, String what) {
        if (status == 403 || status == 404 || status == 410) {
            throw new UrlGoneException(what + " was refused with " + status + ": " + abbreviate(resp.body()));
        }
        boolean retryable = status == 429 || status >= 500 || status == 408;
        if (!retryable || attempt >= attempts) {
            throw new IconikClientException(what + " failed with " + status + " after " + attempt + " attempt(s): "
                    + abbreviate(resp.body()), null, false);
        }
        long wait = resp.headers().firstValue("Retry-After").map(UrlUpload::seconds).orElse(-1L);
        sleep(wait >= 0 ? Math.min(wait * 1000, backoffMs(attempt) * 4) : backoffMs(attempt));
    }

    private void retryOrThrow(IOException e, int attempt, String what) {
        if (attempt >= attempts) {
            throw new IconikClientException(what + " failed after " + attempt + " attempt(s): " + e, e, false);
        }
        LOG.debug("{} failed ({}); trying again", what, e.toString());
        sleep(backoffMs(attempt));
    }

    private long backoffMs(int attempt) {
        return Math.min(8000, backoff.toMillis() << Math.min(attempt - 1, 10));
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void verify(HttpResponse<String> resp, long size, String md5Hex, String url) {
        String body = resp.body();
        if (body == null || body.isBlank() || !body.trim().startsWith("{")) {
            return;
        }
        JsonNode obj;
        try {
            obj = JSON.readTree(body);
        } catch (IOException e) {
            return;
        }
        if (obj.hasNonNull("size") && obj.get("size").asLong(-1) != size) {
            throw new IconikException("the storage holds " + obj.get("size").asText() + " bytes after the upload to "
                    + redact(url) + ", not the " + size + " sent");
        }
        if (md5Hex != null && obj.hasNonNull("md5Hash")) {
            String theirs = HexFormat.of().formatHex(Base64.getDecoder().decode(obj.get("md5Hash").asText()));
            if (!theirs.equalsIgnoreCase(md5Hex)) {
                throw new IconikException("checksum mismatch after the upload to " + redact(url) + ": the storage has"
                        + " MD5 " + theirs + ", the file " + md5Hex.toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Upload URLs carry their signature in the path or query: only scheme, host and port are shown. */
    static String redact(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/…";
        } catch (IllegalArgumentException e) {
            return "(upload URL)";
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IconikClientException("cannot read " + file + ": " + e.getMessage(), e, false);
        }
    }

    /** A byte range of a file as 1 MiB pieces read on demand (larger reads than an InputStream publisher's). */
    private static java.util.Iterator<byte[]> pieces(Path file, long from, long length) {
        return new java.util.Iterator<>() {
            private long offset = from;
            private final long end = from + length;

            @Override
            public boolean hasNext() {
                return offset < end;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                int n = (int) Math.min(PIECE, end - offset);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                    while (buf.hasRemaining()) {
                        if (ch.read(buf, offset + buf.position()) < 0) {
                            throw new java.io.UncheckedIOException(new java.io.EOFException(file
                                    + " became shorter during its upload"));
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot read " + file, e);
                }
                offset += n;
                return buf.array();
            }
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static IconikException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IconikClientException("upload interrupted", e, false);
    }
}
