// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import io.github.iconiksdk.core.command.internal.RegistrationCatalog;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway knows about the files on its storage, by path relative to the mount point: the handlers check a
 * deletion against it (is this the file iconik means?) and tell it about the files they write and delete, so that
 * the scanner never registers a transferred-in file as a new asset.
 */
public interface FileCatalog {

    /**
     * A file as the gateway registered it.
     *
     * @param assetId   its asset
     * @param formatId  its format (the ORIGINAL, usually)
     * @param fileSetId its file set on the gateway's storage
     * @param fileId    its file record
     * @param size      its size in bytes
     * @param md5       its MD5 (hex), or null when not computed
     * @param modifiedMs its modification time, ms since the epoch
     */
    record Entry(String assetId, String formatId, String fileSetId, String fileId, long size, String md5,
                 long modifiedMs) {

        /**
         * Checks the fields.
         *
         * @param assetId    its asset
         * @param formatId   its format
         * @param fileSetId  its file set
         * @param fileId     its file record
         * @param size       its size in bytes
         * @param md5        its MD5, or null
         * @param modifiedMs its modification time
         * @throws IllegalArgumentException if size is negative
         */
        public Entry {
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative, not " + size);
            }
        }
    }

    /** A catalog that knows nothing and remembers nothing. */
    FileCatalog NONE = new FileCatalog() {
        @Override
        public Optional<Entry> find(String path) {
            return Optional.empty();
        }

        @Override
        public void recorded(String path, Entry entry) {
            // nothing kept
        }

        @Override
        public void deleted(String path) {
            // nothing kept
        }
    };

    /**
     * @param path a path relative to the mount point, {@code /}-separated
     * @return what the gateway registered there, if anything
     */
    Optional<Entry> find(String path);

    /**
     * A handler wrote a file and recorded it in iconik (a transfer into the storage).
     *
     * @param path  its path relative to the mount point
     * @param entry its records and content
     */
    void recorded(String path, Entry entry);

    /**
     * A handler deleted a file (a deletion iconik asked for).
     *
     * @param path its path relative to the mount point
     */
    void deleted(String path);

    /**
     * The catalog kept in the registration journal of {@link io.github.iconiksdk.core.upload.IconikAssetUploader}
     * (its {@code registrations.db}): a recorded file is entered as registered, so the scanner finds it already
     * known; a deleted file is forgotten.
     *
     * @param registrationJournal the registration journal file
     * @return the catalog (close it with {@link AutoCloseable#close()} when it is one)
     * @throws io.github.iconiksdk.api.IconikException if the journal cannot be opened
     */
    static FileCatalog registrationJournal(Path registrationJournal) {
        return new RegistrationCatalog(Objects.requireNonNull(registrationJournal, "registrationJournal"));
    }

    /**
     * The catalog kept in a registration store the caller owns, as {@link #registrationJournal} does for the SQLite
     * file: the store a fleet shares (PostgreSQL), so the scanners of every gateway find a transferred-in file
     * registered. Closing the catalog leaves the store open.
     *
     * @param store the registration store the uploader journals in
     * @return the catalog (close it with {@link AutoCloseable#close()})
     */
    static FileCatalog registrationStore(io.github.iconiksdk.api.upload.RegistrationStore store) {
        return new RegistrationCatalog(io.github.iconiksdk.core.upload.internal.RegistrationJournal.over(
                Objects.requireNonNull(store, "store")));
    }
}
