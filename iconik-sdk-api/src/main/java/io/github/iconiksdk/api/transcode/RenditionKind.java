// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

/** The renditions iconik shows for an asset; names follow iconik's proxy and keyframe types where it has them. */
public enum RenditionKind {
    /** A video (MP4) or audio (M4A) proxy for playback. */
    PROXY,
    /** An image proxy (JPEG) for viewing stills. */
    IMAGE_PROXY,
    /** A single keyframe: one frame of a video, or a still image scaled to keyframe size. */
    KEYFRAME,
    /** Many frames of a video tiled into one image (iconik's {@code KEYFRAME_MAP}). */
    KEYFRAME_MAP,
    /** The frame shown as the asset's thumbnail (iconik's {@code POSTER}). */
    POSTER,
    /** A picture of an audio waveform, used as the keyframe of audio-only media. */
    WAVEFORM
}
