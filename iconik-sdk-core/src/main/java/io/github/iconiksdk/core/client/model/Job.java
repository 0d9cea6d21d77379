// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * A job ({@code JobSchema}).
 *
 * @param id                the job id
 * @param title             its title
 * @param type              its type
 * @param status            its state
 * @param objectType        the kind of object it works on
 * @param objectId          the object it works on
 * @param parentId          its parent job
 * @param message           a progress message
 * @param errorMessage      why it failed
 * @param progressProcessed work done
 * @param progressTotal     work in all
 * @param dateCreated       when it was created
 * @param dateModified      when it last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Job(String id, String title, JobType type, JobStatus status, String objectType, String objectId,
                  String parentId, String message, String errorMessage, Long progressProcessed, Long progressTotal,
                  Instant dateCreated, Instant dateModified) {
}
