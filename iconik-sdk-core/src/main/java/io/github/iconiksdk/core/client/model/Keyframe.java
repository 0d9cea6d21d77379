// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.Map;

/**
 * A keyframe, poster or keyframe map of an asset ({@code KeyframeSchema}/{@code KeyframeCreateSchema}).
 *
 * @param id                the keyframe id
 * @param assetId           the asset
 * @param type              {@code KEYFRAME}, {@code POSTER} or {@code KEYFRAME_MAP}
 * @param name              its name
 * @param filename          the object name on the storage
 * @param storageId         the storage
 * @param storageMethod     the storage's method
 * @param status            {@code OPEN}, {@code CLOSED}, …
 * @param resolution        picture size
 * @param size              bytes
 * @param timeCode          the position in the media, as iconik holds it
 * @param isCustomKeyframe  whether a person chose it
 * @param url               a download URL
 * @param uploadUrl         where to upload the image
 * @param uploadMethod      how to upload it
 * @param uploadCredentials credentials for the upload
 * @param versionId         the asset version
 * @param dateCreated       when it was created
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Keyframe(String id, String assetId, KeyframeType type, String name, String filename, String storageId,
                       StorageMethod storageMethod, FileRecordStatus status, Resolution resolution, Long size,
                       Object timeCode, Boolean isCustomKeyframe, String url, String uploadUrl, String uploadMethod,
                       Map<String, Object> uploadCredentials, String versionId, Instant dateCreated) {
}
