// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;
import java.util.Objects;

/**
 * The body that creates a job ({@code JobSchema}: {@code title}, {@code type}, {@code status} required). A
 * {@code null} component is left out of the JSON.
 *
 * @param title             the title ({@code title}, required)
 * @param type              the type ({@code type}, required)
 * @param status            the initial state ({@code status}, required)
 * @param objectType        the kind of object it works on ({@code object_type})
 * @param objectId          the object ({@code object_id})
 * @param parentId          the parent job ({@code parent_id})
 * @param customType        a custom type name ({@code custom_type})
 * @param message           a progress message ({@code message})
 * @param progressProcessed work done ({@code progress_processed})
 * @param progressTotal     work in all ({@code progress_total})
 * @param metadata          free metadata ({@code metadata})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobCreate(String title, JobType type, JobStatus status, String objectType, String objectId,
                        String parentId, String customType, String message, Long progressProcessed,
                        Long progressTotal, Map<String, Object> metadata) {

    /**
     * Checks the required fields.
     *
     * @param title             the title ({@code title}, required)
     * @param type              the type ({@code type}, required)
     * @param status            the initial state ({@code status}, required)
     * @param objectType        the kind of object it works on ({@code object_type})
     * @param objectId          the object ({@code object_id})
     * @param parentId          the parent job ({@code parent_id})
     * @param customType        a custom type name ({@code custom_type})
     * @param message           a progress message ({@code message})
     * @param progressProcessed work done ({@code progress_processed})
     * @param progressTotal     work in all ({@code progress_total})
     * @param metadata          free metadata ({@code metadata})
     * @throws NullPointerException if {@code title}, {@code type} or {@code status} is null
     */
    public JobCreate {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    /**
     * A body with only the required fields.
     *
     * @param title the title
     * @param type the type
     * @param status the initial state
     * @return the body
     * @throws NullPointerException if a required field is null
     */
    public static JobCreate of(String title, JobType type, JobStatus status) {
        return new JobCreate(title, type, status, null, null, null, null, null, null, null, null);
    }
}
