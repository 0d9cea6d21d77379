// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.IconikClientException;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SortedMap;

/**
 * Azure Blob Storage uploads of originals, to the record's {@code upload_url} (a blob URL with a SAS token).
 *
 * <p>A file up to one part is one Put Blob ({@code PUT} with {@code x-ms-blob-type: BlockBlob} and
 * {@code Content-MD5}, which Azure checks). A larger file is cut into blocks: Put Block ({@code comp=block} with a
 * base64 block id, all of one length) in parallel, each with the block's {@code Content-MD5}, read from the file
 * before the block is sent: Azure compares it with what arrived and refuses the block ({@code 400 Md5Mismatch},
 * retried) when they differ. From REST version 2019-02-02 Azure answers a Put Block with its own
 * {@code Content-MD5} only when the request declared one (else an {@code x-ms-content-crc64}), so an MD5 measured
 * while sending could never be compared: declaring it costs a second read of the block (from the page cache, as
 * a rule) and makes the check Azure's; then Put Block List ({@code comp=blocklist}, a {@code BlockList} naming
 * every block as {@code Latest}, in order) commits the blob with {@code x-ms-blob-content-md5} set to the file's MD5.
 * [I]: that iconik's {@code upload_url} for an Azure storage is a SAS URL allowing these requests is our reading;
 * iconik documents only the URL.
 *
 * <p>Resuming: block ids are derived from the part number, and each confirmed block is journalled; after a crash
 * only the others are sent. Azure keeps uncommitted blocks for a week and has no abort, so giving up leaves nothing
 * to clean.
 */
final class AzureBlockUpload implements OriginalUploader {

    /** The REST version these requests follow. */
    static final String VERSION = "2021-08-06";

    @Override
    public void upload(OriginalJob job) {
        String url = job.record.uploadUrl();
        if (url == null || url.isBlank()) {
            throw new UrlGoneException("iconik gave no upload URL for " + job.name());
        }
        String fileMd5 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(job.md5Hex));
        if (job.size <= job.partSize) {
            job.transfer.send("Put Blob of " + job.name(), () -> job.transfer.request(url)
                    .header("x-ms-blob-type", "BlockBlob").header("x-ms-version", VERSION)
                    .header("Content-MD5", fileMd5)
                    .PUT(FileRegion.of(job.file, 0, job.size, false).body()).build(), s -> s == 201,
                    r -> r.headers().firstValue("Content-MD5").ifPresent(m -> UrlUpload.checkMd5(
                            HexFormat.of().formatHex(Base64.getDecoder().decode(m)), job.md5Hex, url)));
            job.done();
            return;
        }
        if (job.session("AZURE") == null) {
            job.startSession("AZURE", "-");
        }
        SortedMap<Integer, String> confirmed = job.confirmed();
        job.runner.run(job.missing(confirmed), part -> {
            String id = blockId(part);
            String what = "block " + part + " of " + job.name();
            String blockMd5 = Base64.getEncoder().encodeToString(
                    FileRegion.md5Ahead(job.file, job.offset(part), job.length(part)));
            FileRegion body = FileRegion.of(job.file, job.offset(part), job.length(part), false);
            String blockUrl = url + (url.contains("?") ? "&" : "?") + "comp=block&blockid="
                    + URLEncoder.encode(id, StandardCharsets.UTF_8);
            job.transfer.send(what, () -> job.transfer.request(blockUrl)
                    .header("x-ms-version", VERSION).header("Content-MD5", blockMd5).PUT(body.body()).build(),
                    s -> s == 201, r -> r.headers().firstValue("Content-MD5").ifPresent(m -> UrlUpload.checkMd5(
                            HexFormat.of().formatHex(Base64.getDecoder().decode(m)),
                            HexFormat.of().formatHex(Base64.getDecoder().decode(blockMd5)), url)));
            job.confirm(part, id);
        });
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        for (int p = 1; p <= job.parts(); p++) {
            xml.append("<Latest>").append(blockId(p)).append("</Latest>");
        }
        byte[] list = xml.append("</BlockList>").toString().getBytes(StandardCharsets.UTF_8);
        String commitUrl = url + (url.contains("?") ? "&" : "?") + "comp=blocklist";
        job.transfer.send("Put Block List of " + job.name(), () -> job.transfer.request(commitUrl)
                .header("x-ms-version", VERSION).header("x-ms-blob-content-md5", fileMd5)
                .header("Content-Type", "application/xml")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(list)).build(), s -> s == 201);
        job.done();
    }

    /** A block id: base64 of a fixed-length name of the part, so that all ids of a blob have one length. */
    static String blockId(int part) {
        if (part < 1) {
            throw new IconikClientException("block numbers start at 1, got " + part, null, false);
        }
        return Base64.getEncoder().encodeToString(String.format(Locale.ROOT, "iconik-sdk-%06d", part)
                .getBytes(StandardCharsets.US_ASCII));
    }
}
