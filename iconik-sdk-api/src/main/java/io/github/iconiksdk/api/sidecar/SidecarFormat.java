// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.sidecar;

import java.util.Locale;

/** The three encodings of an iconik sidecar. */
public enum SidecarFormat {
    /** {@code {"metadata_values": …}}; the default when writing. */
    JSON,
    /** Root element {@code metadata_view}. */
    XML,
    /** A header row of field names and one row of values. */
    CSV;

    /** @return the file extension without the dot, lower case ({@code "json"}) */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }
}
