// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

/** What a {@link ScanEvent.Change} reports about a stable file. */
public enum ChangeType {
    /** A stable file the store had never seen. */
    NEW,
    /** A stable file whose size or modification time changed since it was last reported. */
    MODIFIED,
    /** A file reported before that is no longer there (and was not moved). */
    REMOVED,
    /** A file reported before that is now at another path: {@link ScanEvent.Change#movedFrom()} says where from. */
    MOVED
}
