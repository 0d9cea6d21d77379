// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/**
 * A component of a format (a video, audio or image stream, for example).
 *
 * @param id       the component id
 * @param name     its name
 * @param type     {@code VIDEO}, {@code AUDIO}, {@code IMAGE}, …
 * @param metadata technical metadata as iconik holds it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Component(String id, String name, String type, Map<String, Object> metadata) {
}
