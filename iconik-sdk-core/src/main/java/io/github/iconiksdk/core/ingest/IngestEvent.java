// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.upload.RegistrationOutcome;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link IngestPipeline} reports as it works, to its {@link IngestListener}. The pipeline never prints:
 * everything a user may want to see arrives here. Messages name the file, setting or pattern concerned and never
 * hold the Auth-Token.
 */
public sealed interface IngestEvent {

    /**
     * The storage's settings were read from iconik (before every pass).
     *
     * @param storageId the storage's id
     * @param name      the storage's name in iconik
     */
    record StorageRead(String storageId, String name) implements IngestEvent {
        /**
         * @param storageId the storage's id
         * @param name      the storage's name in iconik
         * @throws NullPointerException if {@code storageId} is null
         */
        public StorageRead {
            Objects.requireNonNull(storageId, "storageId");
        }
    }

    /**
     * Settings changed in iconik since the daemon's previous pass; they apply from this pass on.
     *
     * @param names the changed settings as iconik spells them ({@code scan_ignore})
     */
    record SettingsChanged(List<String> names) implements IngestEvent {
        /**
         * @param names the changed settings as iconik spells them
         * @throws NullPointerException if {@code names} is null
         */
        public SettingsChanged {
            names = List.copyOf(names);
        }
    }

    /** The daemon found scanning turned off for the storage in iconik ({@code scan}); it waits for it. */
    record ScanningOff() implements IngestEvent {
    }

    /** A scan of the mount point starts. */
    record ScanStarted() implements IngestEvent {
    }

    /**
     * A scan of the mount point ended normally.
     *
     * @param summary what the scanner saw
     */
    record ScanFinished(ScanSummary summary) implements IngestEvent {
        /**
         * @param summary what the scanner saw
         * @throws NullPointerException if {@code summary} is null
         */
        public ScanFinished {
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * A file was registered in iconik (or found already registered, or its removal recorded).
     *
     * @param path    the path relative to the storage root
     * @param outcome what the registration did
     * @param assetId the file's asset; empty only for the removal of a file that was never registered
     */
    record FileRegistered(String path, RegistrationOutcome outcome, Optional<String> assetId) implements IngestEvent {
        /**
         * @param path    the path relative to the storage root
         * @param outcome what the registration did
         * @param assetId the file's asset, if any
         * @throws NullPointerException if an argument is null
         */
        public FileRegistered {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(assetId, "assetId");
        }
    }

    /**
     * A file could not be registered in this pass; a later pass tries again (the journal keeps its progress).
     *
     * @param path    the path relative to the storage root
     * @param message why
     */
    record FileFailed(String path, String message) implements IngestEvent {
        /**
         * @param path    the path relative to the storage root
         * @param message why
         * @throws NullPointerException if an argument is null
         */
        public FileFailed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * An object (a proxy, a keyframe, an original) reached its storage.
     *
     * @param path  the media file it belongs to, relative to the storage root
     * @param bytes how many bytes it holds
     */
    record Uploaded(String path, long bytes) implements IngestEvent {
        /**
         * @param path  the media file it belongs to
         * @param bytes how many bytes it holds
         * @throws NullPointerException if {@code path} is null
         */
        public Uploaded {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Something went wrong with one file that does not stop the pass: unreadable, transcode or upload failed, no
     * transcoder. Counts as a problem on a status display.
     *
     * @param path    the file concerned, relative to the storage root, when there is one
     * @param message what, naming the file
     */
    record Problem(Optional<String> path, String message) implements IngestEvent {
        /**
         * @param path    the file concerned, if any
         * @param message what, naming the file
         * @throws NullPointerException if an argument is null
         */
        public Problem {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Information worth a log line that is no failure: a sidecar ignored or invalid (the file is registered
     * without it), a file that gets no renditions because it is no media.
     *
     * @param message what, naming the file
     */
    record Notice(String message) implements IngestEvent {
        /**
         * @param message what, naming the file
         * @throws NullPointerException if {@code message} is null
         */
        public Notice {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A pass (or the settings read before it) failed as a whole.
     *
     * @param message why, naming what failed
     * @param cause   the exception
     * @param retryIn when the daemon tries again; empty for {@link IngestPipeline#runOnce()} and for a failure
     *                that ends the daemon
     */
    record PassFailed(String message, RuntimeException cause, Optional<Duration> retryIn) implements IngestEvent {
        /**
         * @param message why, naming what failed
         * @param cause   the exception
         * @param retryIn when the daemon tries again, if it does
         * @throws NullPointerException if an argument is null
         */
        public PassFailed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(retryIn, "retryIn");
        }
    }

    /**
     * A pass ended: every change was registered or left for the next pass, transcodes and uploads drained.
     *
     * @param summary what the pass did
     */
    record PassFinished(IngestSummary summary) implements IngestEvent {
        /**
         * @param summary what the pass did
         * @throws NullPointerException if {@code summary} is null
         */
        public PassFinished {
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * A partial pass ended: one over the folders change hints named between two full passes of the daemon, or one
     * over the paths given to {@link IngestPipeline#scanPaths}. Its changes were registered or left for a later
     * pass, its transcodes and uploads drained. Not counted in {@link IngestPipeline#passes()}.
     *
     * @param summary what the partial pass did
     */
    record PartialPassFinished(IngestSummary summary) implements IngestEvent {
        /**
         * @param summary what the partial pass did
         * @throws NullPointerException if {@code summary} is null
         */
        public PartialPassFinished {
            Objects.requireNonNull(summary, "summary");
        }
    }

    /**
     * The daemon stopped on request.
     *
     * @param passes     how many passes completed
     * @param registered files registered over all passes
     * @param failed     files left for a later run over all passes
     */
    record Stopped(int passes, long registered, long failed) implements IngestEvent {
    }
}
