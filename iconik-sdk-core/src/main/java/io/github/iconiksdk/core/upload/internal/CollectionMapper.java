// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.OutcomeUnknownException;
import io.github.iconiksdk.core.client.model.CollectionResource;
import io.github.iconiksdk.core.client.model.CollectionCreate;
import io.github.iconiksdk.core.client.model.ContentItem;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Collection directory mapping: each folder under the storage root becomes a collection, nested as the folders
 * are, under a collection for the storage inside the root collection {@value #MASTER_TITLE} (the name iconik's
 * documentation gives its master collection). Each collection is looked up by title under its parent before it is
 * created, and remembered in the journal, so it is created once and reused.
 */
public final class CollectionMapper {

    /** The title of the root collection every mapped storage goes under. */
    static final String MASTER_TITLE = "Storage Gateways";
    /** The journal's key of the root collection {@value #MASTER_TITLE} (no folder is named so). */
    public static final String MASTER_KEY = "/";

    private final IconikClient client;
    private final String storageId;
    private final RegistrationJournal journal;

    /**
     * @param client    the iconik client
     * @param storageId the storage whose folders are mapped
     * @param journal   where the map is kept
     */
    public CollectionMapper(IconikClient client, String storageId, RegistrationJournal journal) {
        this.client = client;
        this.storageId = storageId;
        this.journal = journal;
    }

    /**
     * @param directory a folder relative to the storage root ({@code ""} for the root itself)
     * @return the id of its collection, made if needed
     */
    public synchronized String collectionFor(String directory) {
        Optional<String> known = journal.collection(directory);
        if (known.isPresent()) {
            return known.get();
        }
        String parentId = directory.isEmpty() ? master() : collectionFor(RegistrationSaga.directory(directory));
        String title = directory.isEmpty() ? storageTitle() : RegistrationSaga.fileName(directory);
        String id = findOrCreate(() -> childByTitle(parentId, title),
                () -> client.createCollection(new CollectionCreate(title, parentId, null, null, null, null)).id());
        journal.saveCollection(directory, id);
        return id;
    }

    private String master() {
        Optional<String> known = journal.collection(MASTER_KEY);
        if (known.isPresent()) {
            return known.get();
        }
        String id = findOrCreate(this::masterByTitle,
                () -> client.createCollection(CollectionCreate.of(MASTER_TITLE)).id());
        journal.saveCollection(MASTER_KEY, id);
        return id;
    }

    private Optional<String> masterByTitle() {
        for (CollectionResource c : client.paginate("/API/assets/v1/collections/?is_root=true&per_page=100",
                CollectionResource.class)) {
            if (MASTER_TITLE.equals(c.title())) {
                return Optional.of(c.id());
            }
        }
        return Optional.empty();
    }

    private Optional<String> childByTitle(String parentId, String title) {
        for (ContentItem item : client.collectionContents(parentId)) {
            if ("collections".equals(item.objectType()) || "COLLECTION".equalsIgnoreCase(item.objectType())) {
                if (title.equals(item.title())) {
                    return Optional.of(item.id());
                }
            }
        }
        return Optional.empty();
    }

    private String storageTitle() {
        String name = client.getStorage(storageId).name();
        return name == null || name.isBlank() ? storageId : name;
    }

    private static String findOrCreate(Supplier<Optional<String>> find, Supplier<String> create) {
        Optional<String> found = find.get();
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return create.get();
        } catch (OutcomeUnknownException lost) {
            return find.get().orElseThrow(() -> lost);
        }
    }
}
