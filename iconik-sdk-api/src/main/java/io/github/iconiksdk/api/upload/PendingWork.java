// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

/**
 * Work a registered file may still need beyond its registration, recorded by an {@link AssetUploader} before it
 * starts so that it survives a crash ({@link AssetUploader#want}, {@link AssetUploader#wanted}).
 */
public enum PendingWork {
    /** Its renditions (proxy, keyframes), made by a transcoder and uploaded. */
    RENDITIONS,
    /** A copy of the original on iconik's cloud storage for files. */
    ORIGINAL
}
