// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A partial update of a keyframe (PATCH). A {@code null} component is left out of the JSON, so an update changes
 * only what it names.
 *
 * @param status the status ({@code status})
 * @param size   bytes ({@code size})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeyframeUpdate(FileRecordStatus status, Long size) {
}
