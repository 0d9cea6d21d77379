// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A numbered image sequence (DPX, EXR, TIFF, PNG, JPEG frames) to be transcoded as one clip: the proxy and keyframes
 * are made from all of its frames, played at {@code frameRate}. Frames missing from the numbering are skipped, not
 * held (the proxy is as long as the frames present).
 *
 * @param frames    the frame files in play order; the request's {@code source} is the first
 * @param frameRate the frames per second the sequence plays at (the storage's, else 24)
 */
public record ImageSequence(List<Path> frames, double frameRate) {

    /** The frame rate a sequence plays at when nothing says otherwise. */
    public static final double DEFAULT_FRAME_RATE = 24;

    /**
     * Validates and copies.
     *
     * @param frames    the frame files in play order
     * @param frameRate the frames per second
     * @throws NullPointerException     if {@code frames} or a frame is null
     * @throws IllegalArgumentException if there are no frames or the frame rate is not positive and finite
     */
    public ImageSequence {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an image sequence needs at least one frame");
        }
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("frame rate of the sequence starting at " + frames.get(0)
                    + " must be positive, got " + frameRate);
        }
        Objects.requireNonNull(frames.get(0), "frame");
    }
}
