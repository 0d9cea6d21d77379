// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

import java.util.Objects;

/**
 * What a {@link RegistrationStore} holds about one file's registration: which iconik objects exist and which step
 * was last completed. A store keeps it as given; only the SDK's uploader interprets it.
 *
 * <p>Like {@link io.github.iconiksdk.api.scan.FileState}, this is a row of a store, not a result: the ids of
 * objects not yet made are {@code null} (a store writes and reads them back as SQL {@code NULL}).
 *
 * @param path         the file's path relative to the storage root
 * @param key          the idempotency key, chosen before the asset is created and sent as its {@code external_id}
 * @param assetId      the asset, or {@code null} before {@link RegistrationStep#ASSET}
 * @param formatId     the ORIGINAL format, or {@code null} before {@link RegistrationStep#FORMAT}
 * @param fileSetId    the file set, or {@code null} before {@link RegistrationStep#FILE_SET}
 * @param fileId       the file record, or {@code null} before {@link RegistrationStep#FILE}
 * @param step         the last step completed
 * @param pending      whether the step after {@code step} was started and its outcome is not recorded
 * @param createdAsset whether this gateway created the asset (rather than finding identical content's asset)
 * @param size         the size registered, in bytes
 * @param modifiedMs   the modification time registered, milliseconds since the epoch
 * @param checksum     the MD5 registered, or {@code null} when none was computed
 * @param metadataHash a hash of the sidecar values applied, or {@code null} when none were
 */
public record RegistrationEntry(String path, String key, String assetId, String formatId, String fileSetId,
                                String fileId, RegistrationStep step, boolean pending, boolean createdAsset,
                                long size, long modifiedMs, String checksum, String metadataHash) {

    /**
     * Validates the entry.
     *
     * @param path the file's path relative to the storage root
     * @param key the idempotency key
     * @param assetId the asset, or {@code null} before {@link RegistrationStep#ASSET}
     * @param formatId the ORIGINAL format, or {@code null} before {@link RegistrationStep#FORMAT}
     * @param fileSetId the file set, or {@code null} before {@link RegistrationStep#FILE_SET}
     * @param fileId the file record, or {@code null} before {@link RegistrationStep#FILE}
     * @param step the last step completed
     * @param pending whether the step after {@code step} was started and its outcome is not recorded
     * @param createdAsset whether this gateway created the asset
     * @param size the size registered, in bytes
     * @param modifiedMs the modification time registered, milliseconds since the epoch
     * @param checksum the MD5 registered, or {@code null}
     * @param metadataHash a hash of the sidecar values applied, or {@code null}
     * @throws NullPointerException if {@code path}, {@code key} or {@code step} is null
     */
    public RegistrationEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(key, "key of " + path);
        Objects.requireNonNull(step, "step of " + path);
    }
}
