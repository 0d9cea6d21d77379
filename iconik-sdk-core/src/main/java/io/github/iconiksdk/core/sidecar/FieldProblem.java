// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import java.util.Objects;

/**
 * One value or field of a sidecar that did not fit the metadata view and was left out.
 *
 * @param field  the field name
 * @param value  the value concerned, or {@code null} when the whole field is concerned
 * @param reason why it was left out
 */
public record FieldProblem(String field, String value, String reason) {

    /**
     * Validates the problem.
     *
     * @param field the field name
     * @param value the value concerned, or {@code null} when the whole field is concerned
     * @param reason why it was left out
     * @throws NullPointerException if {@code field} or {@code reason} is null
     */
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return {@code field "keywords": value "x": reason} */
    @Override
    public String toString() {
        return "field \"" + field + "\"" + (value == null ? "" : ": value \"" + value + "\"") + ": " + reason;
    }
}
