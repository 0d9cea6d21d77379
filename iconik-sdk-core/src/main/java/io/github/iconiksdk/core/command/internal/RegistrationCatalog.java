// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.core.command.FileCatalog;
import io.github.iconiksdk.core.upload.internal.JournalEntry;
import io.github.iconiksdk.core.upload.internal.RegistrationJournal;
import io.github.iconiksdk.core.upload.internal.Step;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link FileCatalog} on the registration journal (its own connection; SQLite in WAL mode serialises the writers).
 * A recorded file becomes a {@link Step#DONE} entry with its size, MD5 and modification time, so a scan that finds
 * it gets "already registered"; [I] it is marked as not created by this gateway, so an undo never deletes the asset.
 */
public final class RegistrationCatalog implements FileCatalog, AutoCloseable {

    private final RegistrationJournal journal;

    /** @param file the registration journal file */
    public RegistrationCatalog(Path file) {
        this.journal = RegistrationJournal.open(file);
    }

    /** @param journal a registration journal (closed with the catalog; one {@code over} a store leaves it open) */
    public RegistrationCatalog(RegistrationJournal journal) {
        this.journal = journal;
    }

    @Override
    public Optional<Entry> find(String path) {
        return journal.find(path).filter(e -> e.step() == Step.DONE)
                .map(e -> new Entry(e.assetId(), e.formatId(), e.fileSetId(), e.fileId(), e.size(), e.checksum(),
                        e.modifiedMs()));
    }

    @Override
    public void recorded(String path, Entry entry) {
        journal.save(new JournalEntry(path, "transfer-" + UUID.randomUUID(), entry.assetId(), entry.formatId(),
                entry.fileSetId(), entry.fileId(), Step.DONE, false, false, entry.size(), entry.modifiedMs(),
                entry.md5(), null));
    }

    @Override
    public void deleted(String path) {
        journal.delete(path);
    }

    /** @return the registration journal under the catalog (transfers out keep their upload sessions in it) */
    public RegistrationJournal journal() {
        return journal;
    }

    @Override
    public void close() {
        journal.close();
    }
}
