// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * A metadata view ({@code MetadataViewSchema}); list answers carry no fields.
 *
 * @param id          the view id
 * @param name        its name
 * @param description its description
 * @param viewFields  its fields, in order (empty in list answers)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetadataViewResource(String id, String name, String description, List<MetadataFieldResource> viewFields) {
}
