// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

import java.util.Objects;

/**
 * A piece of work a file still expects, or got, after registration (its renditions, its original's upload), so
 * that a restart resumes what the scanner will not report again.
 *
 * @param path  the file's path relative to the storage root
 * @param kind  the kind of work ({@code RENDITIONS}, {@code ORIGINAL}, {@code CLOUD_TRANSCODE}); the uploader
 *              names them, a store keeps them as given
 * @param tag   the content the work is for (its MD5, or size and time)
 * @param state how far it got
 */
public record UploadWork(String path, String kind, String tag, State state) {

    /** How far a piece of work got. */
    public enum State {
        /** Still to do. */
        WANTED,
        /** Done for this content. */
        DONE,
        /** Given up for this content. */
        FAILED
    }

    /**
     * Validates the work.
     *
     * @param path the file's path relative to the storage root
     * @param kind the kind of work
     * @param tag the content the work is for
     * @param state how far it got
     * @throws NullPointerException if an argument is null
     */
    public UploadWork {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind of work on " + path);
        Objects.requireNonNull(tag, "tag of " + kind + " work on " + path);
        Objects.requireNonNull(state, "state of " + kind + " work on " + path);
    }
}
