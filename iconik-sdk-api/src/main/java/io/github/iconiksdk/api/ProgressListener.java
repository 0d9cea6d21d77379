// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api;

/**
 * Receives progress of long-running work (a scan pass, a transcode, an upload). Called from the worker's thread:
 * implementations must be quick and thread-safe, and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = progress -> { };

    /**
     * Called whenever the work advances noticeably (implementations throttle; there is no fixed rate).
     *
     * @param progress the current state of one piece of work
     */
    void onProgress(Progress progress);
}
