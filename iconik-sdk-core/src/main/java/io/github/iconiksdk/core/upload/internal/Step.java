// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

/**
 * The steps of registering one new file, in order. The journal records the last step completed and whether the
 * next one was started; a started step whose answer was never recorded is resolved by a lookup before it is tried
 * again.
 */
public enum Step {
    /** The idempotency key is chosen; nothing exists in iconik yet. */
    KEY_CHOSEN,
    /** The asset exists (created, found again by its key, or the existing asset of identical content). */
    ASSET,
    /** The ORIGINAL format exists. */
    FORMAT,
    /** The file set on this storage exists. */
    FILE_SET,
    /** The file record exists (OPEN). */
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
    DONE,
    /**
     * A new asset version for a MODIFIED file (auto-versioning). Never a journalled state: only a point the step
     * hook is told about, before the version is asked for; the entry is at {@link #ASSET} meanwhile.
     */
    VERSION;

    /** @return the step after this one */
    public Step next() {
        return values()[Math.min(ordinal() + 1, DONE.ordinal())];
    }
}
