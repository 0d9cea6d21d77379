// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Map;

/**
 * A file record ({@code FileSchema}): where one file of a file set lives, and, right after creation on a cloud
 * storage, where to upload its bytes.
 *
 * @param id                 the file id
 * @param assetId            the asset
 * @param name               the name on the storage
 * @param originalName       the name it had when found
 * @param directoryPath      the directory relative to the storage root
 * @param type               {@code FILE}, {@code DIRECTORY}, …
 * @param status             {@code OPEN}, {@code CLOSED}, {@code MISSING}, …
 * @param size               bytes
 * @param checksum           the checksum iconik holds
 * @param storageId          the storage
 * @param storageMethod      the storage's method
 * @param fileSetId          the file set
 * @param formatId           the format
 * @param versionId          the asset version
 * @param fileDateCreated    the file's own creation time
 * @param fileDateModified   the file's own modification time
 * @param url                a download URL, when asked for
 * @param uploadUrl          where to upload the bytes (cloud storages)
 * @param uploadMethod       how to upload them
 * @param uploadCredentials  credentials for the upload, as iconik gives them
 * @param uploadFilename     the object name to upload to
 * @param multipartUploadUrl the multipart upload start URL
 * @param dateCreated        when the record was created
 * @param dateModified       when the record last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssetFile(String id, String assetId, String name, String originalName, String directoryPath,
                        FileType type, FileRecordStatus status, Long size, String checksum, String storageId,
                        StorageMethod storageMethod, String fileSetId, String formatId, String versionId,
                        Instant fileDateCreated, Instant fileDateModified, String url, String uploadUrl,
                        String uploadMethod, Map<String, Object> uploadCredentials, String uploadFilename,
                        String multipartUploadUrl, Instant dateCreated, Instant dateModified) {
}
