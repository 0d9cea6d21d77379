// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.core.client.model.PartUploadUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google Cloud Storage uploads of originals. A file up to one part is one {@code PUT} to the record's
 * {@code upload_url} (the object resource answered names its size and MD5, both checked). A larger file goes as
 * parallel parts, joined by a compose: iconik's {@code GET multipart_url/part/?parts_num=N} (without an upload id)
 * hands out a pre-signed {@code PUT} URL, object key and delete URL per part; each part is answered with its object
 * resource, whose {@code size} is checked; iconik's
 * {@code POST multipart/gcs/compose_url/} gives a pre-signed compose URL, to which a {@code ComposeRequest} naming the
 * part keys in order is sent (GCS composes at most 32 objects at once, so more parts are composed in groups of 32,
 * {@code parts_group} numbering them, and the groups then into the object); the part objects are deleted after.
 * [I]: this use of {@code multipart_url/part/} and {@code compose_url} for GCS is our reading of iconik's specs
 * (whose summaries say "S3 &amp; GCS" and "GCS parallel upload"); iconik documents no request bodies for them.
 *
 * <p>A composed object has no MD5 in GCS, only a CRC32C, which the compose answer names ({@code x-goog-hash:
 * crc32c=…}, big-endian, Base64). Each part's CRC32C is measured while it is sent (CRC32C is a CPU instruction: no
 * second read of the file, no MD5, which costs about as much CPU as sending the bytes on loopback), checked against
 * the CRC32C the storage names for the part when it names one, and journalled with the part's key; the whole file's
 * CRC32C follows from the parts' ({@link Crc32c#combine}) and is compared with the compose answer's, which checks the
 * object end to end: every byte, every part in its place. A part journalled without its CRC32C (by an older version)
 * is read again for it. [I]: that iconik's compose URL answers with GCS's {@code x-goog-hash} header is our reading
 * of GCS's XML API; without it nothing is compared. Resuming: each confirmed part's key is journalled; after a crash
 * only the other parts are sent.
 */
final class GcsParallelUpload implements OriginalUploader {

