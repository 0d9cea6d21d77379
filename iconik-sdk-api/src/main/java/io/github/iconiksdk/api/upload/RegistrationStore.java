// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * SPI: where an uploader journals its registrations and uploads, so that after a crash the same calls finish the
 * job without duplicating anything in iconik. The SDK ships an embedded default on a database file
 * ({@code SqliteRegistrationStore}); a server database lets several gateways share one journal.
 *
 * <p>Every method is one durable, atomic change or one consistent read: once a write returns, a crash does not
 * undo it. Implementations are thread-safe (an uploader registers several files at once); calls about different
 * paths must not block each other for long.
 *
 * <p>Every method throws {@link io.github.iconiksdk.api.IconikException} if the store cannot be read or written,
 * and {@link IllegalStateException} once the store is closed.
 */
public interface RegistrationStore extends AutoCloseable {

    /**
     * Looks up a file's registration.
     *
     * @param path a file's path relative to the storage root
     * @return its entry, if the store has one
     */
    Optional<RegistrationEntry> find(String path);

    /**
     * Lists the registrations started and not finished, to resume them after a restart.
     *
     * @return every entry whose step is not {@link RegistrationStep#DONE}, in path order
     */
    List<RegistrationEntry> unfinished();

    /**
     * Inserts or replaces the entry at its path.
     *
     * @param entry the entry
     */
    void save(RegistrationEntry entry);

    /**
     * Looks up a file's auto-versioning record.
     *
     * @param path a file's path
     * @return its record, if the file was ever versioned
     */
    Optional<VersionRecord> version(String path);

    /**
     * Inserts or replaces the versioning record at its path.
     *
     * @param version the record
     */
    void saveVersion(VersionRecord version);

    /**
     * Starts a new version of a registered file, all at once: forgets the file's uploads, confirmed parts, work and
     * versioning record (they belong to the old version, as {@link #forgetUploads}), saves the reset entry and the
     * new versioning record.
     *
     * @param reset   the entry to continue from (at its path)
     * @param version the new versioning record
     */
    void startVersion(RegistrationEntry reset, VersionRecord version);

    /**
     * Moves a file's entry, its upload records, confirmed parts, work and versioning record to another path, all at once (replacing
     * anything at the new path).
     *
     * @param fromPath where the file was
     * @param moved    its entry at the new path ({@code moved.path()})
     */
    void move(String fromPath, RegistrationEntry moved);

    /**
     * Forgets a file's registration entry (its uploads are forgotten by {@link #forgetUploads}).
     *
     * @param path the file's path
     */
    void delete(String path);

    /**
     * Looks up the collection made for a folder.
     *
     * @param directory a folder's path relative to the storage root ({@code ""} or a reserved key for the top)
     * @return its collection id, if one was recorded
     */
    Optional<String> collection(String directory);

    /**
     * Records the collection made for a folder (replacing any earlier one).
     *
     * @param directory    the folder's path relative to the storage root
     * @param collectionId the collection
     */
    void saveCollection(String directory, String collectionId);

    /**
     * Lists the collection recorded for every folder, to rebuild the map or forget what iconik deleted (its
     * {@code REQUEST_COLLECTION_MAP} and {@code COLLECTION_DELETED} events). Stores written before this method
     * existed inherit a default that throws; the SDK's stores implement it.
     *
     * @return folder (as {@link #saveCollection} was given it) to collection id, in folder order
     * @throws UnsupportedOperationException if the store cannot list them (the default)
     */
    default SortedMap<String, String> collections() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot list its collections");
    }

    /**
     * Forgets the collection recorded for a folder (iconik deleted it; the next asset registered there gets a new
     * one). Nothing happens if none is recorded. Stores written before this method existed inherit a default that
     * throws; the SDK's stores implement it.
     *
     * @param directory the folder, as {@link #saveCollection} was given it
     * @throws UnsupportedOperationException if the store cannot forget one (the default)
     */
    default void forgetCollection(String directory) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot forget a collection");
    }

    /**
     * Lists what was uploaded, or is being uploaded, for a file.
     *
     * @param path a file's path
     * @return its upload records, in slot order
     */
    List<UploadRecord> uploads(String path);

    /**
     * Inserts or replaces the upload record at its path and slot.
     *
     * @param record the record
     */
    void saveUpload(UploadRecord record);

    /**
     * Forgets one upload record.
     *
     * @param path the file's path
     * @param slot the slot
     */
    void deleteUpload(String path, String slot);

    /**
     * Records one part of an upload that the storage confirmed (replacing an earlier answer for that part).
     *
     * @param path the file's path
     * @param slot the object's slot
     * @param part the part number, from 1
     * @param tag  what the storage answered for it (ETag, SHA-1, block id)
     */
    void savePart(String path, String slot, int part, String tag);

    /**
     * Lists the confirmed parts of one object's upload.
     *
     * @param path the file's path
     * @param slot the object's slot
     * @return part number to what the storage answered, in part order
     */
    SortedMap<Integer, String> parts(String path, String slot);

    /**
     * Forgets the confirmed parts of one object's upload (a new upload starts).
     *
     * @param path the file's path
     * @param slot the object's slot
     */
    void clearParts(String path, String slot);

    /**
     * Forgets every upload record, confirmed part, piece of work and versioning record of a file (it is gone from
     * the storage).
     *
     * @param path the file's path
     */
    void forgetUploads(String path);

    /**
     * Inserts or replaces a piece of work at its path and kind.
     *
     * @param work the work
     */
    void saveWork(UploadWork work);

    /**
     * Looks up one piece of work of a file.
     *
     * @param path the file's path
     * @param kind the kind of work
     * @return the work, if recorded
     */
    Optional<UploadWork> work(String path, String kind);

    /**
     * Lists the files with a kind of work in a state.
     *
     * @param kind  the kind of work
     * @param state the state
     * @return their paths, in path order
     */
    List<String> pathsWithWork(String kind, UploadWork.State state);

    /** Releases the store; further calls fail with {@link IllegalStateException}. */
    @Override
    void close();
}
