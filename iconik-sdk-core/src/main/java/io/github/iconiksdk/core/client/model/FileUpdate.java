// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * A partial update of a file record (PATCH). A {@code null} component is left out of the JSON, so an update changes
 * only what it names.
 *
 * @param status           the status ({@code status})
 * @param size             bytes ({@code size})
 * @param checksum         the checksum ({@code checksum})
 * @param name             the name on the storage ({@code name})
 * @param originalName     the original name ({@code original_name})
 * @param directoryPath    the directory ({@code directory_path})
 * @param fileDateModified the file's modification time ({@code file_date_modified})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileUpdate(FileRecordStatus status, Long size, String checksum, String name, String originalName,
                         String directoryPath, Instant fileDateModified) {
}
