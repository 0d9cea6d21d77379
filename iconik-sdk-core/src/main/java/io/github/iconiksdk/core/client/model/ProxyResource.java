// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Map;

/**
 * A proxy of an asset ({@code ProxySchema}, or {@code ProxyCreateSchema} with its upload URL right after creation);
 * named so that it does not clash with {@code java.net.Proxy}.
 *
 * @param id                 the proxy id
 * @param assetId            the asset
 * @param name               its name
 * @param filename           the object name on the storage
 * @param storageId          the storage
 * @param storageMethod      the storage's method
 * @param status             {@code OPEN}, {@code CLOSED}, …
 * @param format             container format
 * @param codec              codec
 * @param bitRate            bits per second
 * @param frameRate          frame rate as iconik writes it (a string such as {@code 25} or {@code 30000/1001})
 * @param resolution         picture size
 * @param size               bytes
 * @param url                a download URL
 * @param uploadUrl          where to upload the bytes
 * @param uploadMethod       how to upload them
 * @param uploadCredentials  credentials for the upload
 * @param multipartUploadUrl the multipart upload start URL
 * @param versionId          the asset version
 * @param dateCreated        when it was created
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProxyResource(String id, String assetId, String name, String filename, String storageId,
                            StorageMethod storageMethod, FileRecordStatus status, String format, String codec,
                            Long bitRate, String frameRate, Resolution resolution, Long size, String url,
                            String uploadUrl, String uploadMethod, Map<String, Object> uploadCredentials,
                            String multipartUploadUrl, String versionId, Instant dateCreated) {
}
