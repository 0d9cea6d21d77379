// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

import java.util.Objects;

/**
 * The iconik objects that stand for one file on the storage.
 *
 * @param path      the file's path relative to the storage root
 * @param outcome   what registering did
 * @param assetId   the asset's id; {@code null} only for a {@code REMOVED} file that was never registered
 * @param formatId  the ORIGINAL format's id, or {@code null} likewise
 * @param fileSetId the file set's id, or {@code null} likewise
 * @param fileId    the file record's id, or {@code null} likewise
 */
public record Registration(String path, RegistrationOutcome outcome, String assetId, String formatId,
                           String fileSetId, String fileId) {

    /**
     * Validates the registration.
     *
     * @param path the file's path relative to the storage root
     * @param outcome what registering did
     * @param assetId the asset's id; {@code null} only for a {@code REMOVED} file that was never registered
     * @param formatId the ORIGINAL format's id, or {@code null} likewise
     * @param fileSetId the file set's id, or {@code null} likewise
     * @param fileId the file record's id, or {@code null} likewise
     * @throws NullPointerException if {@code path} or {@code outcome} is null, or {@code assetId} is null for any
     *                              outcome but {@code REMOVED}
     */
    public Registration {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != RegistrationOutcome.REMOVED) {
            Objects.requireNonNull(assetId, "assetId");
        }
    }
}
