// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Objects;

/**
 * The body that creates a file record ({@code FileCreateSchema}). A {@code null} component is left out of the JSON.
 *
 * @param originalName     the file name as found ({@code original_name}, required)
 * @param directoryPath    the directory relative to the storage root ({@code ""} at the root)
 *     ({@code directory_path}, required)
 * @param type             {@code FILE}, {@code DIRECTORY}, … ({@code type}, required)
 * @param name             the name on the storage ({@code name})
 * @param size             bytes ({@code size})
 * @param checksum         the checksum ({@code checksum})
 * @param status           the status, {@code OPEN} until closed ({@code status})
 * @param storageId        the storage ({@code storage_id})
 * @param fileSetId        the file set ({@code file_set_id})
 * @param formatId         the format ({@code format_id})
 * @param versionId        the asset version ({@code version_id})
 * @param fileDateCreated  the file's creation time ({@code file_date_created})
 * @param fileDateModified the file's modification time ({@code file_date_modified})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileCreate(String originalName, String directoryPath, FileType type, String name, Long size,
                         String checksum, FileRecordStatus status, String storageId, String fileSetId,
                         String formatId, String versionId, Instant fileDateCreated, Instant fileDateModified) {

    /**
     * Checks the required fields.
     *
     * @param originalName     the file name as found ({@code original_name}, required)
     * @param directoryPath    the directory relative to the storage root ({@code ""} at the root)
     *     ({@code directory_path}, required)
     * @param type             {@code FILE}, {@code DIRECTORY}, … ({@code type}, required)
     * @param name             the name on the storage ({@code name})
     * @param size             bytes ({@code size})
     * @param checksum         the checksum ({@code checksum})
     * @param status           the status, {@code OPEN} until closed ({@code status})
     * @param storageId        the storage ({@code storage_id})
     * @param fileSetId        the file set ({@code file_set_id})
     * @param formatId         the format ({@code format_id})
     * @param versionId        the asset version ({@code version_id})
     * @param fileDateCreated  the file's creation time ({@code file_date_created})
     * @param fileDateModified the file's modification time ({@code file_date_modified})
     * @throws NullPointerException if {@code originalName}, {@code directoryPath} or {@code type} is null
     */
    public FileCreate {
        Objects.requireNonNull(originalName, "originalName");
        Objects.requireNonNull(directoryPath, "directoryPath");
        Objects.requireNonNull(type, "type");
    }

    /**
     * A body with only the required fields.
     *
     * @param originalName the file name as found
     * @param directoryPath the directory relative to the storage root ({@code ""} at the root)
     * @param type {@code FILE}, {@code DIRECTORY}, …
     * @return the body
     * @throws NullPointerException if a required field is null
     */
    public static FileCreate of(String originalName, String directoryPath, FileType type) {
        return new FileCreate(originalName, directoryPath, type, null, null, null, null, null,
                null, null, null, null, null);
    }
}
