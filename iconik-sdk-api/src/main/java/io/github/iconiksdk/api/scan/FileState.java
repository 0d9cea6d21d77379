// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

import java.util.Objects;

/**
 * What a scanner last knew about one file, as kept in a {@link ScanStateStore}: the last observation of the file
 * on disk and how far the listener has been told about it.
 *
 * <p>"Unchanged" means the same size, modification time and file key as the previous observation. A file is
 * stable once it has been unchanged for the growing-files threshold, counted from {@code unchangedSinceMillis}.
 *
 * @param path                 the path relative to the storage root, {@code /}-separated, no leading {@code /}
 * @param size                 size in bytes at the last observation
 * @param modifiedNanos        last-modified time at the last observation, nanoseconds since the epoch
 * @param fileKey              the file system's identity of the file (device and inode), or {@code null} where the
 *                             file system has none
 * @param checksum             lower-case hex MD5 of the content for this size and time, or {@code null} when not
 *                             computed (a new observation clears it, so it is never stale)
 * @param unchangedSinceMillis since when, as far as the scanner can tell, the file has had this size and time
 *                             (milliseconds since the epoch)
 * @param status               how far the listener has been told about the file
 */
public record FileState(String path, long size, long modifiedNanos, String fileKey, String checksum,
                        long unchangedSinceMillis, FileStatus status) {

    /**
     * Validates the state.
     *
     * @param path the path relative to the storage root, {@code /}-separated, no leading {@code /}
     * @param size size in bytes at the last observation
     * @param modifiedNanos last-modified time at the last observation, nanoseconds since the epoch
     * @param fileKey the file system's identity of the file (device and inode), or {@code null} where the file system
     *                has none
     * @param checksum lower-case hex MD5 of the content for this size and time, or {@code null} when not computed (a
     *                 new observation clears it, so it is never stale)
     * @param unchangedSinceMillis since when, as far as the scanner can tell, the file has had this size and time
     *                             (milliseconds since the epoch)
     * @param status how far the listener has been told about the file
     * @throws NullPointerException     if {@code path} or {@code status} is null
     * @throws IllegalArgumentException if {@code path} is empty or {@code size} is negative
     */
    public FileState {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
    }

    /**
     * Returns a copy with another status.
     *
     * @param newStatus the status
     * @return the copy
     */
    public FileState withStatus(FileStatus newStatus) {
        return new FileState(path, size, modifiedNanos, fileKey, checksum, unchangedSinceMillis, newStatus);
    }

    /**
     * Returns a copy with another checksum.
     *
     * @param newChecksum lower-case hex MD5, or {@code null}
     * @return the copy
     */
    public FileState withChecksum(String newChecksum) {
        return new FileState(path, size, modifiedNanos, fileKey, newChecksum, unchangedSinceMillis, status);
    }
}