    private static final Logger LOG = LoggerFactory.getLogger(GcsParallelUpload.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Part URLs asked per page of iconik's {@code multipart_url/part/}. */
    private static final int URL_PAGE = 100;
    /** GCS composes at most this many objects in one request. */
    static final int COMPOSE_LIMIT = 32;

    private final UrlUpload single;

    GcsParallelUpload(UrlUpload single) {
        this.single = single;
    }

    @Override
    public void upload(OriginalJob job) {
        if (job.size <= job.partSize) {
            String url = job.record.uploadUrl();
            if (url == null || url.isBlank()) {
                throw new UrlGoneException("iconik gave no upload URL for " + job.name());
            }
            single.putWhole(url, job.file, job.md5Hex, b -> { });
            job.done();
            return;
        }
        if (job.session("GCS") == null) {
            job.startSession("GCS", "-");
        }
        Map<Integer, PartUploadUrl> urls = new ConcurrentHashMap<>();
        for (PartUploadUrl p : job.client.paginate(B2LargeFileUpload.filePath(job) + "multipart_url/part/?parts_num="
                + job.parts() + "&per_page=" + URL_PAGE, PartUploadUrl.class)) {
            if (p.number() != null) {
                urls.put(p.number().intValue(), p);
            }
        }
        SortedMap<Integer, String> confirmed = job.confirmed();
        job.runner.run(job.missing(confirmed), part -> {
            PartUploadUrl u = urls.get(part);
            if (u == null || u.url() == null || u.key() == null) {
                throw new IconikClientException("iconik gave no URL and key for part " + part + " of "
                        + job.name(), null, false);
            }
            FileRegion body = FileRegion.withCrc32c(job.file, job.offset(part), job.length(part));
            job.transfer.send("part " + part + " of " + job.name(), () -> job.transfer
                    .request(u.url()).header("Content-Type", "application/octet-stream").PUT(body.body()).build(),
                    s -> s == 200 || s == 201, r -> {
                        UrlUpload.verify(r, job.length(part), null, u.url());
                        String theirs = storedCrc32c(r);
                        if (theirs != null && !theirs.equals(Crc32c.base64(body.crc32c()))) {
                            throw new UrlTransfer.BadChecksumException("checksum mismatch after part " + part
                                    + " of " + job.file + ": the storage has CRC32C " + theirs + ", the bytes sent "
                                    + Crc32c.base64(body.crc32c()));
                        }
                    });
            long crc = body.crc32c();
            job.confirm(part, PartTag.of(u.key(), crc));
        });
        SortedMap<Integer, String> confirmedParts = job.confirmed();
        List<String> sources = new ArrayList<>();
        long fileCrc = -1;
        for (Map.Entry<Integer, String> e : confirmedParts.entrySet()) {
            PartTag tag = PartTag.parse(e.getValue());
            sources.add(tag.key());
            long crc = tag.crc32c() >= 0 ? tag.crc32c() : partCrc32c(job, e.getKey());
            fileCrc = fileCrc < 0 ? crc : Crc32c.combine(fileCrc, crc, job.length(e.getKey()));
        }
        if (sources.size() > COMPOSE_LIMIT) {
            List<String> groups = new ArrayList<>();
            for (int g = 0; g * COMPOSE_LIMIT < sources.size(); g++) {
                List<String> members = sources.subList(g * COMPOSE_LIMIT, Math.min(sources.size(),
                        (g + 1) * COMPOSE_LIMIT));
                groups.add(compose(job, (long) g + 1, members).key());
            }
            sources = groups;
        }
        HttpResponse<String> composed = compose(job, null, sources).response();
        checkCrc32c(job, composed, fileCrc);
        // The part objects are deleted in parallel, as they were sent: one at a time they would add a round trip per
        // part to every upload. A part left behind is only storage to clean, never a wrong object.
        List<Integer> deletable = new ArrayList<>();
        urls.forEach((part, u) -> {
            if (u.deleteUrl() != null) {
                deletable.add(part);
            }
        });
        job.runner.run(deletable, part -> {
            String deleteUrl = urls.get(part).deleteUrl();
            try {
                job.transfer.send("delete of part " + part + " of " + job.name(), () -> job.transfer
                        .request(deleteUrl).DELETE().build(), s -> s == 204 || s == 200 || s == 404);
            } catch (RuntimeException e) {
                LOG.debug("part object {} of {} not deleted: {}", part, job.name(), e.toString());
            }
        });
        job.done();
    }

    /** What a compose made: the key of the object and the storage's answer. */
    private record Composed(String key, HttpResponse<String> response) {
    }

    /**
     * A journalled part: its object key and the CRC32C of its bytes, as {@code crc32c=HEX KEY}; a bare key (journalled
     * by an older version) has no CRC32C (-1).
     */
    record PartTag(String key, long crc32c) {
        private static final String PREFIX = "crc32c=";

        /**
         * @param key    the part object's key
         * @param crc32c the CRC32C of its bytes
         * @return the journal text
         */
        static String of(String key, long crc32c) {
            return PREFIX + String.format(java.util.Locale.ROOT, "%08x", crc32c) + " " + key;
        }

        /**
         * @param tag a journal text
         * @return the part it names
         */
        static PartTag parse(String tag) {
            if (tag.startsWith(PREFIX) && tag.length() > PREFIX.length() + 9
                    && tag.charAt(PREFIX.length() + 8) == ' ') {
                try {
                    long crc = Long.parseLong(tag.substring(PREFIX.length(), PREFIX.length() + 8), 16);
                    return new PartTag(tag.substring(PREFIX.length() + 9), crc);
                } catch (NumberFormatException e) {
                    return new PartTag(tag, -1);
                }
            }
            return new PartTag(tag, -1);
        }
    }

    private static long partCrc32c(OriginalJob job, int part) {
        try {
            return Crc32c.of(job.file, job.offset(part), job.length(part));
        } catch (IOException e) {
            throw new IconikClientException("cannot read " + job.file + " to check its CRC32C: " + e.getMessage(), e,
                    false);
        }
    }

    /** @return the CRC32C a GCS answer names ({@code x-goog-hash: crc32c=…} or an object resource's), or null */
    static String storedCrc32c(HttpResponse<String> answer) {
        for (String header : answer.headers().allValues("x-goog-hash")) {
            for (String item : header.split(",")) {
                String v = item.strip();
                if (v.regionMatches(true, 0, "crc32c=", 0, 7) && v.length() > 7) {
                    return v.substring(7);
                }
            }
        }
        String body = answer.body();
        if (body != null && body.strip().startsWith("{")) {
            try {
                JsonNode crc = JSON.readTree(body).get("crc32c");
                return crc == null || !crc.isTextual() ? null : crc.asText();
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Compares the CRC32C the storage names for the composed object with the file's.
     *
     * @throws IconikException if they differ
     */
    static void checkCrc32c(OriginalJob job, HttpResponse<String> answer, long fileCrc) {
        String theirs = storedCrc32c(answer);
        if (theirs == null) {
            return;
        }
        String ours = Crc32c.base64(fileCrc);
        if (!ours.equals(theirs)) {
            throw new IconikException("checksum mismatch after the upload of " + job.file + ": the storage has"
                    + " CRC32C " + theirs + ", the file " + ours);
        }
    }

    /** Composes objects into a group (numbered) or, with no group, into the file's object. */
    private static Composed compose(OriginalJob job, Long group, List<String> sources) {
        String req = group == null ? "{\"content_type\":\"application/octet-stream\"}"
                : "{\"content_type\":\"application/octet-stream\",\"parts_group\":" + group + "}";
        JsonNode answer;
        try {
            answer = JSON.readTree(job.post("multipart/gcs/compose_url/", req));
        } catch (IOException e) {
            throw new IconikClientException("iconik answered the compose URL request for " + job.name()
                    + " with something else than JSON", e, false);
        }
        String url = answer.path("compose_url").asText("");
        if (url.isEmpty()) {
            throw new IconikClientException("iconik gave no compose URL for " + job.name(), null, false);
        }
        StringBuilder xml = new StringBuilder("<ComposeRequest>");
        for (String key : sources) {
            xml.append("<Component><Name>").append(StorageXml.escape(key)).append("</Name></Component>");
        }
        byte[] body = xml.append("</ComposeRequest>").toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = job.transfer.send("compose of " + job.name(), () -> job.transfer.request(url)
                .header("Content-Type", "application/xml").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                s -> s == 200);
        return new Composed(answer.path("key").asText(""), r);
    }
}
