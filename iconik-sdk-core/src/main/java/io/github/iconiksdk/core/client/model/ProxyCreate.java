// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body that creates a proxy ({@code ProxySchema}); nothing is required. A {@code null} component is left out of
 * the JSON.
 *
 * @param storageId  the proxy storage ({@code storage_id})
 * @param name       its name ({@code name})
 * @param filename   the object name ({@code filename})
 * @param format     container format ({@code format})
 * @param codec      codec ({@code codec})
 * @param bitRate    bits per second ({@code bit_rate})
 * @param frameRate  frame rate as text ({@code frame_rate})
 * @param resolution picture size ({@code resolution})
 * @param size       bytes ({@code size})
 * @param status     the status ({@code status})
 * @param versionId  the asset version ({@code version_id})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProxyCreate(String storageId, String name, String filename, String format, String codec, Long bitRate,
                          String frameRate, Resolution resolution, Long size, FileRecordStatus status,
                          String versionId) {
}
