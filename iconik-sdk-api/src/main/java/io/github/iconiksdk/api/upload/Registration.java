package io.github.iconiksdk.api.upload;

import java.util.Objects;

/**
 * The iconik objects that stand for one file on the storage.
 *
 * @param path      the file's path relative to the storage root
 * @param outcome   what registering did
 * @param assetId   the asset's id
 * @param formatId  the ORIGINAL format's id
 * @param fileSetId the file set's id
 * @param fileId    the file record's id
 */
public record Registration(String path, RegistrationOutcome outcome, String assetId, String formatId,
                           String fileSetId, String fileId) {

    /**
     * Validates the registration.
     *
     * @throws NullPointerException if {@code path}, {@code outcome} or {@code assetId} is null
     */
    public Registration {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(assetId, "assetId");
    }
}
