// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

/** What a {@link ScanEvent.Notice} reports: something about a file that is not (yet) a change. */
public enum NoticeType {
    /** The file is still changing and will be reported once it has settled ({@link ScanEvent.Growing}). */
    GROWING,
    /** A file or folder could not be read this pass; it is tried again on the next one ({@link ScanEvent.Unreadable}). */
    UNREADABLE
}
