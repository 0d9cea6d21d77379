// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

/**
 * Sends an original's bytes to iconik's cloud storage for files in the protocol of that storage's method, resuming
 * from what the journal says was confirmed. One implementation per method: {@link GcsParallelUpload},
 * {@link S3MultipartUpload}, {@link B2LargeFileUpload}, {@link AzureBlockUpload}.
 */
interface OriginalUploader {

    /**
     * Uploads the file (or what is missing of it) and completes the object.
     *
     * @param job the file, its record, the journal and progress
     * @throws UrlGoneException when a URL refuses for good: the caller refreshes the record's URLs and calls again
     * @throws io.github.iconiksdk.api.IconikException when the upload fails
     */
    void upload(OriginalJob job);
}
