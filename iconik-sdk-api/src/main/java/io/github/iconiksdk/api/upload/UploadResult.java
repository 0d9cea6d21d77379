// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

import io.github.iconiksdk.api.transcode.RenditionKind;

import java.util.Objects;

/**
 * One object uploaded to iconik: a rendition or the original.
 *
 * @param assetId  the asset it belongs to
 * @param kind     the rendition uploaded, or {@code null} for the original
 * @param objectId the id of the proxy, keyframe or file record iconik made
 * @param bytes    bytes sent
 * @param resumed  whether an interrupted upload was resumed rather than restarted
 */
public record UploadResult(String assetId, RenditionKind kind, String objectId, long bytes, boolean resumed) {

    /**
     * Validates the result.
     *
     * @param assetId the asset it belongs to
     * @param kind the rendition uploaded, or {@code null} for the original
     * @param objectId the id of the proxy, keyframe or file record iconik made
     * @param bytes bytes sent
     * @param resumed whether an interrupted upload was resumed rather than restarted
     * @throws NullPointerException if {@code assetId} or {@code objectId} is null
     */
    public UploadResult {
        Objects.requireNonNull(assetId, "assetId");
        Objects.requireNonNull(objectId, "objectId");
    }

    /** @return whether this is the original file rather than a rendition */
    public boolean isOriginal() {
        return kind == null;
    }
}
