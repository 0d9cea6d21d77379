// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * A collection as iconik sends it ({@code CollectionSchema}); named so that it does not clash with
 * {@code java.util.Collection}.
 *
 * @param id          the collection id
 * @param title       its title
 * @param parentId    the parent collection, null for a root
 * @param externalId  the caller's own id
 * @param status      {@code ACTIVE}, {@code HIDDEN} or {@code DELETED}
 * @param isRoot      whether it is a root collection
 * @param storageId   the storage it mirrors, for directory-mapped collections
 * @param dateCreated when it was created
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CollectionResource(String id, String title, String parentId, String externalId, String status,
                                 Boolean isRoot, String storageId, Instant dateCreated) {
}
