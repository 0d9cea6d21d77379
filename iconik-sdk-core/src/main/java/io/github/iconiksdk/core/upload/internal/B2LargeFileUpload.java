// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SortedMap;

/**
 * Backblaze B2 uploads of originals.
 *
 * <p>A file up to one part goes to the record's {@code upload_url} as B2's {@code b2_upload_file}: {@code POST} with
 * the upload authorisation token, {@code X-Bz-File-Name} and {@code X-Bz-Content-Sha1: hex_digits_at_end} (the SHA-1
 * follows the bytes, so the file is read once); B2 checks the SHA-1, and the MD5 it reports ({@code contentMd5}) is
 * checked here. A larger file is a B2 large file through iconik: {@code POST multipart/b2/start/} starts it
 * ({@code upload_file_id}) and hands out a part upload URL with its token; each part is a {@code b2_upload_part}
 * ({@code X-Bz-Part-Number}, SHA-1 at the end, answered with its {@code contentSha1}); {@code multipart/b2/finish/}
 * sends the parts' SHA-1s in order; {@code multipart/b2/cancel/} gives up. A B2 part URL serves one upload at a
 * time, so each parallel sender asks for its own, and for a new one after a failure, as B2 asks clients to.
 * [I]: that {@code start} with an existing {@code upload_file_id} hands out another part URL of the same large file,
 * and that the record's {@code upload_credentials} carry the {@code authorization_token} of its {@code upload_url},
 * are our reading of iconik's schemas (iconik documents neither).
 *
 * <p>Resuming: the large file's id and each confirmed part's SHA-1 are journalled; after a crash only the other
 * parts are sent.
 */
final class B2LargeFileUpload implements OriginalUploader {

    private static final Logger LOG = LoggerFactory.getLogger(B2LargeFileUpload.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** B2's smallest part but the last. */
    static final long MIN_PART = 5_000_000L;

    /** A part URL with its authorisation token, used by one sender at a time. */
    private record PartUrl(String url, String token) {
    }

    @Override
    public void upload(OriginalJob job) {
        if (job.size <= job.partSize || job.parts() < 2) {
            uploadFile(job);
            return;
        }
        String fileId = job.session("B2");
        if (fileId == null) {
            JsonNode started = start(job, null);
            fileId = started.path("upload_file_id").asText(null);
            if (fileId == null || fileId.isEmpty()) {
                throw new IconikClientException("iconik started no B2 large file for " + job.name() + ": "
                        + started.path("error").asText(""), null, false);
            }
            job.startSession("B2", fileId);
        }
        String large = fileId;
        SortedMap<Integer, String> confirmed = job.confirmed();
        ThreadLocal<PartUrl> mine = new ThreadLocal<>();
        job.runner.run(job.missing(confirmed), part -> {
            String what = "part " + part + " of " + job.name();
            FileRegion body = FileRegion.withSha1AtEnd(job.file, job.offset(part), job.length(part));
            HttpResponse<String> r = job.transfer.retrying(what, () -> {
                PartUrl u = mine.get();
                if (u == null) {
                    JsonNode s = start(job, large);
                    u = new PartUrl(s.path("upload_url").asText(), s.path("authorization_token").asText());
                    mine.set(u);
                }
                HttpResponse<String> a;
                try {
                    a = job.transfer.http().send(job.transfer.request(u.url()).header("Authorization", u.token())
                            .header("X-Bz-Part-Number", Integer.toString(part))
                            .header("X-Bz-Content-Sha1", "hex_digits_at_end")
                            .POST(body.body()).build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    mine.remove();
                    throw e;
                }
                if (a.statusCode() == 200) {
                    String sent = HexFormat.of().formatHex(body.sha1());
                    String theirs = json(a.body()).path("contentSha1").asText("");
                    if (!theirs.equalsIgnoreCase(sent)) {
                        throw new UrlTransfer.BadChecksumException("B2 confirmed " + what + " with SHA-1 " + theirs
                                + ", the bytes sent have " + sent);
                    }
                    return a;
                }
                mine.remove();
                if (a.statusCode() == 401) {
                    // An expired or refused upload token: B2 asks for a new part URL.
                    throw new UrlTransfer.RetryableStatusException(what + " was refused (401)", 401, 0);
                }
                throw UrlTransfer.failure(what, a);
            });
            job.confirm(part, HexFormat.of().formatHex(body.sha1()));
        });
        SortedMap<Integer, String> all = job.confirmed();
        ObjectNode finish = JSON.createObjectNode();
        finish.put("upload_file_id", large);
        var list = finish.putArray("sha1_list");
        for (int p = 1; p <= job.parts(); p++) {
            list.add(all.get(p));
        }
        try {
            job.post("multipart/b2/finish/", finish.toString());
        } catch (IconikException e) {
            if (e instanceof IconikClientException) {
                throw e;
            }
            LOG.debug("finishing the B2 large file of {} was refused ({}); cancelling it", job.name(), e.toString());
            cancel(job, large);
            throw e;
        }
        job.done();
    }

    private static void uploadFile(OriginalJob job) {
        String url = job.record.uploadUrl();
        Object token = job.record.uploadCredentials() == null ? null
                : job.record.uploadCredentials().get("authorization_token");
        if (url == null || url.isBlank() || token == null) {
            throw new UrlGoneException("iconik gave no B2 upload URL with a token for " + job.name());
        }
        String name = job.record.uploadFilename() != null ? job.record.uploadFilename() : job.name();
        FileRegion body = FileRegion.withSha1AtEnd(job.file, 0, job.size);
        job.transfer.send("upload of " + job.name(), () -> job.transfer.request(url)
                .header("Authorization", token.toString())
                .header("X-Bz-File-Name", URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Content-Type", "b2/x-auto").header("X-Bz-Content-Sha1", "hex_digits_at_end")
                .POST(body.body()).build(), s -> s == 200, r -> {
                    JsonNode answer = json(r.body());
                    if (answer.hasNonNull("contentLength") && answer.get("contentLength").asLong() != job.size) {
                        throw new UrlTransfer.BadChecksumException("B2 holds " + answer.get("contentLength")
                                .asLong() + " bytes of " + job.name() + ", not the " + job.size + " sent");
                    }
                    if (answer.hasNonNull("contentMd5")) {
                        UrlUpload.checkMd5(answer.get("contentMd5").asText(), job.md5Hex, url);
                    }
                });
        job.done();
    }

    private static JsonNode start(OriginalJob job, String fileId) {
        ObjectNode body = JSON.createObjectNode();
        if (fileId != null) {
            body.put("upload_file_id", fileId);
        }
        JsonNode answer = json(job.post("multipart/b2/start/", body.toString()));
        if (answer.path("upload_url").asText("").isEmpty()) {
            throw new IconikClientException("iconik gave no B2 part upload URL for " + job.name() + ": "
                    + answer.path("error").asText(""), null, false);
        }
        return answer;
    }

    private static void cancel(OriginalJob job, String fileId) {
        try {
            job.post("multipart/b2/cancel/", "{\"upload_file_id\":" + JSON.valueToTree(fileId) + "}");
        } catch (RuntimeException e) {
            LOG.debug("cancelling the B2 large file of {} failed: {}", job.name(), e.toString());
        }
        job.dropSession();
    }

    static String filePath(OriginalJob job) {
        return "/API/files/v1/assets/" + job.assetId + "/files/" + job.fileId() + "/";
    }

    private static JsonNode json(String s) {
        try {
            return s == null || s.isBlank() ? JSON.createObjectNode() : JSON.readTree(s);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
