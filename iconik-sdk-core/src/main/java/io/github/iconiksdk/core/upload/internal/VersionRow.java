// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import java.util.Objects;

/**
 * A file's auto-versioning in progress or last made, as the journal keeps it: a MODIFIED file becomes a new version
 * of its asset. The version is made once: {@code started} is journalled before iconik is asked, and a lost answer is
 * resolved by looking for an asset version newer than {@code previousVersionId}.
 *
 * @param path              the file's path
 * @param previousVersionId the asset's current version before this one was asked for, or {@code null} if it had none
 * @param versionId         the new version, or {@code null} until it exists
 * @param started           whether the new version was asked for (its outcome may be unknown)
 * @param done              whether the file's registration on the new version is complete
 */
public record VersionRow(String path, String previousVersionId, String versionId, boolean started, boolean done) {

    /**
     * Validates the row.
     *
     * @param path              the file's path
     * @param previousVersionId the asset's current version before, or {@code null}
     * @param versionId         the new version, or {@code null}
     * @param started           whether the new version was asked for
     * @param done              whether the registration on the new version is complete
     * @throws NullPointerException if {@code path} is null
     */
    public VersionRow {
        Objects.requireNonNull(path, "path");
    }

    /** @return a copy marked as asked for */
    public VersionRow asStarted() {
        return new VersionRow(path, previousVersionId, versionId, true, done);
    }

    /**
     * @param id the version made
     * @return a copy holding it
     */
    public VersionRow withVersion(String id) {
        return new VersionRow(path, previousVersionId, id, true, done);
    }

    /** @return a copy marked complete */
    public VersionRow asDone() {
        return new VersionRow(path, previousVersionId, versionId, started, true);
    }
}
