// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

/**
 * How far a scanner's listener has been told about one file. Kept in the {@link ScanStateStore}; a state other
 * than {@link #DELIVERED} means an event is still owed (or, for a growing file, will be once it settles).
 */
public enum FileStatus {
    /** The listener has never been told about this path: {@code NEW} is owed once the file is stable. */
    PENDING_NEW,
    /** The listener knows the path, but not its current content: {@code MODIFIED} is owed once stable. */
    PENDING_MODIFIED,
    /** The listener has been told about the file as it is now. */
    DELIVERED,
    /** The listener knows the path, and the last pass did not find it: {@code REMOVED} (or {@code MOVED}) is owed. */
    MISSING
}
