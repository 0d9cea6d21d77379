// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

import io.github.iconiksdk.api.scan.ScanEvent;

import java.util.List;
import java.util.Objects;

/**
 * Several files registered as ONE asset with one file set holding every one of them: a camera card's clip or a
 * numbered image sequence (a "directory asset", when the storage has {@code enable_directory_assets}).
 *
 * <p>The group is journalled under {@link #path()}, a name no file of the storage can have as a path relative to
 * the root ({@code directory-asset:} and the key), and its renditions are wanted under it; each file keeps its own
 * journal entry under its own path.
 *
 * @param key     a stable identity of the group across passes (for a sequence its frame pattern with its folder,
 *                {@code shots/frame_%04d.dpx}; for a clip its card root and clip id, {@code card/[0001AB]}): a
 *                growing sequence keeps its key while its title changes
 * @param title   the asset's title ({@code 0001AB}, {@code frame_[0001-0048].dpx}), also the file set's name
 * @param baseDir the folder the file set is based on, relative to the storage root ({@code ""} for the root)
 * @param files   every file of the group as the scanner last saw it, in path order
 */
public record AssetGroup(String key, String title, String baseDir, List<ScanEvent.Change> files) {

    /** How {@link #path()} starts. */
    public static final String PATH_PREFIX = "directory-asset:";

    /**
     * Validates and copies.
     *
     * @param key     the group's stable identity
     * @param title   the asset's title
     * @param baseDir the file set's folder
     * @param files   every file of the group
     * @throws NullPointerException     if a reference or a file is null
     * @throws IllegalArgumentException if the key or title is blank, or there are no files
     */
    public AssetGroup {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(baseDir, "baseDir");
        files = List.copyOf(files);
        if (key.isBlank() || title.isBlank()) {
            throw new IllegalArgumentException("a directory asset needs a key and a title, got key '" + key
                    + "' and title '" + title + "'");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("directory asset " + key + " has no files");
        }
    }

    /** @return the name the group is journalled under: {@code directory-asset:} and the key */
    public String path() {
        return PATH_PREFIX + key;
    }

    /**
     * @param path a journalled path
     * @return whether it names a group rather than a file
     */
    public static boolean isGroupPath(String path) {
        return path.startsWith(PATH_PREFIX);
    }

    /**
     * @param path a group's {@link #path()}
     * @return its key
     * @throws IllegalArgumentException if the path names no group
     */
    public static String keyOf(String path) {
        if (!isGroupPath(path)) {
            throw new IllegalArgumentException(path + " names no directory asset");
        }
        return path.substring(PATH_PREFIX.length());
    }
}
