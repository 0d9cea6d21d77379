// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Objects;

/**
 * The body that creates an asset ({@code AssetCreateSchema}); only {@code title} is required. A {@code null}
 * component is left out of the JSON.
 *
 * @param title        the asset title ({@code title}, required)
 * @param externalId   the caller's own id, to find the asset again after a lost answer ({@code external_id})
 * @param type         the asset type, normally {@code ASSET} ({@code type})
 * @param collectionId the collection to put it in (with {@code assign_to_collection}) ({@code collection_id})
 * @param category     the category ({@code category})
 * @param isOnline     whether its files are online ({@code is_online})
 * @param status       {@code ACTIVE} or {@code DELETED} ({@code status})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssetCreate(String title, String externalId, AssetType type, String collectionId, String category,
                          Boolean isOnline, String status) {

    /**
     * Checks the required fields.
     *
     * @param title        the asset title ({@code title}, required)
     * @param externalId   the caller's own id, to find the asset again after a lost answer ({@code external_id})
     * @param type         the asset type, normally {@code ASSET} ({@code type})
     * @param collectionId the collection to put it in (with {@code assign_to_collection}) ({@code collection_id})
     * @param category     the category ({@code category})
     * @param isOnline     whether its files are online ({@code is_online})
     * @param status       {@code ACTIVE} or {@code DELETED} ({@code status})
     * @throws NullPointerException if {@code title} is null
     */
    public AssetCreate {
        Objects.requireNonNull(title, "title");
    }

    /**
     * A body with only the required fields.
     *
     * @param title the asset title
     * @return the body
     * @throws NullPointerException if a required field is null
     */
    public static AssetCreate of(String title) {
        return new AssetCreate(title, null, null, null, null, null, null);
    }
}
