// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.metadata;

import java.util.Objects;

/**
 * One choice of a drop-down field: the key stored as the value, and the label people see.
 *
 * @param value the option key (what a sidecar must contain)
 * @param label the label shown in iconik, may equal the key
 */
public record FieldOption(String value, String label) {

    /**
     * Validates the option.
     *
     * @param value the option key (what a sidecar must contain)
     * @param label the label shown in iconik, may equal the key
     * @throws NullPointerException if {@code value} is null
     */
    public FieldOption {
        Objects.requireNonNull(value, "value");
        label = label == null ? value : label;
    }
}
