// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A picture size in pixels.
 *
 * @param width  the width, or null when iconik did not say
 * @param height the height, or null when iconik did not say
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Resolution(Integer width, Integer height) {
}
