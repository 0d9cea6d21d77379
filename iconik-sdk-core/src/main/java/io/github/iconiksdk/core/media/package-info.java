// SPDX-License-Identifier: Apache-2.0
/**
 * Media as iconik shows it: the metadata a file embeds (XMP, IPTC, EXIF, GPS) through the
 * {@link io.github.iconiksdk.core.media.EmbeddedMetadataReader} service, and its mapping into the storage's metadata
 * view ({@link io.github.iconiksdk.core.media.EmbeddedMetadataMapping}).
 */
package io.github.iconiksdk.core.media;
