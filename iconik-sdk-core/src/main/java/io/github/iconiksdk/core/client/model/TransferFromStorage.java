// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A copy of a file set that iconik asks a gateway to send out of its storage to another one
 * ({@code TransferFromStorageReadSchema}, read from {@code GET storages/{id}/transfers_from/}).
 *
 * @param transfer                      what every transfer says (id, asset, destination, job, …), read from the
 *                                      same JSON object
 * @param originalFileSetId             the file set on the gateway's storage
 * @param destinationStorageId          the storage to copy to
 * @param destinationStorageMethod      its method ({@code GCS}, {@code S3}, …)
 * @param deleteLocalFileSetAfterUpload whether the local copy goes once uploaded (a move)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferFromStorage(@JsonUnwrapped StorageTransfer transfer, String originalFileSetId,
                                  String destinationStorageId, String destinationStorageMethod,
                                  Boolean deleteLocalFileSetAfterUpload) {
}
