// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.upload.RegistrationOutcome;

/**
 * What the gateway tells whoever watches it (the status page, the progress display, the report to iconik) as it
 * works. Calls come from the pass's thread and from the transcode and upload pools, so implementations must be
 * thread-safe and quick: they record, they never block on I/O. Every method has an empty default.
 */
interface GatewayListener {

    /** A listener that ignores everything. */
    GatewayListener NONE = new GatewayListener() { };

    /**
     * The storage's settings were read from iconik.
     *
     * @param storageId the storage's id
     * @param name      the storage's name in iconik
     */
    default void storageRead(String storageId, String name) {
    }

    /** A scan of the mount point starts. */
    default void scanStarted() {
    }

    /**
     * A scan of the mount point ended normally.
     *
     * @param summary what the scanner saw
     */
    default void scanFinished(ScanSummary summary) {
    }

    /**
     * A pass (or the settings read before it) failed as a whole; the daemon tries again later.
     *
     * @param message why, naming what failed
     */
    default void passFailed(String message) {
    }

    /**
     * A file was registered in iconik (or found already registered).
     *
     * @param path    the path relative to the storage root
     * @param outcome what the registration did
     */
    default void fileRegistered(String path, RegistrationOutcome outcome) {
    }

    /**
     * A file could not be registered in this pass; it is tried again on a later one.
     *
     * @param path    the path relative to the storage root
     * @param message why
     */
    default void fileFailed(String path, String message) {
    }

    /**
     * An object (a proxy, a keyframe, an original) reached its storage.
     *
     * @param path  the media file it belongs to
     * @param bytes how many bytes it holds
     */
    default void uploaded(String path, long bytes) {
    }

    /**
     * Something went wrong with one file that does not stop the pass (unreadable, transcode or upload failed).
     *
     * @param message what, naming the file
     */
    default void problem(String message) {
    }
}
