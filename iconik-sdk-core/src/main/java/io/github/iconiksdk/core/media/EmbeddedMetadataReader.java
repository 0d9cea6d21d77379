// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.media;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Reads the metadata a media file embeds (XMP, IPTC, EXIF, GPS). A service: implementations are found with
 * {@link ServiceLoader} ({@code provides io.github.iconiksdk.core.media.EmbeddedMetadataReader}, or
 * {@code META-INF/services}); the SDK's is in the module {@code iconik-sdk-metadata-extractor}. Implementations are
 * thread-safe and never follow a path outside the file they are given.
 */
public interface EmbeddedMetadataReader {

    /** @return a short name for messages ({@code "metadata-extractor"}) */
    String name();

    /**
     * Reads a file's embedded metadata.
     *
     * @param file the media file
     * @return what it embeds; {@link EmbeddedMetadata#empty()} when nothing, or when the file's type is not one the
     *         reader knows
     * @throws EmbeddedMetadataException if the file cannot be read or its metadata is corrupt; the message names
     *                                   the file
     */
    EmbeddedMetadata read(Path file);

    /**
     * @return the readers on the class or module path, in the order {@link ServiceLoader} finds them
     * @throws java.util.ServiceConfigurationError if a provider is broken
     */
    static List<EmbeddedMetadataReader> installed() {
        return ServiceLoader.load(EmbeddedMetadataReader.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
