// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

import java.util.Objects;

/**
 * What a {@link RegistrationStore} holds about a file's auto-versioning (a MODIFIED file becomes a new version of
 * its asset): made once, because {@code started} is stored before iconik is asked. A row of a store: ids not known
 * yet are {@code null}.
 *
 * @param path              the file's path relative to the storage root
 * @param previousVersionId the asset's current version before the new one was asked for, or {@code null} if none
 * @param versionId         the new version, or {@code null} until it exists
 * @param started           whether the new version was asked for (its outcome may be unknown)
 * @param done              whether the file's registration on the new version is complete
 */
public record VersionRecord(String path, String previousVersionId, String versionId, boolean started,
                            boolean done) {

    /**
     * Validates the record.
     *
     * @param path the file's path relative to the storage root
     * @param previousVersionId the asset's current version before, or {@code null}
     * @param versionId the new version, or {@code null}
     * @param started whether the new version was asked for
     * @param done whether the registration on the new version is complete
     * @throws NullPointerException if {@code path} is null
     */
    public VersionRecord {
        Objects.requireNonNull(path, "path");
    }
}
