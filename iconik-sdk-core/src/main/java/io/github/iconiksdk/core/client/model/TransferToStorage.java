// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A copy of a file set that iconik asks a gateway to bring into its storage ({@code TransferToStorageReadSchema},
 * read from {@code GET storages/{id}/transfers_to/}).
 *
 * @param transfer                         what every transfer says (id, asset, destination, job, …), read from the
 *                                         same JSON object
 * @param fileSetId                        the source file set
 * @param localStorageId                   the gateway's storage (the destination)
 * @param destinationBaseDirectory         the base directory on the destination
 * @param deleteRemoteFileSetAfterDownload whether the remote file set goes once copied
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferToStorage(@JsonUnwrapped StorageTransfer transfer, String fileSetId, String localStorageId,
                                String destinationBaseDirectory, Boolean deleteRemoteFileSetAfterDownload) {
}
