// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The renditions made from one source.
 *
 * @param source     what the source holds
 * @param renditions every file made, keyframes in time order
 */
public record TranscodeResult(MediaInfo source, List<Rendition> renditions) {

    /**
     * Validates and copies.
     *
     * @param source what the source holds
     * @param renditions every file made, keyframes in time order
     * @throws NullPointerException if an argument is null
     */
    public TranscodeResult {
        Objects.requireNonNull(source, "source");
        renditions = List.copyOf(renditions);
    }

    /**
     * @param kind a rendition kind
     * @return every rendition of that kind, in order
     */
    public List<Rendition> all(RenditionKind kind) {
        return renditions.stream().filter(r -> r.kind() == kind).toList();
    }

    /**
     * @param kind a rendition kind
     * @return the first rendition of that kind, if any
     */
    public Optional<Rendition> first(RenditionKind kind) {
        return renditions.stream().filter(r -> r.kind() == kind).findFirst();
    }
}
