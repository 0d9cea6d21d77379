// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.sidecar;

/** How a sidecar's name is made from its media file's name. */
public enum SidecarNaming {
    /** The sidecar extension is appended: {@code clip.MOV} gets {@code clip.MOV.json}. The default when writing. */
    APPENDED,
    /** The sidecar extension replaces the media extension: {@code clip.MOV} gets {@code clip.json}. */
    REPLACED
}
