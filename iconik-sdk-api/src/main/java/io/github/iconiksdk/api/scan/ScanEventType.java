package io.github.iconiksdk.api.scan;

/** What a {@link ScanEvent} reports. */
public enum ScanEventType {
    /** A stable file the store had never seen. */
    NEW,
    /** A stable file whose size or modification time changed since it was last reported. */
    MODIFIED,
    /** A file reported before that is no longer there (and was not moved). */
    REMOVED,
    /** A file reported before that is now at another path: {@link ScanEvent#previousPath()} says where from. */
    MOVED,
    /** A notice: the file is still changing and will be reported once it has settled. */
    GROWING,
    /** A notice: a file or folder could not be read this pass; it is tried again on the next one. */
    UNREADABLE
}
