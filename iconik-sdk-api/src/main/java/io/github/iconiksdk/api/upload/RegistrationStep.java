// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

/** The steps of one file's registration, in order; a {@link RegistrationEntry} records the last one completed. */
public enum RegistrationStep {
    /** The idempotency key is chosen; nothing exists in iconik yet. */
    KEY_CHOSEN,
    /** The asset exists (created, found again by its key, or the existing asset of identical content). */
    ASSET,
    /** The ORIGINAL format exists. */
    FORMAT,
    /** The file set on this storage exists. */
    FILE_SET,
    /** The file record exists. */
    FILE,
    /** The file record is CLOSED with size and checksum. */
    CLOSED,
    /** The final external id is set (only when the storage uses the file name as external id). */
    EXTERNAL_ID,
    /** Sidecar metadata is on the asset (or there was none to apply). */
    METADATA,
    /** The asset is in its folder's collection (or collection mapping is off). */
    COLLECTION,
    /** The storage's access group has access to the asset (or the storage names none). */
    ACCESS,
    /** Registration is complete. */
    DONE
}
