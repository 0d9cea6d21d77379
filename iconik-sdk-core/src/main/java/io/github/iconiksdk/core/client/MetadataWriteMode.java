// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

/** How written metadata values combine with those already on the object (iconik's {@code mode}). */
public enum MetadataWriteMode {
    /** Replace the field's values (iconik's default). */
    OVERWRITE,
    /** Add to the field's values; sending it twice adds twice, so it is never retried after a lost answer. */
    APPEND,
    /** Remove the given values. */
    DELETE
}
