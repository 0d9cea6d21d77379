// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Map;

/**
 * A partial update of a storage (PATCH), such as the scanner state. A {@code null} component is left out of the
 * JSON, so an update changes only what it names.
 *
 * @param scannerStatus the scanner state iconik shows ({@code ACTIVE}, {@code INACTIVE}, {@code FAILING})
 *     ({@code scanner_status})
 * @param status        the storage status ({@code status})
 * @param statusMessage why it is failing ({@code status_message})
 * @param lastScanned   when it was last scanned ({@code last_scanned})
 * @param settings      settings to replace (iconik replaces the whole object) ({@code settings})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StorageUpdate(String scannerStatus, StorageStatus status, String statusMessage, Instant lastScanned,
                            Map<String, Object> settings) {
}
