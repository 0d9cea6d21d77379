// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A partial update of a proxy (PATCH). A {@code null} component is left out of
 * the JSON, so an update changes only what it names.
 *
 * @param status   the status ({@code status})
 * @param size     bytes ({@code size})
 * @param filename the object name ({@code filename})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProxyUpdate(FileRecordStatus status, Long size, String filename) {
}
