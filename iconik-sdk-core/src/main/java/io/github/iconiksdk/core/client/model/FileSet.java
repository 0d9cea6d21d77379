// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * A file set of an asset ({@code FileSetSchema}): the files of one format on one storage.
 *
 * @param id                the file set id
 * @param assetId           the asset
 * @param formatId          the format
 * @param name              its name
 * @param baseDir           the directory on the storage
 * @param componentIds      components it carries
 * @param storageId         the storage
 * @param originalStorageId where it first lived
 * @param versionId         the asset version
 * @param status            {@code ACTIVE}, {@code ARCHIVED} or {@code DELETED}
 * @param fileCount         how many files it has
 * @param dateCreated       when it was created
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileSet(String id, String assetId, String formatId, String name, String baseDir,
                      List<String> componentIds, String storageId, String originalStorageId, String versionId,
                      String status, Long fileCount, Instant dateCreated) {
}
