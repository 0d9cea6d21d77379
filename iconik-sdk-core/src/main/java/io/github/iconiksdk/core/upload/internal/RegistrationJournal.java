// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.upload.RegistrationEntry;
import io.github.iconiksdk.api.upload.RegistrationStep;
import io.github.iconiksdk.api.upload.RegistrationStore;
import io.github.iconiksdk.api.upload.UploadRecord;
import io.github.iconiksdk.api.upload.UploadWork;
import io.github.iconiksdk.api.upload.VersionRecord;
import io.github.iconiksdk.core.state.SqliteRegistrationStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The registration journal as the saga and the uploads see it: their own immutable values ({@link JournalEntry},
 * {@link RenditionRow}, {@link Step}) over a {@link RegistrationStore}, which holds the SPI's values. One file
 * per row of registration, plus the folder-to-collection map, the uploads, their confirmed parts and the work
 * still wanted. Thread-safe as the store is.
 */
public final class RegistrationJournal implements AutoCloseable {

    private final RegistrationStore store;
    private final boolean owned;

    private RegistrationJournal(RegistrationStore store, boolean owned) {
        this.store = Objects.requireNonNull(store, "store");
        this.owned = owned;
    }

    /**
     * Opens (creating if needed) the SQLite journal file; {@link #close()} closes it.
     *
     * @param file the database file
     * @return the journal
     * @throws io.github.iconiksdk.api.IconikException if the file cannot be opened, or was written by a newer SDK
     */
    public static RegistrationJournal open(Path file) {
        return new RegistrationJournal(SqliteRegistrationStore.open(file), true);
    }

    /**
     * A journal over a store its caller owns: {@link #close()} leaves the store open.
     *
     * @param store the store
     * @return the journal
     */
    public static RegistrationJournal over(RegistrationStore store) {
        return new RegistrationJournal(store, false);
    }

    /**
     * @param path a file's path relative to the storage root
     * @return its entry, if the journal has one
     */
    public Optional<JournalEntry> find(String path) {
        return store.find(path).map(RegistrationJournal::entry);
    }

    /** @return every entry not yet {@link Step#DONE}, for resuming after a restart */
    public List<JournalEntry> unfinished() {
        return store.unfinished().stream().map(RegistrationJournal::entry).toList();
    }

    /**
     * Inserts or replaces an entry, durably, in one transaction.
     *
     * @param e the entry
     */
    public void save(JournalEntry e) {
        store.save(entry(e));
    }

    /**
     * @param path a file's path
     * @return its auto-versioning row, if it was ever versioned
     */
    public Optional<VersionRow> version(String path) {
        return store.version(path).map(v -> new VersionRow(v.path(), v.previousVersionId(), v.versionId(),
                v.started(), v.done()));
    }

    /**
     * Inserts or replaces a file's auto-versioning row.
     *
     * @param v the row
     */
    public void saveVersion(VersionRow v) {
        store.saveVersion(record(v));
    }

    /**
     * Starts a new version of a registered file in one transaction: the entry goes back to {@link Step#ASSET} with
     * the new content and no format, file set or file; the versioning row is replaced; the renditions and uploads
     * of the old content are forgotten (they stay in iconik on the old version).
     *
     * @param reset the entry to continue from
     * @param v     the new versioning row
     */
    public void startVersion(JournalEntry reset, VersionRow v) {
        store.startVersion(entry(reset), record(v));
    }

    /**
     * Moves an entry, its uploads and work to a new path in one transaction (replacing anything at the new path).
     *
     * @param entry   the entry at its old path
     * @param newPath the new path
     * @return the moved entry
     */
    public JournalEntry move(JournalEntry entry, String newPath) {
        JournalEntry moved = entry.movedTo(newPath);
        store.move(entry.path(), entry(moved));
        return moved;
    }

    /**
     * Forgets a file.
     *
     * @param path its path
     */
    public void delete(String path) {
        store.delete(path);
    }

    /**
     * @param directory a folder's path relative to the storage root
     * @return the collection made for it, if any
     */
    public Optional<String> collection(String directory) {
        return store.collection(directory);
    }

    /**
     * Records the collection made for a folder.
     *
     * @param directory    the folder's path relative to the storage root ({@code ""} for the master collection)
     * @param collectionId the collection
     */
    public void saveCollection(String directory, String collectionId) {
        store.saveCollection(directory, collectionId);
    }

    /** @return every folder's collection, folder to id, in folder order ({@link RegistrationStore#collections()}) */
    public java.util.SortedMap<String, String> collections() {
        return store.collections();
    }

