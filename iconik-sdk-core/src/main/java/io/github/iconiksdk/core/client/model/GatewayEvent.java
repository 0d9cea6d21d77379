// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Map;

/**
 * Work iconik queued for the gateway of a storage ({@code IconikStorageGatewayEventSchema}).
 *
 * @param id          the event id, to acknowledge it
 * @param type        {@code RESTART}, {@code DOWNLOAD}, {@code TRANSCODE}, {@code DELETE}, … (an open set)
 * @param data        the event's parameters, as iconik sends them
 * @param dateCreated when iconik queued it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GatewayEvent(String id, String type, Map<String, Object> data, Instant dateCreated) {
}
