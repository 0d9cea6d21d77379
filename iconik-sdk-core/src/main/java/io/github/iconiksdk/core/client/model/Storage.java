// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.github.iconiksdk.core.client.internal.Json;

import java.time.Instant;
import java.util.Map;

/**
 * A storage and its settings ({@code StorageSchema}). {@code settings} is untyped in iconik's specification; its
 * shape depends on {@code method}, so it is kept as a map and {@link #fileSettings()} reads it for {@code FILE}
 * storages (the ones a gateway serves).
 *
 * @param id            the storage id
 * @param name          its name
 * @param method        how iconik reaches it
 * @param purpose       what it holds
 * @param status        whether it is in use
 * @param statusMessage why it is failing, if it is
 * @param description   its description
 * @param scannerStatus the scanner state the gateway last reported
 * @param lastScanned   when it was last scanned
 * @param isDefault     whether it is the default storage for its purpose
 * @param version       iconik's version counter
 * @param settings      the raw settings
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Storage(String id, String name, StorageMethod method, StoragePurpose purpose, StorageStatus status,
                      String statusMessage, String description, String scannerStatus, Instant lastScanned,
                      @JsonProperty("default") Boolean isDefault, Object version, Map<String, Object> settings) {

    /**
     * Reads the settings as a {@code FILE} storage's ({@code FileSettingsSchema}). Absent keys stay null: iconik
     * declares no defaults, so the caller picks its own fallbacks.
     *
     * @return the settings; all null when the storage has none
     * @throws IllegalArgumentException if a setting has a type the schema does not allow, naming it
     */
    public FileSettings fileSettings() {
        return Json.mapper().convertValue(settings == null ? Map.of() : settings, FileSettings.class);
    }
}
