// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One entry of a collection's contents: an asset or a sub-collection.
 *
 * @param id         the object's id
 * @param objectType {@code assets} or {@code collections} (iconik's plural form), when iconik says
 * @param title      its title
 * @param externalId its external id
 * @param status     its status
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContentItem(String id, String objectType, String title, String externalId, String status) {
}
