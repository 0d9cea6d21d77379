// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * An iconik asset as read back ({@code AssetSchema}); every field may be null when iconik leaves it out.
 *
 * @param id             the asset id
 * @param title          the title
 * @param externalId     the caller's own id, used to find the asset again
 * @param type           the asset type
 * @param status         {@code ACTIVE} or {@code DELETED}
 * @param category       the category
 * @param isOnline       whether the asset's files are online
 * @param inCollections  ids of the collections holding it
 * @param dateCreated    when it was created
 * @param dateModified   when it was last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Asset(String id, String title, String externalId, AssetType type, String status, String category,
                    Boolean isOnline, List<String> inCollections, Instant dateCreated, Instant dateModified) {
}
