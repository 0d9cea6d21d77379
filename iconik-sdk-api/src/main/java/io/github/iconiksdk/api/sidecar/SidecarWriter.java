// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.sidecar;

import io.github.iconiksdk.api.metadata.MetadataValues;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes iconik sidecars next to media files the way offload tools do, filtered by the writer's configured
 * elements, extensions and destinations. Writes are atomic: a reader never sees half a sidecar.
 */
public interface SidecarWriter {

    /**
     * Writes the sidecar of one media file, if the writer's filters select it.
     *
     * @param mediaFile the media file, already at its destination
     * @param values    the values typed at offload; fields outside the configured elements and empty values are
     *                  left out
     * @return what was written, or why the file was skipped
     * @throws SidecarException if the sidecar cannot be written (the media file and any earlier sidecar are left
     *                          untouched)
     */
    Result write(Path mediaFile, MetadataValues values);

    /**
     * The outcome of one {@link #write}.
     *
     * @param mediaFile  the media file
     * @param sidecar    the sidecar written, or {@code null} when skipped
     * @param skipReason why no sidecar was written, or {@code null} when one was
     */
    record Result(Path mediaFile, Path sidecar, String skipReason) {

        /**
         * Validates the result: exactly one of {@code sidecar} and {@code skipReason} is set.
         *
         * @param mediaFile the media file
         * @param sidecar the sidecar written, or {@code null} when skipped
         * @param skipReason why no sidecar was written, or {@code null} when one was
         * @throws IllegalArgumentException if both or neither are set
         */
        public Result {
            Objects.requireNonNull(mediaFile, "mediaFile");
            if ((sidecar == null) == (skipReason == null)) {
                throw new IllegalArgumentException("exactly one of sidecar and skipReason must be set");
            }
        }

        /** @return the sidecar written, if one was */
        public Optional<Path> written() {
            return Optional.ofNullable(sidecar);
        }
    }
}
