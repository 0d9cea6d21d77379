// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

/**
 * A picture size in pixels, with the sizing rules renditions follow.
 *
 * @param width  width in pixels
 * @param height height in pixels
 */
public record Size(int width, int height) {

    /** Width of every keyframe, waveform and image keyframe iconik shows. */
    public static final int KEYFRAME_WIDTH = 320;

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a side is not positive
     */
    public Size {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
    }

    /**
     * Scales down, keeping the aspect ratio, to fit inside a box; never scales up. Both sides are even when
     * {@code even} is set (H.264 in 4:2:0 needs it) and at least 2.
     *
     * @param maxWidth  the box width
     * @param maxHeight the box height
     * @param even      whether to round both sides down to even numbers
     * @return the fitted size
     */
    public Size fitWithin(int maxWidth, int maxHeight, boolean even) {
        double scale = Math.min(1.0, Math.min((double) maxWidth / width, (double) maxHeight / height));
        return new Size(side(width * scale, even), side(height * scale, even));
    }

    /**
     * Scales to a given width, keeping the aspect ratio (up or down).
     *
     * @param targetWidth the width
     * @param even        whether the height is rounded to an even number
     * @return the scaled size
     */
    public Size toWidth(int targetWidth, boolean even) {
        return new Size(targetWidth, side((double) height * targetWidth / width, even));
    }

    private static int side(double exact, boolean even) {
        int rounded = (int) Math.round(exact);
        if (even) {
            rounded -= rounded % 2;
            return Math.max(2, rounded);
        }
        return Math.max(1, rounded);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
