// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Objects;

/**
 * The body that creates a file set ({@code FileSetSchema}). A {@code null} component is left out of the JSON.
 *
 * @param name              its name (usually the file name) ({@code name}, required)
 * @param formatId          the format ({@code format_id}, required)
 * @param baseDir           the directory on the storage, relative to its root ({@code base_dir}, required)
 * @param componentIds      components it carries (may be empty) ({@code component_ids}, required)
 * @param storageId         the storage ({@code storage_id})
 * @param versionId         the asset version ({@code version_id})
 * @param originalStorageId where it first lived ({@code original_storage_id})
 * @param status            its status ({@code status})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileSetCreate(String name, String formatId, String baseDir, List<String> componentIds, String storageId,
                            String versionId, String originalStorageId, String status) {

    /**
     * Checks the required fields.
     *
     * @param name              its name (usually the file name) ({@code name}, required)
     * @param formatId          the format ({@code format_id}, required)
     * @param baseDir           the directory on the storage, relative to its root ({@code base_dir}, required)
     * @param componentIds      components it carries (may be empty) ({@code component_ids}, required)
     * @param storageId         the storage ({@code storage_id})
     * @param versionId         the asset version ({@code version_id})
     * @param originalStorageId where it first lived ({@code original_storage_id})
     * @param status            its status ({@code status})
     * @throws NullPointerException if a required field is null
     */
    public FileSetCreate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(formatId, "formatId");
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(componentIds, "componentIds");
    }

    /**
     * A body with only the required fields.
     *
     * @param name its name (usually the file name)
     * @param formatId the format
     * @param baseDir the directory on the storage, relative to its root
     * @param componentIds components it carries (may be empty)
     * @return the body
     * @throws NullPointerException if a required field is null
     */
    public static FileSetCreate of(String name, String formatId, String baseDir, List<String> componentIds) {
        return new FileSetCreate(name, formatId, baseDir, componentIds, null, null, null, null);
    }
}
