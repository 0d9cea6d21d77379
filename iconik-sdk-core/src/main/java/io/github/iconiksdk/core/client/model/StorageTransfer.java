// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * What a copy between storages says whichever way it goes: the fields iconik's {@code TransferToStorageReadSchema}
 * and {@code TransferFromStorageReadSchema} share. It stands unwrapped (the same flat JSON) in
 * {@link TransferToStorage} and {@link TransferFromStorage}, which add the fields of their direction.
 *
 * @param id                               the transfer id, to acknowledge it
 * @param assetId                          the asset
 * @param formatId                         the format copied
 * @param componentIds                     the components copied
 * @param assetPaths                       paths of the asset in collections, when the structure is kept
 * @param collectionStorageId              the storage the collection structure is taken from
 * @param originalStorageId                the storage the source file set lives on (for a copy out, the gateway's)
 * @param originalUrl                      a URL of the source file (pre-signed), when iconik gives one
 * @param destinationDirectoryPath         the directory on the destination, relative to its mount point
 * @param destinationFileSetName           the name of the file set to create
 * @param destinationFilename              the file name to write
 * @param overwrite                        whether an existing file at the destination is replaced
 * @param addFileSet                       whether a file set is to be created for the copy
 * @param deleteOnlyFromSourceFolder       whether a move deletes only from the source folder
 * @param deleteSourceFileSetAfterDownload whether the source file set goes once copied (a move)
 * @param temporaryFileSetSource           whether the source file set is temporary
 * @param includeOriginalExtension         whether exported names keep the original's extension
 * @param exportOriginal                   (exports) whether the original is copied
 * @param exportProxy                      (exports) whether the proxy is copied
 * @param exportPosters                    (exports) whether posters are copied
 * @param exportMetadataFormat             (exports) the metadata sidecar format
 * @param exportMetadataView               (exports) the metadata view of the sidecar
 * @param exportTranscriptionFormat        (exports) the transcription format
 * @param jobId                            the job tracking the copy
 * @param parentJobId                      its parent job
 * @param jobSteps                         iconik's job steps, as sent
 * @param transferType                     iconik's name for the kind of transfer
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StorageTransfer(String id, String assetId, String formatId, List<String> componentIds,
                              List<String> assetPaths, String collectionStorageId, String originalStorageId,
                              String originalUrl, String destinationDirectoryPath, String destinationFileSetName,
                              String destinationFilename, Boolean overwrite, Boolean addFileSet,
                              Boolean deleteOnlyFromSourceFolder, Boolean deleteSourceFileSetAfterDownload,
                              Boolean temporaryFileSetSource, Boolean includeOriginalExtension,
                              Boolean exportOriginal, Boolean exportProxy, Boolean exportPosters,
                              String exportMetadataFormat, String exportMetadataView,
                              String exportTranscriptionFormat, String jobId, String parentJobId,
                              Map<String, Object> jobSteps, String transferType) {
}
