// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The pre-signed URL for one part of a multipart upload ({@code MultiPartUploadURLSchema}).
 *
 * @param number      the part number, from 1
 * @param url         where to PUT the part's bytes
 * @param key         the object key
 * @param deleteUrl   where to delete the part
 * @param downloadUrl where to read it back
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PartUploadUrl(Long number, String url, String key, String deleteUrl, String downloadUrl) {
}
