// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * The settings of a {@code FILE} storage ({@code FileSettingsSchema}). Every field is null when iconik did not
 * send it: the specification declares no defaults.
 *
 * @param mountPoint                         the storage root on the gateway's machine
 * @param scanDirectories                    directories to scan, relative to the root (all when empty)
 * @param scanInclude                        scan include patterns
 * @param scanIgnore                         scan ignore patterns
 * @param transcodeInclude                   transcode include patterns
 * @param transcodeIgnore                    transcode ignore patterns
 * @param uploadIgnore                       upload ignore patterns
 * @param aggregateIgnore                    patterns excluded from identical-file aggregation
 * @param autoVersionIgnore                  patterns excluded from auto-versioning
 * @param scan                               whether scanning is on
 * @param scanIntervalSeconds                seconds between scans
 * @param growingFilesThreshold              seconds a file must stay unchanged to count as stable
 * @param read                               whether iconik may read from it
 * @param write                              whether iconik may write to it
 * @param delete                             whether iconik may delete from it
 * @param uploadFiles                        whether originals are uploaded to cloud storage
 * @param localProxyCreation                 whether the gateway makes proxies itself
 * @param localKeyframeCreation              whether the gateway makes keyframes itself
 * @param aggregateIdenticalFiles            whether identical files share one asset
 * @param aggregateOnlyOnSameStorage         aggregation only within this storage
 * @param enableAutoVersioning               whether changed files become new versions
 * @param enableCollectionDirectoryMapping   whether folders become collections
 * @param enableDirectoryAssets              whether folders can be assets
 * @param filenameIsExternalId               whether the file name is the external id
 * @param titleIncludesExtension             whether asset titles keep the extension
 * @param sidecarMetadataRequired            whether a file waits for its sidecar
 * @param skipUploadOnAnyRemoteCopyFound     skip uploading when a copy exists elsewhere
 * @param allowAccessOutsideScanDirectories  whether files outside the scan directories may be served
 * @param metadataViewId                     the view sidecar values are written to
 * @param metadataConversionUrl              a URL that converts sidecars
 * @param accessGroupId                      the access group new assets get
 * @param aclTemplateId                      the ACL template new assets get
 * @param remotePath                         the path of a remote storage
 * @param remoteStorageId                    the remote storage
 * @param storageAddr                        the storage address
 * @param assetVersionsSuffix                suffix for version files
 * @param folderNameTagsMetadataFieldName    field folder names are tagged into
 * @param folderNameTagsMetadataViewId       view of that field
 * @param gatewayUserId                      the user the gateway acts as (read-only)
 * @param isSystem                           whether iconik owns it
 * @param autoVersionIngestThrottleValue     the auto-version throttle
 * @param prioDirs                           directories scanned first
 * @param metadataConversionUrlHeaders       headers sent to the conversion URL: a JSON object of names to values, or
 *                                           one {@code Name: value} per line (see
 *                                           {@link io.github.iconiksdk.core.sidecar.ConversionHook#parseHeaders})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileSettings(String mountPoint, List<String> scanDirectories, List<String> scanInclude,
                           List<String> scanIgnore, List<String> transcodeInclude, List<String> transcodeIgnore,
                           List<String> uploadIgnore, List<String> aggregateIgnore, List<String> autoVersionIgnore,
                           Boolean scan, Integer scanIntervalSeconds, Integer growingFilesThreshold, Boolean read,
                           Boolean write, Boolean delete, Boolean uploadFiles, Boolean localProxyCreation,
                           Boolean localKeyframeCreation, Boolean aggregateIdenticalFiles,
                           Boolean aggregateOnlyOnSameStorage, Boolean enableAutoVersioning,
                           Boolean enableCollectionDirectoryMapping, Boolean enableDirectoryAssets,
                           Boolean filenameIsExternalId, Boolean titleIncludesExtension,
                           Boolean sidecarMetadataRequired, Boolean skipUploadOnAnyRemoteCopyFound,
                           Boolean allowAccessOutsideScanDirectories, String metadataViewId,
                           String metadataConversionUrl, String accessGroupId, String aclTemplateId, String remotePath,
                           String remoteStorageId, String storageAddr, String assetVersionsSuffix,
                           String folderNameTagsMetadataFieldName, String folderNameTagsMetadataViewId,
                           String gatewayUserId, Boolean isSystem, Integer autoVersionIngestThrottleValue,
                           List<PrioDir> prioDirs, String metadataConversionUrlHeaders) {

    /**
     * A directory scanned before others.
     *
     * @param directory the directory
     * @param priority  its priority
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PrioDir(String directory, Integer priority) {
    }
}
