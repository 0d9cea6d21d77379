// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Objects;

/**
 * The body that creates a keyframe ({@code KeyframeSchema}); {@code type} is required. A {@code null} component is
 * left out of the JSON.
 *
 * @param type             {@code KEYFRAME}, {@code POSTER} or {@code KEYFRAME_MAP} ({@code type}, required)
 * @param storageId        the keyframe storage ({@code storage_id})
 * @param filename         the object name ({@code filename})
 * @param name             its name ({@code name})
 * @param resolution       picture size ({@code resolution})
 * @param size             bytes ({@code size})
 * @param status           the status ({@code status})
 * @param timeCode         its position in the media ({@code time_code})
 * @param versionId        the asset version ({@code version_id})
 * @param isCustomKeyframe whether a person chose it ({@code is_custom_keyframe})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeyframeCreate(KeyframeType type, String storageId, String filename, String name, Resolution resolution,
                             Long size, FileRecordStatus status, Object timeCode, String versionId,
                             Boolean isCustomKeyframe) {

    /**
     * Checks the required fields.
     *
     * @param type             {@code KEYFRAME}, {@code POSTER} or {@code KEYFRAME_MAP} ({@code type}, required)
     * @param storageId        the keyframe storage ({@code storage_id})
     * @param filename         the object name ({@code filename})
     * @param name             its name ({@code name})
     * @param resolution       picture size ({@code resolution})
     * @param size             bytes ({@code size})
     * @param status           the status ({@code status})
     * @param timeCode         its position in the media ({@code time_code})
     * @param versionId        the asset version ({@code version_id})
     * @param isCustomKeyframe whether a person chose it ({@code is_custom_keyframe})
     * @throws NullPointerException if {@code type} is null
     */
    public KeyframeCreate {
        Objects.requireNonNull(type, "type");
    }

    /**
     * A body with only the required fields.
     *
     * @param type {@code KEYFRAME}, {@code POSTER} or {@code KEYFRAME_MAP}
     * @return the body
     * @throws NullPointerException if a required field is null
     */
    public static KeyframeCreate of(KeyframeType type) {
        return new KeyframeCreate(type, null, null, null, null, null, null, null, null, null);
    }
}
