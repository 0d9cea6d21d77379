// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.api.IconikClientException;

import java.io.IOException;
import java.net.http.HttpClient;
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
 * Sends a file's bytes to a pre-signed upload URL in the two shapes of Google Cloud Storage that need no iconik call:
 * one {@code PUT} of the whole body for small files, and a resumable session for large ones ({@code POST} with
 * {@code x-goog-resumable: start} gives the session URL; each chunk is a {@code PUT} with
 * {@code Content-Range: bytes a-b/total}, answered 308 with the confirmed {@code Range} until the last, answered 200
 * with the object; {@code Content-Range: bytes * /total} asks how much was confirmed). Proxies and keyframes use
 * these; originals use the {@link OriginalUploader} of their storage's method.
 *
 * <p>Failures (5xx, 429, a reset connection, a timeout) are retried through {@link UrlTransfer}'s Resilience4j
 * retry; a chunk is never sent blindly again: after a failure the session is asked what it holds first. When the
 * answer names the object's size and MD5 ({@code size}, {@code md5Hash}, as the object resource does), both are
 * checked. Bodies stream from the file ({@link FileRegion}).
 */
public final class UrlUpload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    /** What the storage answered for a completed upload. */
    record Completed(long bytes, boolean resumed) {
    }

    private final UrlTransfer transfer;
    private final long chunkSize;

    /**
     * @param http      the HTTP client for upload URLs
     * @param chunkSize bytes per resumable chunk and per part (a multiple of 256 KiB, as Google Cloud Storage
     *                  requires)
     * @param attempts  how many times one request is tried
     * @param backoff   the first wait between attempts (doubled each time, at most 8 s)
     * @param timeout   the longest one request may take
     */
    public UrlUpload(HttpClient http, long chunkSize, int attempts, Duration backoff, Duration timeout) {
        this.transfer = new UrlTransfer(http, attempts, backoff, timeout);
        this.chunkSize = chunkSize;
    }

    long chunkSize() {
        return chunkSize;
    }

    UrlTransfer transfer() {
        return transfer;
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
        transfer.send("PUT " + UrlTransfer.redact(url), () -> transfer.request(url)
                .header("Content-Type", "application/octet-stream")
                .PUT(FileRegion.of(file, 0, size, false).body()).build(), s -> s == 200 || s == 201,
                r -> verify(r, size, md5Hex, url));
        progress.accept(size);
        return new Completed(size, false);
    }

    /**
     * Starts a resumable session.
     *
     * @param url the upload URL
     * @return the session URL
     */
    String startSession(String url) {
        HttpResponse<String> resp = transfer.send("start of a resumable upload", () -> transfer.request(url)
                .header("x-goog-resumable", "start").header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), s -> s == 200 || s == 201);
        return resp.headers().firstValue("Location").orElseThrow(() -> new IconikClientException(
                "the upload URL started a session without a Location header", null, false));
    }

    /**
     * Sends what the session does not hold yet, chunk by chunk. Each attempt of a chunk after a failure first asks
     * the session how much it confirmed, and goes on from there.
     *
     * @param session   the session URL
     * @param file      the file
     * @param md5Hex    its MD5, to check against the storage's final answer
     * @param confirmed called with the bytes confirmed after each chunk (to journal them)
     * @return what was uploaded; {@code resumed} when the session already held bytes at the start
     */
    Completed putChunks(String session, Path file, String md5Hex, LongConsumer confirmed) {
        long size = size(file);
        long[] have = {query(session, size)};
        boolean resumed = have[0] > 0;
        if (have[0] == size && size > 0) {
            // Everything arrived; the final answer was lost.
            confirmed.accept(size);
            return new Completed(size, true);
        }
        while (true) {
            boolean[] first = {true};
            HttpResponse<String> resp = transfer.retrying("chunk upload", () -> {
                if (!first[0]) {
                    have[0] = queryOnce(session, size);
                }
                first[0] = false;
                long from = have[0];
                long end = Math.min(size, from + chunkSize);
                String range = size == 0 ? "bytes */0" : from == size ? "bytes */" + size
                        : "bytes " + from + "-" + (end - 1) + "/" + size;
                HttpResponse<String> r = transfer.http().send(transfer.request(session)
                        .header("Content-Range", range).PUT(FileRegion.of(file, from, end - from, false).body())
                        .build(), HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status == 200 || status == 201 || status == 308) {
                    return r;
                }
                if (status == 400) {
                    // The session holds something else than assumed (an answer was lost): ask, then go on.
                    throw new UrlTransfer.RetryableStatusException("the upload session refused chunk " + range
                            + ": " + UrlTransfer.abbreviate(r.body()), status, 0);
                }
                throw UrlTransfer.failure("chunk upload", r);
            });
            if (resp.statusCode() == 308) {
                have[0] = rangeEnd(resp);
                confirmed.accept(have[0]);
                continue;
            }
            verify(resp, size, md5Hex, session);
            confirmed.accept(size);
            return new Completed(size, resumed);
        }
    }

    /** Asks a session how many bytes it holds (the total when complete), retrying. */
    long query(String session, long size) {
        return transfer.retrying("upload status query", () -> queryOnce(session, size));
    }

    private long queryOnce(String session, long size) throws IOException, InterruptedException {
        HttpResponse<String> resp = transfer.once("upload status query", transfer.request(session)
                .header("Content-Range", "bytes */" + size)
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                s -> s == 308 || s == 200 || s == 201);
        return resp.statusCode() == 308 ? rangeEnd(resp) : size;
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

    /**
     * Checks a Google Cloud Storage object resource's {@code size} and {@code md5Hash}, when the answer has them.
     *
     * @throws UrlTransfer.BadChecksumException when either differs from what was sent
     */
    static void verify(HttpResponse<String> resp, long size, String md5Hex, String url) {
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
            throw new UrlTransfer.BadChecksumException("the storage holds " + obj.get("size").asText() + " bytes"
                    + " after the upload to " + UrlTransfer.redact(url) + ", not the " + size + " sent");
        }
        if (md5Hex != null && obj.hasNonNull("md5Hash")) {
            String theirs = HexFormat.of().formatHex(Base64.getDecoder().decode(obj.get("md5Hash").asText()));
            checkMd5(theirs, md5Hex, url);
        }
    }

    /**
     * Fails when the MD5 a storage reports differs from the file's.
     *
     * @throws UrlTransfer.BadChecksumException naming both MD5s when they differ
     */
    static void checkMd5(String theirsHex, String md5Hex, String url) {
        if (!theirsHex.equalsIgnoreCase(md5Hex)) {
            throw new UrlTransfer.BadChecksumException("checksum mismatch after the upload to " + UrlTransfer.redact(url)
                    + ": the storage has MD5 " + theirsHex.toLowerCase(Locale.ROOT) + ", the file "
                    + md5Hex.toLowerCase(Locale.ROOT));
        }
    }

    static String redact(String url) {
        return UrlTransfer.redact(url);
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IconikClientException("cannot read " + file + ": " + e.getMessage(), e, false);
        }
    }
}
