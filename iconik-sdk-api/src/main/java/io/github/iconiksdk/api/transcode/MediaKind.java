// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

/** What a media file is, as far as renditions go. */
public enum MediaKind {
    /** Moving pictures, with or without sound. */
    VIDEO,
    /** Sound only. */
    AUDIO,
    /** A still image (a single-frame image codec or image container). */
    IMAGE,
    /** Anything the transcoder cannot make renditions of. */
    OTHER
}
