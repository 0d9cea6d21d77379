// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Objects;

/**
 * The body that creates a collection ({@code CollectionInputSchema}); {@code title} is required. A {@code null}
 * component is left out of the JSON.
 *
 * @param title      the title ({@code title}, required)
 * @param parentId   the parent collection (none: a root collection) ({@code parent_id})
 * @param externalId the caller's own id ({@code external_id})
 * @param storageId  the storage it mirrors ({@code storage_id})
 * @param isRoot     whether it is a root ({@code is_root})
 * @param status     its status ({@code status})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CollectionCreate(String title, String parentId, String externalId, String storageId, Boolean isRoot,
                               String status) {

    /**
     * Checks the required fields.
     *
     * @param title      the title ({@code title}, required)
     * @param parentId   the parent collection (none: a root collection) ({@code parent_id})
     * @param externalId the caller's own id ({@code external_id})
     * @param storageId  the storage it mirrors ({@code storage_id})
     * @param isRoot     whether it is a root ({@code is_root})
     * @param status     its status ({@code status})
     * @throws NullPointerException if {@code title} is null
     */
    public CollectionCreate {
        Objects.requireNonNull(title, "title");
    }

    /**
     * A body with only the required fields.
     *
     * @param title the title
     * @return the body
     * @throws NullPointerException if a required field is null
     */
    public static CollectionCreate of(String title) {
        return new CollectionCreate(title, null, null, null, null, null);
    }
}
