// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

/**
 * What arrived through one of the fake's upload URLs for a file, proxy or keyframe record, whatever the upload
 * protocol; measured even when the fake discards uploaded bytes.
 *
 * @param objectId the id of the file, proxy or keyframe record
 * @param storageId the id of the storage that record is on, or null when the record is gone
 * @param size the bytes received
 * @param md5 their MD5, lower-case hex
 */
public record UploadedObject(String objectId, String storageId, long size, String md5) {
}
