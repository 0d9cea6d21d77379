// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A file iconik asks the gateway to delete from its storage ({@code FileDeletionFromLocalStorageSchema}).
 *
 * @param id            the deletion id
 * @param fileId        the file record
 * @param assetId       the asset
 * @param formatId      the format
 * @param versionId     the asset version
 * @param storageId     the storage
 * @param directoryPath the directory relative to the storage root
 * @param filename      the file name
 * @param jobId         the job tracking the deletion
 * @param keepSource    whether the file itself stays (only the record goes)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileDeletion(String id, String fileId, String assetId, String formatId, String versionId,
                           String storageId, String directoryPath, String filename, String jobId, Boolean keepSource) {
}
