// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * The URLs that finish or abort an S3-style multipart upload ({@code MultiPartURLsSchema}).
 *
 * @param completeUrl  where to send the part list to complete the upload
 * @param abortUrl     where to abort it
 * @param listPartsUrl URLs listing the parts uploaded so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MultipartUrls(String completeUrl, String abortUrl, List<String> listPartsUrl) {
}
