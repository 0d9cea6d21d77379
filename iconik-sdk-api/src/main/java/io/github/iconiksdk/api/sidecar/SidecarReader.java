// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.sidecar;

import io.github.iconiksdk.api.metadata.MetadataValues;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds and parses the iconik sidecar of a media file: {@code clip.MOV.json} (appended) or {@code clip.json}
 * (replaced), in JSON, XML or CSV. Implementations are thread-safe.
 */
public interface SidecarReader {

    /**
     * Looks for the sidecar of a media file, in the SDK's search order, without reading it.
     *
     * @param mediaFile the media file
     * @return the sidecar chosen and the candidates passed over, or empty when there is none
     * @throws SidecarException if the folder cannot be listed
     */
    Optional<Sidecar> find(Path mediaFile);

    /**
     * Parses a sidecar file.
     *
     * @param sidecar the sidecar (its format comes from the extension)
     * @return the metadata tree it holds
     * @throws SidecarException if the file is malformed, too large, not UTF-8, uses a refused XML construct, or
     *                          cannot be read; the message names the file and the position
     */
    MetadataValues read(Sidecar sidecar);

    /**
     * Finds and parses the sidecar of a media file in one call; the candidates passed over are not reported (use
     * {@link #find} and {@link #read} to report them).
     *
     * @param mediaFile the media file
     * @return the metadata tree of its sidecar, or empty when it has none
     * @throws SidecarException as {@link #find} and {@link #read} do
     */
    default Optional<MetadataValues> readFor(Path mediaFile) {
        return find(mediaFile).map(this::read);
    }
}
