// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * A metadata field definition ({@code MetadataFieldSchema}).
 *
 * @param name      the machine name values are keyed by
 * @param label     the label people see
 * @param fieldType the type as iconik names it ({@code string}, {@code drop_down}, …; an open set)
 * @param multi     whether it holds several values
 * @param readOnly  whether people may not edit it
 * @param required  whether a value is required
 * @param options   the choices of a drop-down, as iconik sends them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetadataFieldResource(String name, String label, String fieldType, Boolean multi, Boolean readOnly,
                            Boolean required, List<Map<String, Object>> options) {
}
