// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

/** What registering a scanned file did in iconik. */
public enum RegistrationOutcome {
    /** A new asset (with format, file set and file record) was made. */
    CREATED,
    /** The file was already registered, or its lost creation was found again; nothing new was made. */
    ALREADY_REGISTERED,
    /** Identical content already on the storage: the file was added to the existing asset. */
    AGGREGATED,
    /** The file record was updated (size, checksum, dates, metadata) after a change. */
    UPDATED,
    /** The file record now points at the file's new path. */
    MOVED,
    /** The file is gone from the storage and its record was marked so. */
    REMOVED
}
