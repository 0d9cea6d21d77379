// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body that creates a format ({@code FormatSchema}); only {@code name} is required. A {@code null} component is
 * left out of the JSON.
 *
 * @param name           the format name, {@code ORIGINAL} for originals ({@code name}, required)
 * @param storageMethods storage methods, such as {@code ["FILE"]} ({@code storage_methods})
 * @param metadata       technical metadata (mediainfo) as string maps ({@code metadata})
 * @param components     components, each with name and type ({@code components})
 * @param versionId      the asset version ({@code version_id})
 * @param userId         the user it is made for ({@code user_id})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FormatCreate(String name, List<String> storageMethods, List<Map<String, String>> metadata,
                           List<Map<String, Object>> components, String versionId, String userId) {

    /**
     * Checks the required fields.
     *
     * @param name           the format name, {@code ORIGINAL} for originals ({@code name}, required)
     * @param storageMethods storage methods, such as {@code ["FILE"]} ({@code storage_methods})
     * @param metadata       technical metadata (mediainfo) as string maps ({@code metadata})
     * @param components     components, each with name and type ({@code components})
     * @param versionId      the asset version ({@code version_id})
     * @param userId         the user it is made for ({@code user_id})
     * @throws NullPointerException if {@code name} is null
     */
    public FormatCreate {
        Objects.requireNonNull(name, "name");
    }

    /**
     * A body with only the required fields.
     *
     * @param name the format name, {@code ORIGINAL} for originals
     * @return the body
     * @throws NullPointerException if a required field is null
     */
    public static FormatCreate of(String name) {
        return new FormatCreate(name, null, null, null, null, null);
    }
}
