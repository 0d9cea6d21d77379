package io.github.iconiksdk.api.scan;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change, or one notice, found by a scan pass.
 *
 * @param type         what happened
 * @param path         the file's path relative to the storage root, {@code /}-separated (for {@code MOVED}, where
 *                     it is now)
 * @param previousPath for {@code MOVED}, where the file was; otherwise {@code null}
 * @param size         the file's size in bytes, or {@code -1} when unknown ({@code REMOVED}, {@code UNREADABLE})
 * @param modified     the file's last-modified time, or {@code null} when unknown
 * @param checksum     the lower-case hex MD5 of the content once computed, otherwise {@code null}
 * @param reason       for {@code UNREADABLE}, why; otherwise {@code null}
 */
public record ScanEvent(ScanEventType type, String path, String previousPath, long size, Instant modified,
                        String checksum, String reason) {

    /**
     * Validates the event.
     *
     * @param type what happened
     * @param path the file's path relative to the storage root, {@code /}-separated (for {@code MOVED}, where it is
     *             now)
     * @param previousPath for {@code MOVED}, where the file was; otherwise {@code null}
     * @param size the file's size in bytes, or {@code -1} when unknown ({@code REMOVED}, {@code UNREADABLE})
     * @param modified the file's last-modified time, or {@code null} when unknown
     * @param checksum the lower-case hex MD5 of the content once computed, otherwise {@code null}
     * @param reason for {@code UNREADABLE}, why; otherwise {@code null}
     * @throws NullPointerException     if {@code type} or {@code path} is null, or {@code previousPath} is null for
     *                                  a {@code MOVED} event
     */
    public ScanEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        if (type == ScanEventType.MOVED) {
            Objects.requireNonNull(previousPath, "previousPath of a MOVED event");
        }
    }

    /** @return the previous path of a moved file */
    public Optional<String> movedFrom() {
        return Optional.ofNullable(previousPath);
    }

    /** @return the MD5 checksum, when the scanner computed it */
    public Optional<String> md5() {
        return Optional.ofNullable(checksum);
    }

    /** @return whether this is a change of a stable file (not a {@code GROWING} or {@code UNREADABLE} notice) */
    public boolean isChange() {
        return type != ScanEventType.GROWING && type != ScanEventType.UNREADABLE;
    }
}
