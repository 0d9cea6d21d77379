// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A partial update of a job (PATCH). A {@code null} component is left out of the JSON, so an update changes only
 * what it names.
 *
 * @param status            the state ({@code status})
 * @param title             the title ({@code title})
 * @param message           a progress message ({@code message})
 * @param errorMessage      why it failed ({@code error_message})
 * @param progressProcessed work done ({@code progress_processed})
 * @param progressTotal     work in all ({@code progress_total})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobUpdate(JobStatus status, String title, String message, String errorMessage, Long progressProcessed,
                        Long progressTotal) {
}
