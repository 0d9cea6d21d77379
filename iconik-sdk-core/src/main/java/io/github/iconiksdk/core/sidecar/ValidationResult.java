// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.metadata.MetadataValues;

import java.util.List;
import java.util.Objects;

/**
 * What fits a metadata view of a sidecar's values, and what did not.
 *
 * @param values   the values to apply, normalised (booleans {@code true}/{@code false}, dates {@code YYYY-MM-DD})
 * @param problems each field or value left out, with the reason
 */
public record ValidationResult(MetadataValues values, List<FieldProblem> problems) {

    /**
     * Validates and copies.
     *
     * @param values the values to apply, normalised (booleans {@code true}/{@code false}, dates {@code YYYY-MM-DD})
     * @param problems each field or value left out, with the reason
     * @throws NullPointerException if an argument is null
     */
    public ValidationResult {
        Objects.requireNonNull(values, "values");
        problems = List.copyOf(problems);
    }

    /** @return whether every field and value fitted */
    public boolean isClean() {
        return problems.isEmpty();
    }
}
