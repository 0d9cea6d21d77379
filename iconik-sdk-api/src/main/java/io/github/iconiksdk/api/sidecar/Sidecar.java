// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.sidecar;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The sidecar found for a media file.
 *
 * @param file              the sidecar chosen
 * @param format            its encoding, from its extension
 * @param ignoredCandidates other sidecars of the same media file that were passed over, in search order
 */
public record Sidecar(Path file, SidecarFormat format, List<Path> ignoredCandidates) {

    /**
     * Validates and copies.
     *
     * @param file the sidecar chosen
     * @param format its encoding, from its extension
     * @param ignoredCandidates other sidecars of the same media file that were passed over, in search order
     * @throws NullPointerException if any argument is null
     */
    public Sidecar {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        ignoredCandidates = List.copyOf(ignoredCandidates);
    }
}
