package io.github.iconiksdk.api.scan;

import java.util.Objects;

/**
 * What the scanner last knew about one file, as kept in a {@link ScanStateStore}.
 *
 * @param path        the path relative to the storage root, {@code /}-separated
 * @param size        size in bytes
 * @param modifiedMillis last-modified time in milliseconds since the epoch
 * @param fileKey     the file system's identity of the file (inode and device), or {@code null} where the file
 *                    system has none
 * @param checksum    lower-case hex MD5 of the content, or {@code null} when not computed
 * @param stableSinceMillis when the file was first seen with this size and time (for the growing-files
 *                    threshold), milliseconds since the epoch
 * @param delivered   whether the last change of this file was delivered to the listener
 */
public record FileState(String path, long size, long modifiedMillis, String fileKey, String checksum,
                        long stableSinceMillis, boolean delivered) {

    /**
     * Validates the state.
     *
     * @throws NullPointerException if {@code path} is null
     */
    public FileState {
        Objects.requireNonNull(path, "path");
    }
}
