// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.metadata.MetadataViewSource;
import io.github.iconiksdk.core.media.EmbeddedMetadata;
import io.github.iconiksdk.core.media.EmbeddedMetadataException;
import io.github.iconiksdk.core.media.EmbeddedMetadataMapping;
import io.github.iconiksdk.core.media.EmbeddedMetadataReader;
import io.github.iconiksdk.core.sidecar.ValidationResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The sidecar stage's second source: what a media file embeds (XMP, IPTC, EXIF, GPS), read by the first
 * {@link EmbeddedMetadataReader} on the class or module path and mapped into the storage's metadata view below the
 * sidecar's values. Does nothing when the storage has no view or no reader is installed (the module
 * {@code iconik-sdk-metadata-extractor} provides one). A file whose metadata cannot be read, or a value that does
 * not fit the view, is reported and the rest still applies. Thread-safe.
 */
final class EmbeddedValues {

    private final List<EmbeddedMetadataReader> readers;
    private final EmbeddedMetadataMapping mapping;
    private final Consumer<String> problems;

    EmbeddedValues(Consumer<String> problems) {
        this(EmbeddedMetadataReader.installed(), EmbeddedMetadataMapping.defaults(), problems);
    }

    EmbeddedValues(List<EmbeddedMetadataReader> readers, EmbeddedMetadataMapping mapping, Consumer<String> problems) {
        this.readers = List.copyOf(readers);
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /**
     * @param file    the media file
     * @param sidecar its sidecar's validated values, possibly empty
     * @param viewId  the storage's metadata view, if any
     * @param views   where the view is read
     * @return the sidecar's values followed by the embedded ones that fit the view's unset fields
     */
    MetadataValues merge(Path file, MetadataValues sidecar, Optional<String> viewId, MetadataViewSource views) {
        if (viewId.isEmpty() || readers.isEmpty() || mapping.fields().isEmpty()) {
            return sidecar;
        }
        EmbeddedMetadata found;
        try {
            found = readers.get(0).read(file);
        } catch (EmbeddedMetadataException e) {
            problems.accept("embedded metadata: " + e.getMessage() + " (registered without it)");
            return sidecar;
        }
        if (found.isEmpty()) {
            return sidecar;
        }
        ValidationResult r = mapping.apply(found, views.view(viewId.get()), sidecar);
        r.problems().forEach(p -> problems.accept("embedded metadata of " + file.getFileName() + ": " + p));
        return r.values();
    }
}
