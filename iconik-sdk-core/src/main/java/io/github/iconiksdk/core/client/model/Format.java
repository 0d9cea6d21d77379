// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A format of an asset ({@code FormatSchema}), such as {@code ORIGINAL}.
 *
 * @param id             the format id
 * @param assetId        the asset it belongs to
 * @param name           its name
 * @param status         {@code ACTIVE} or {@code DELETED}
 * @param storageMethods storage methods it lives on
 * @param metadata       technical metadata (a list of string maps, such as mediainfo output)
 * @param components     its components
 * @param versionId      the asset version
 * @param isOnline       whether its files are online
 * @param archiveStatus  archive state
 * @param dateCreated    when it was created
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Format(String id, String assetId, String name, String status, List<String> storageMethods,
                     List<Map<String, Object>> metadata, List<Component> components, String versionId,
                     Boolean isOnline, String archiveStatus, Instant dateCreated) {
}