    /**
     * Forgets a folder's collection (iconik deleted it).
     *
     * @param directory the folder, as saved
     */
    public void forgetCollection(String directory) {
        store.forgetCollection(directory);
    }

    /**
     * @param path a file's path relative to the storage root
     * @return every rendition or original row of the file, in slot order
     */
    public List<RenditionRow> renditions(String path) {
        return store.uploads(path).stream().map(RegistrationJournal::row).toList();
    }

    /**
     * @param path a file's path
     * @param slot the rendition's slot
     * @return its row, if any
     */
    public Optional<RenditionRow> rendition(String path, String slot) {
        return renditions(path).stream().filter(r -> r.slot().equals(slot)).findFirst();
    }

    /**
     * Inserts or replaces a rendition row, durably.
     *
     * @param r the row
     */
    public void saveRendition(RenditionRow r) {
        store.saveUpload(new UploadRecord(r.path(), r.slot(), r.tag(), r.objectId(),
                UploadRecord.State.valueOf(r.state().name()), r.uploadUrl(), r.sessionUrl(), r.confirmed(),
                r.contentMd5()));
    }

    /**
     * Records a part of an upload that the storage confirmed, durably.
     *
     * @param path the file's path
     * @param slot the object's slot
     * @param part the part number, from 1
     * @param tag  what the storage answered for it (ETag, SHA-1, block id)
     */
    public void savePart(String path, String slot, int part, String tag) {
        store.savePart(path, slot, part, tag);
    }

    /**
     * @param path the file's path
     * @param slot the object's slot
     * @return the confirmed parts of its upload: part number to what the storage answered, in part order
     */
    public SortedMap<Integer, String> parts(String path, String slot) {
        return store.parts(path, slot);
    }

    /**
     * Forgets the confirmed parts of an object's upload (a new upload starts).
     *
     * @param path the file's path
     * @param slot the object's slot
     */
    public void clearParts(String path, String slot) {
        store.clearParts(path, slot);
    }

    /**
     * Forgets one rendition row.
     *
     * @param path the file's path
     * @param slot the slot
     */
    public void deleteRendition(String path, String slot) {
        store.deleteUpload(path, slot);
    }

    /**
     * Forgets every rendition and work row of a file (it is gone from the storage).
     *
     * @param path the file's path
     */
    public void forgetUploads(String path) {
        store.forgetUploads(path);
    }

    /**
     * Records the state of a piece of upload work of a file.
     *
     * @param path  the file's path
     * @param work  {@code RENDITIONS}, {@code ORIGINAL} or {@code CLOUD_TRANSCODE}
     * @param tag   the content the work is for
     * @param state {@code WANTED}, {@code DONE} or {@code FAILED}
     */
    public void saveWork(String path, String work, String tag, String state) {
        store.saveWork(new UploadWork(path, work, tag, UploadWork.State.valueOf(state)));
    }

    /**
     * @param path a file's path
     * @param work the kind of work
     * @return {@code {tag, state}} of the work, if recorded
     */
    public Optional<String[]> work(String path, String work) {
        return store.work(path, work).map(w -> new String[] {w.tag(), w.state().name()});
    }

    /**
     * @param work  the kind of work
     * @param state the state
     * @return the paths with that work in that state, in path order
     */
    public List<String> pathsWithWork(String work, String state) {
        return store.pathsWithWork(work, UploadWork.State.valueOf(state));
    }

    /** Closes the store if this journal opened it. */
    @Override
    public void close() {
        if (owned) {
            store.close();
        }
    }

    private static JournalEntry entry(RegistrationEntry e) {
        return new JournalEntry(e.path(), e.key(), e.assetId(), e.formatId(), e.fileSetId(), e.fileId(),
                Step.valueOf(e.step().name()), e.pending(), e.createdAsset(), e.size(), e.modifiedMs(), e.checksum(),
                e.metadataHash());
    }

    private static RegistrationEntry entry(JournalEntry e) {
        return new RegistrationEntry(e.path(), e.key(), e.assetId(), e.formatId(), e.fileSetId(), e.fileId(),
                RegistrationStep.valueOf(e.step().name()), e.pending(), e.createdAsset(), e.size(), e.modifiedMs(),
                e.checksum(), e.metadataHash());
    }

    private static VersionRecord record(VersionRow v) {
        return new VersionRecord(v.path(), v.previousVersionId(), v.versionId(), v.started(), v.done());
    }

    private static RenditionRow row(UploadRecord r) {
        return new RenditionRow(r.path(), r.slot(), r.tag(), r.objectId(), RenditionRow.State.valueOf(r.state().name()),
                r.uploadUrl(), r.sessionUrl(), r.confirmed(), r.contentMd5());
    }
}
