// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.pattern.IgnoreMatcher;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.pattern.Patterns;

import java.util.List;

/**
 * The storage settings registration depends on, with iconik's unset values replaced by the SDK's defaults.
 *
 * @param titleIncludesExtension  asset titles keep the file extension (unset: true [I], as iconik's own uploads do)
 * @param filenameIsExternalId    the asset's external id ends up as the file name (unset: false)
 * @param aggregateIdenticalFiles identical content on this storage shares one asset (unset: false)
 * @param aggregateIgnore         files never aggregated
 * @param collectionMapping       folders become collections (unset: false)
 * @param metadataViewId          the view sidecar values go to, or {@code null}
 * @param deleteAllowed           iconik may delete from this storage: a removed file's record is deleted rather
 *                                than marked MISSING (unset: false)
 * @param accessGroupId           the group given access to new assets, or {@code null}
 * @param autoVersioning          a MODIFIED file becomes a new version of its asset (unset: false)
 * @param autoVersionIgnore       files never versioned (they are updated in place)
 * @param versionSuffix           how a NEW file names itself the next version of another's asset
 *                                ({@code asset_versions_suffix}; unset: {@code _v#}), used with auto-versioning
 */
record StorageRules(boolean titleIncludesExtension, boolean filenameIsExternalId, boolean aggregateIdenticalFiles,
                    IgnoreMatcher aggregateIgnore, boolean collectionMapping, String metadataViewId,
                    boolean deleteAllowed, String accessGroupId, boolean autoVersioning,
                    IgnoreMatcher autoVersionIgnore, VersionSuffix versionSuffix) {

    static StorageRules of(FileSettings s) {
        return new StorageRules(orDefault(s.titleIncludesExtension(), true), orDefault(s.filenameIsExternalId(), false),
                orDefault(s.aggregateIdenticalFiles(), false), Patterns.compile(orEmpty(s.aggregateIgnore())),
                orDefault(s.enableCollectionDirectoryMapping(), false), blankToNull(s.metadataViewId()),
                orDefault(s.delete(), false), blankToNull(s.accessGroupId()),
                orDefault(s.enableAutoVersioning(), false), Patterns.compile(orEmpty(s.autoVersionIgnore())),
                VersionSuffix.of(s.assetVersionsSuffix()));
    }

    private static boolean orDefault(Boolean b, boolean dflt) {
        return b == null ? dflt : b;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
