// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.core.client.model.MultipartUrls;
import io.github.iconiksdk.core.client.model.PartUploadUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Amazon S3 (and S3-compatible) uploads of originals.
 *
 * <p>A file up to one part goes in one {@code PUT} to the record's {@code upload_url}, with {@code Content-MD5} so
 * that S3 checks the bytes ({@code BadDigest} otherwise). A larger file is a multipart upload: {@code POST} to the
 * record's {@code multipart_upload_url} (S3's CreateMultipartUpload, answered with an {@code UploadId}), iconik's
 * {@code GET multipart_url/?upload_id=} for the complete and abort URLs, {@code GET multipart_url/part/} for a
 * pre-signed {@code PUT} URL per part; parts go in parallel, each answered with its {@code ETag}; then
 * CompleteMultipartUpload lists every part's number and ETag in order. [I]: that iconik's
 * {@code multipart_upload_url} is a pre-signed CreateMultipartUpload URL and its part URLs carry the upload id is our
 * reading of its specs and of clients that use them; iconik documents neither.
 *
 * <p>Checks: a part's ETag is the MD5 of its bytes unless the bucket encrypts with KMS; a part tagged otherwise is
 * sent again with {@code Content-MD5}, which S3 checks (see {@code checkPart}); when every part's ETag is
 * the MD5 this upload measured while sending it, the completed object's ETag must be the MD5 of those MD5s followed
 * by {@code -N} (S3's rule for multipart ETags), else the upload fails. A 200 answer to the completion that carries
 * an {@code <Error>} (S3 does this) is a failure; {@code InternalError} and {@code SlowDown} are retried.
 *
 * <p>Resuming: the upload id and each confirmed part's ETag are journalled; after a crash only the other parts are
 * sent. When the storage no longer knows the upload ({@code NoSuchUpload}) the session is dropped and the upload
 * starts over. Giving up for good (the completion refused) aborts the multipart upload so that its parts do not
 * linger.
 */
final class S3MultipartUpload implements OriginalUploader {

    private static final Logger LOG = LoggerFactory.getLogger(S3MultipartUpload.class);
    /** S3's smallest part but the last. */
    static final long MIN_PART = 5L << 20;

    @Override
    public void upload(OriginalJob job) {
        if (job.size <= job.partSize) {
            putWhole(job);
            return;
        }
        String uploadId = job.session("S3");
        if (uploadId == null) {
            uploadId = start(job);
            job.startSession("S3", uploadId);
        }
        MultipartUrls urls = job.client.multipartUrls(job.assetId, job.fileId(), uploadId);
        SortedMap<Integer, String> confirmed = job.confirmed();
        Map<Integer, String> partUrls = new ConcurrentHashMap<>();
        for (PartUploadUrl p : job.client.multipartPartUrls(job.assetId, job.fileId(), uploadId, job.parts())) {
            if (p.number() != null && p.url() != null) {
                partUrls.put(p.number().intValue(), p.url());
            }
        }
        Map<Integer, String> etags = new ConcurrentHashMap<>(confirmed);
        Map<Integer, String> measured = new ConcurrentHashMap<>();
        AtomicBoolean etagsNotMd5 = new AtomicBoolean();
        try {
            job.runner.run(job.missing(confirmed), part -> {
                String url = partUrls.get(part);
                if (url == null) {
                    throw new IconikClientException("iconik gave no URL for part " + part + " of " + job.name(),
                            null, false);
                }
                String what = "part " + part + " of " + job.name();
                FileRegion body = FileRegion.of(job.file, job.offset(part), job.length(part), true);
                AtomicReference<String> declared = new AtomicReference<>();
                HttpResponse<String> r = job.transfer.send(what, () -> {
                    HttpRequest.Builder b = job.transfer.request(url);
                    if (declared.get() != null) {
                        b.header("Content-MD5", declared.get());
                    }
                    return b.PUT(body.body()).build();
                }, s -> s == 200, a -> checkPart(what, a, body, declared, etagsNotMd5));
                String etag = r.headers().firstValue("ETag").orElseThrow();
                measured.put(part, HexFormat.of().formatHex(body.md5()));
                etags.put(part, etag);
                job.confirm(part, etag);
            });
        } catch (UrlGoneException gone) {
            if (gone.getMessage().contains("NoSuchUpload")) {
                LOG.debug("S3 no longer knows upload of {}; starting over", job.name());
                job.dropSession();
            }
            throw gone;
        }
        complete(job, urls, etags, measured);
        job.done();
    }

    /**
     * Checks a part's ETag against the MD5 of the bytes sent. A different ETag means either that the storage holds
     * other bytes, or that its ETags are not MD5s (SSE-KMS buckets): the part is sent again with {@code Content-MD5},
     * which S3 checks ({@code BadDigest} if what it received differs, retried). A part S3 accepted with our
     * {@code Content-MD5} and still tagged otherwise shows the ETags are not MD5s: later parts of the upload are
     * not compared. [I]: that iconik's pre-signed part URLs accept an unsigned {@code Content-MD5} header is our
     * reading of S3's rule that only {@code x-amz-*} headers must be signed.
     *
     * @throws UrlTransfer.BadChecksumException to send the part again with Content-MD5
     * @throws IconikClientException            when S3 confirms the part without an ETag
     */
    private static void checkPart(String what, HttpResponse<String> answer, FileRegion body,
                                  AtomicReference<String> declared, AtomicBoolean etagsNotMd5) {
        String etag = answer.headers().firstValue("ETag").orElseThrow(() -> new IconikClientException(
                "S3 confirmed " + what + " without an ETag", null, false)).replace("\"", "");
        String sent = HexFormat.of().formatHex(body.md5());
        if (etag.equalsIgnoreCase(sent) || etagsNotMd5.get()) {
            return;
        }
        if (declared.get() != null) {
            LOG.debug("S3 took {} with its Content-MD5 but tags it {}: the bucket's ETags are not MD5s (KMS?)",
                    what, etag);
            etagsNotMd5.set(true);
            return;
        }
        declared.set(Base64.getEncoder().encodeToString(body.md5()));
        throw new UrlTransfer.BadChecksumException("S3 confirmed " + what + " with ETag " + etag + ", the bytes sent"
                + " have MD5 " + sent);
    }

    private static void putWhole(OriginalJob job) {
        String url = job.record.uploadUrl();
        if (url == null || url.isBlank()) {
            throw new IconikClientException("iconik gave no upload URL for " + job.name(), null, false);
        }
        String contentMd5 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(job.md5Hex));
        HttpResponse<String> r = job.transfer.send("PUT of " + job.name(), () -> job.transfer.request(url)
                .header("Content-MD5", contentMd5)
                .PUT(FileRegion.of(job.file, 0, job.size, false).body()).build(), s -> s == 200);
        r.headers().firstValue("ETag").map(e -> e.replace("\"", ""))
                .filter(e -> e.length() == 32 && !e.equalsIgnoreCase(job.md5Hex))
                .ifPresent(e -> LOG.debug("S3 ETag {} of {} is not its MD5 (KMS encryption?); S3 checked"
                        + " Content-MD5", e, job.name()));
        job.done();
    }

    private static String start(OriginalJob job) {
        String url = job.record.multipartUploadUrl();
        if (url == null || url.isBlank()) {
            throw new IconikClientException("iconik gave no multipart_upload_url for " + job.name() + " on its S3"
                    + " storage", null, false);
        }
        HttpResponse<String> r = job.transfer.send("start of the multipart upload of " + job.name(),
                () -> job.transfer.request(url).POST(HttpRequest.BodyPublishers.noBody()).build(), s -> s == 200);
        return StorageXml.first(r.body(), "UploadId").filter(s -> !s.isEmpty()).orElseThrow(() ->
                new IconikClientException("S3 started the multipart upload of " + job.name() + " without an"
                        + " UploadId: " + UrlTransfer.abbreviate(r.body()), null, false));
    }

    private static void complete(OriginalJob job, MultipartUrls urls, Map<Integer, String> etags,
                                 Map<Integer, String> measured) {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/"
                + "2006-03-01/\">");
        for (int p = 1; p <= job.parts(); p++) {
            String etag = etags.get(p);
            if (etag == null) {
                throw new IllegalStateException("part " + p + " of " + job.name() + " has no ETag");
            }
            xml.append("<Part><PartNumber>").append(p).append("</PartNumber><ETag>")
                    .append(StorageXml.escape(etag)).append("</ETag></Part>");
        }
        byte[] body = xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
        AtomicBoolean sent = new AtomicBoolean();
        String what = "completion of the multipart upload of " + job.name();
        HttpResponse<String> r;
        try {
            r = job.transfer.retrying(what, () -> {
                HttpResponse<String> a = job.transfer.http().send(job.transfer.request(urls.completeUrl())
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                boolean lostEarlier = sent.getAndSet(true);
                String code = StorageXml.first(a.body(), "Code").orElse(null);
                if (a.statusCode() == 200 && code == null) {
                    return a;
                }
                if (a.statusCode() == 404 && "NoSuchUpload".equals(code) && lostEarlier) {
                    // An earlier completion went through and its answer was lost [I]: nothing left to complete.
                    return null;
                }
                if (a.statusCode() == 200 && ("InternalError".equals(code) || "SlowDown".equals(code))) {
                    throw new UrlTransfer.RetryableStatusException(what + " failed: " + code, 500, -1);
                }
                if (a.statusCode() == 200) {
                    throw new IconikClientException(what + " failed: " + UrlTransfer.abbreviate(a.body()), null,
                            false);
                }
                throw UrlTransfer.failure(what, a);
            });
        } catch (UrlGoneException | UrlTransfer.RetryableStatusException e) {
            throw e;
        } catch (IconikClientException refused) {
            if (refused.getCause() == null) {
                abort(job, urls);
            }
            throw refused;
        }
        if (r == null) {
            return;
        }
        String finalEtag = StorageXml.first(r.body(), "ETag").map(e -> e.replace("\"", "")).orElse(null);
        boolean md5Etags = measured.size() == etags.size() && measured.entrySet().stream()
                .allMatch(e -> etags.get(e.getKey()).replace("\"", "").equalsIgnoreCase(e.getValue()));
        if (finalEtag != null && md5Etags) {
            String expected = multipartEtag(measured, job.parts());
            if (!expected.equalsIgnoreCase(finalEtag)) {
                throw new IconikException("checksum mismatch after the multipart upload of " + job.name() + ": S3"
                        + " has ETag " + finalEtag + ", the parts sent make " + expected);
            }
        }
    }

    /** S3's ETag of a multipart object: the MD5 of the parts' MD5s, then {@code -} and the number of parts. */
    static String multipartEtag(Map<Integer, String> partMd5Hex, int parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (int p = 1; p <= parts; p++) {
                md5.update(HexFormat.of().parseHex(partMd5Hex.get(p)));
            }
            return HexFormat.of().formatHex(md5.digest()) + "-" + parts;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static void abort(OriginalJob job, MultipartUrls urls) {
        try {
            if (urls.abortUrl() != null) {
                job.transfer.send("abort of the multipart upload of " + job.name(), () -> job.transfer
                        .request(urls.abortUrl()).DELETE().build(), s -> s == 204 || s == 200 || s == 404);
            }
        } catch (RuntimeException e) {
            LOG.debug("abort of the multipart upload of {} failed: {}", job.name(), e.toString());
        }
        job.dropSession();
    }
}
