// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.OutcomeUnknownException;
import io.github.iconiksdk.core.client.model.AssetFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One original being uploaded: the file, its iconik record (with the upload URLs iconik gave), how it is cut into
 * parts, and the journal that keeps the upload's session and its confirmed parts across crashes. The session is
 * journalled as {@code METHOD PART_SIZE ID} (the storage's upload id, B2 file id, or {@code -}); a session of
 * another method or part size is not resumed.
 */
final class OriginalJob {

    /** S3 and B2 allow at most this many parts. */
    static final int MAX_PARTS = 10_000;

    final IconikClient client;
    final UrlTransfer transfer;
    final PartRunner runner;
    final String assetId;
    final AssetFile record;
    final Path file;
    final long size;
    final String md5Hex;
    final long partSize;
    private final RegistrationJournal journal;
    private final LongConsumer progress;
    private final AtomicLong confirmedBytes = new AtomicLong();
    private RenditionRow row;

    OriginalJob(IconikClient client, UrlTransfer transfer, PartRunner runner, RegistrationJournal journal,
                RenditionRow row, String assetId, AssetFile record, Path file, long size, String md5Hex,
                long partSize, LongConsumer progress) {
        this.client = client;
        this.transfer = transfer;
        this.runner = runner;
        this.journal = journal;
        this.row = row;
        this.assetId = assetId;
        this.record = record;
        this.file = file;
        this.size = size;
        this.md5Hex = md5Hex;
        this.partSize = partSize(partSize, size);
        this.progress = progress;
    }

    /** The part size: as configured, made larger when the file would need more than {@link #MAX_PARTS} parts. */
    static long partSize(long configured, long size) {
        long min = (size + MAX_PARTS - 1) / MAX_PARTS;
        long mib = 1L << 20;
        return Math.max(configured, (min + mib - 1) / mib * mib);
    }

    /** @return the number of parts, at least 1 */
    int parts() {
        return (int) Math.max(1, (size + partSize - 1) / partSize);
    }

    /** @return the offset of a part (numbered from 1) */
    long offset(int part) {
        return (part - 1) * partSize;
    }

    /** @return the length of a part (numbered from 1) */
    long length(int part) {
        return Math.min(partSize, size - offset(part));
    }

    /**
     * Sends one of iconik's multipart POSTs (B2 start, finish, cancel; GCS compose URL), again when the answer was
     * lost ({@link OutcomeUnknownException}): each is safe to repeat [I] (a repeated start makes a large file that
     * is never finished, a repeated finish of a finished file succeeds, a compose URL is only a signature).
     *
     * @param what the path after the file's ({@code multipart/b2/start/}, ...)
     * @param json the body
     * @return the answer's body
     */
    String post(String what, String json) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.send("POST", "/API/files/v1/assets/" + assetId + "/files/" + fileId() + "/" + what,
                        json);
            } catch (OutcomeUnknownException lost) {
                if (attempt >= 3) {
                    throw lost;
                }
            }
        }
    }

    /** @return the iconik id of the file record */
    String fileId() {
        return record.id();
    }

    /**
     * @param method the storage method the session must be of
     * @return the journalled session's id for this method and part size, or null
     */
    String session(String method) {
        String s = row.sessionUrl();
        if (s == null || !md5Hex.equalsIgnoreCase(String.valueOf(row.contentMd5()))) {
            return null;
        }
        String[] f = s.split(" ", 3);
        return f.length == 3 && f[0].equals(method) && f[1].equals(Long.toString(partSize)) ? f[2] : null;
    }

    /** @return the journalled session, whatever its method, or null */
    String anySession() {
        return row.sessionUrl();
    }

    /**
     * Journals a new session; its confirmed parts start empty.
     *
     * @param method the storage method
     * @param id     the storage's id of the upload
     */
    void startSession(String method, String id) {
        journal.clearParts(row.path(), row.slot());
        row = row.session(method + " " + partSize + " " + id, 0, md5Hex);
        journal.saveRendition(row);
    }

    /** Forgets the session and its parts (the upload starts over). */
    void dropSession() {
        journal.clearParts(row.path(), row.slot());
        row = row.withoutSession();
        journal.saveRendition(row);
    }

    /** @return the confirmed parts: number to what the storage answered, in order; counted as progress */
    SortedMap<Integer, String> confirmed() {
        SortedMap<Integer, String> done = journal.parts(row.path(), row.slot());
        long bytes = 0;
        for (int p : done.keySet()) {
            bytes += length(p);
        }
        confirmedBytes.set(bytes);
        if (bytes > 0) {
            progress.accept(bytes);
        }
        return done;
    }

    /** @return the parts not confirmed yet, in order */
    List<Integer> missing(SortedMap<Integer, String> confirmed) {
        List<Integer> out = new ArrayList<>();
        for (int p = 1; p <= parts(); p++) {
            if (!confirmed.containsKey(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Journals a part the storage confirmed.
     *
     * @param part the part number
     * @param tag  what the storage answered for it
     */
    void confirm(int part, String tag) {
        journal.savePart(row.path(), row.slot(), part, tag);
        progress.accept(confirmedBytes.addAndGet(length(part)));
    }

    /** Reports the whole file as sent. */
    void done() {
        progress.accept(size);
    }

    /** @return the journal row as it is now */
    RenditionRow row() {
        return row;
    }

    /** @return what the storage calls the object in messages: the record's file name */
    String name() {
        return record.originalName() != null ? record.originalName() : record.id();
    }
}
