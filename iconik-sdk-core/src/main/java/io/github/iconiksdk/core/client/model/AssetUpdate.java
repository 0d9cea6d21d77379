// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A partial update of an asset (PATCH). A {@code null} component is left out of the
 * JSON, so an update changes only what it names.
 *
 * @param title      the title ({@code title})
 * @param externalId the external id ({@code external_id})
 * @param category   the category ({@code category})
 * @param isOnline   whether its files are online ({@code is_online})
 * @param status     the status ({@code status})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssetUpdate(String title, String externalId, String category, Boolean isOnline, String status) {
}
