// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One file a transcoder made.
 *
 * @param kind     what it is
 * @param file     where it is (inside the request's output folder)
 * @param mimeType its MIME type ({@code "video/mp4"}, {@code "image/jpeg"})
 * @param width    width in pixels, 0 for audio
 * @param height   height in pixels, 0 for audio
 * @param position for a keyframe, the time in the source it shows; otherwise {@code null}
 */
public record Rendition(RenditionKind kind, Path file, String mimeType, int width, int height, Duration position) {

    /**
     * Validates the rendition.
     *
     * @param kind what it is
     * @param file where it is (inside the request's output folder)
     * @param mimeType its MIME type ({@code "video/mp4"}, {@code "image/jpeg"})
     * @param width width in pixels, 0 for audio
     * @param height height in pixels, 0 for audio
     * @param position for a keyframe, the time in the source it shows; otherwise {@code null}
     * @throws NullPointerException if {@code kind}, {@code file} or {@code mimeType} is null
     */
    public Rendition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mimeType, "mimeType");
    }
}
