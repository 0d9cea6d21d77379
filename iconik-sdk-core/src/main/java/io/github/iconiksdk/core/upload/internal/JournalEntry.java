// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import java.util.Objects;

/**
 * What the journal knows about one file's registration. Immutable; the {@code with…} methods return copies.
 *
 * @param path         the file's path relative to the storage root
 * @param key          the idempotency key, chosen before the asset is created and sent as its {@code external_id}
 * @param assetId      the asset, or {@code null} before {@link Step#ASSET}
 * @param formatId     the ORIGINAL format, or {@code null}
 * @param fileSetId    the file set, or {@code null}
 * @param fileId       the file record, or {@code null}
 * @param step         the last step completed
 * @param pending      whether the step after {@code step} was started and its outcome is not recorded
 * @param createdAsset whether this gateway created the asset (rather than finding identical content's asset)
 * @param size         the size registered
 * @param modifiedMs   the modification time registered, ms since the epoch
 * @param checksum     the MD5 registered, or {@code null}
 * @param metadataHash a hash of the sidecar values applied, or {@code null} when none were
 */
public record JournalEntry(String path, String key, String assetId, String formatId, String fileSetId, String fileId,
                           Step step, boolean pending, boolean createdAsset, long size, long modifiedMs,
                           String checksum, String metadataHash) {

    /** Validates the entry. */
    public JournalEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(step, "step");
    }

    /** @return a copy marked as having started the next step */
    public JournalEntry started() {
        return new JournalEntry(path, key, assetId, formatId, fileSetId, fileId, step, true, createdAsset, size,
                modifiedMs, checksum, metadataHash);
    }

    /**
     * @param done the step now completed
     * @return a copy at that step, nothing pending
     */
    public JournalEntry completed(Step done) {
        return new JournalEntry(path, key, assetId, formatId, fileSetId, fileId, done, false, createdAsset, size,
                modifiedMs, checksum, metadataHash);
    }

    /** @return a copy with the asset set */
    public JournalEntry withAsset(String id, boolean created) {
        return new JournalEntry(path, key, id, formatId, fileSetId, fileId, step, pending, created, size, modifiedMs,
                checksum, metadataHash);
    }

    /** @return a copy with the format set */
    public JournalEntry withFormat(String id) {
        return new JournalEntry(path, key, assetId, id, fileSetId, fileId, step, pending, createdAsset, size,
                modifiedMs, checksum, metadataHash);
    }

    /** @return a copy with the file set set */
    public JournalEntry withFileSet(String id) {
        return new JournalEntry(path, key, assetId, formatId, id, fileId, step, pending, createdAsset, size,
                modifiedMs, checksum, metadataHash);
    }

    /** @return a copy with the file record set */
    public JournalEntry withFile(String id) {
        return new JournalEntry(path, key, assetId, formatId, fileSetId, id, step, pending, createdAsset, size,
                modifiedMs, checksum, metadataHash);
    }

    /** @return a copy describing the content as now on disk */
    public JournalEntry withContent(long newSize, long newModifiedMs, String newChecksum) {
        return new JournalEntry(path, key, assetId, formatId, fileSetId, fileId, step, pending, createdAsset, newSize,
                newModifiedMs, newChecksum, metadataHash);
    }

    /** @return a copy with the applied metadata's hash */
    public JournalEntry withMetadataHash(String hash) {
        return new JournalEntry(path, key, assetId, formatId, fileSetId, fileId, step, pending, createdAsset, size,
                modifiedMs, checksum, hash);
    }

    /** @return a copy at another path (after a move) */
    public JournalEntry movedTo(String newPath) {
        return new JournalEntry(newPath, key, assetId, formatId, fileSetId, fileId, step, pending, createdAsset, size,
                modifiedMs, checksum, metadataHash);
    }
}
