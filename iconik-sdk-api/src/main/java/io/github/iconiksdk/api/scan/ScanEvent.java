// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.scan;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a scan pass found: either a {@link Change} of a stable file, which a listener acts on (register,
 * update, re-point, mark removed), or a {@link Notice} about a file that is not ready or not readable, which a
 * listener may only report. Every field is present; what a kind of event cannot know is not in its type.
 *
 * <pre>{@code
 * scanner.scanOnce(event -> {
 *     if (event instanceof ScanEvent.Change change) {
 *         uploader.register(change, MetadataValues.empty());
 *     } else if (event instanceof ScanEvent.Unreadable u) {
 *         log.warn("{}: {}", u.path(), u.reason());
 *     }
 * });
 * }</pre>
 */
public sealed interface ScanEvent permits ScanEvent.Change, ScanEvent.Notice {

    /** @return the file's path relative to the storage root, {@code /}-separated, no leading {@code /} */
    String path();

    /**
     * A change of a stable file.
     *
     * <p>For {@link ChangeType#REMOVED} the size, time and checksum are those the file had when it was last
     * reported (it is gone, so they cannot be read again).
     *
     * @param type      what happened
     * @param path      the file's path relative to the storage root (for {@code MOVED}, where it is now)
     * @param size      the file's size in bytes, never negative
     * @param modified  the file's last-modified time
     * @param md5       the lower-case hex MD5 of the content when the scanner computed it (checksums switched on,
     *                  or needed for move detection)
     * @param movedFrom for {@code MOVED} (and only then), where the file was
     */
    record Change(ChangeType type, String path, long size, Instant modified, Optional<String> md5,
                  Optional<String> movedFrom) implements ScanEvent {

        /**
         * Validates the change.
         *
         * @param type what happened
         * @param path the file's path relative to the storage root (for {@code MOVED}, where it is now)
         * @param size the file's size in bytes, never negative
         * @param modified the file's last-modified time
         * @param md5 the lower-case hex MD5 of the content when the scanner computed it
         * @param movedFrom for {@code MOVED} (and only then), where the file was
         * @throws NullPointerException     if any argument is null
         * @throws IllegalArgumentException if {@code size} is negative, or {@code movedFrom} is empty for a
         *                                  {@code MOVED} change or present for any other
         */
        public Change {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(modified, "modified of " + path);
            Objects.requireNonNull(md5, "md5 of " + path);
            Objects.requireNonNull(movedFrom, "movedFrom of " + path);
            if (size < 0) {
                throw new IllegalArgumentException("size of " + path + " must be >= 0, got " + size);
            }
            if (movedFrom.isPresent() != (type == ChangeType.MOVED)) {
                throw new IllegalArgumentException(type == ChangeType.MOVED
                        ? "a MOVED change of " + path + " needs movedFrom"
                        : "a " + type + " change of " + path + " has no movedFrom, got " + movedFrom.get());
            }
        }

        /**
         * A {@code NEW}, {@code MODIFIED} or {@code REMOVED} change.
         *
         * @param type     {@code NEW}, {@code MODIFIED} or {@code REMOVED}
         * @param path     the file's path relative to the storage root
         * @param size     the file's size in bytes
         * @param modified the file's last-modified time
         * @param md5      the lower-case hex MD5, or {@code null} when not computed
         * @return the change
         * @throws IllegalArgumentException if {@code type} is {@code MOVED} (use {@link #moved}) or size is negative
         * @throws NullPointerException     if {@code type}, {@code path} or {@code modified} is null
         */
        public static Change of(ChangeType type, String path, long size, Instant modified, String md5) {
            return new Change(type, path, size, modified, Optional.ofNullable(md5), Optional.empty());
        }

        /**
         * A {@code MOVED} change.
         *
         * @param from     where the file was
         * @param path     where the file is now
         * @param size     the file's size in bytes
         * @param modified the file's last-modified time
         * @param md5      the lower-case hex MD5, or {@code null} when not computed
         * @return the change
         * @throws NullPointerException     if {@code from}, {@code path} or {@code modified} is null
         * @throws IllegalArgumentException if size is negative
         */
        public static Change moved(String from, String path, long size, Instant modified, String md5) {
            return new Change(ChangeType.MOVED, path, size, modified, Optional.ofNullable(md5),
                    Optional.of(Objects.requireNonNull(from, "from")));
        }
    }

    /** A notice: something about a file that is not a change a listener should act on. */
    sealed interface Notice extends ScanEvent permits Growing, Unreadable {

        /** @return which notice this is */
        NoticeType type();
    }

    /**
     * The file is still changing; it is reported as a {@link Change} once it has kept its size and time for the
     * scanner's threshold.
     *
     * @param path     the file's path relative to the storage root
     * @param size     its size in bytes when observed, never negative
     * @param modified its last-modified time when observed
     */
    record Growing(String path, long size, Instant modified) implements Notice {

        /**
         * Validates the notice.
         *
         * @param path the file's path relative to the storage root
         * @param size its size in bytes when observed, never negative
         * @param modified its last-modified time when observed
         * @throws NullPointerException     if {@code path} or {@code modified} is null
         * @throws IllegalArgumentException if {@code size} is negative
         */
        public Growing {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(modified, "modified of " + path);
            if (size < 0) {
                throw new IllegalArgumentException("size of " + path + " must be >= 0, got " + size);
            }
        }

        /** @return {@link NoticeType#GROWING} */
        @Override
        public NoticeType type() {
            return NoticeType.GROWING;
        }
    }

    /**
     * A file or folder could not be read this pass; it is tried again on the next one.
     *
     * @param path   the path relative to the storage root
     * @param reason why, for people (the operating system's message)
     */
    record Unreadable(String path, String reason) implements Notice {

        /**
         * Validates the notice.
         *
         * @param path the path relative to the storage root
         * @param reason why, for people
         * @throws NullPointerException if an argument is null
         */
        public Unreadable {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason for " + path);
        }

        /** @return {@link NoticeType#UNREADABLE} */
        @Override
        public NoticeType type() {
            return NoticeType.UNREADABLE;
        }
    }
}
