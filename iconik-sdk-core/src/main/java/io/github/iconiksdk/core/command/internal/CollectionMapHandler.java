// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.CollectionResource;
import io.github.iconiksdk.core.client.model.GatewayEvent;
import io.github.iconiksdk.core.command.Command;
import io.github.iconiksdk.core.command.CommandHandler;
import io.github.iconiksdk.core.command.CommandResult;
import io.github.iconiksdk.core.command.FileCatalog;
import io.github.iconiksdk.core.command.GatewayHandlers;
import io.github.iconiksdk.core.command.MountPoint;
import io.github.iconiksdk.core.upload.internal.CollectionMapper;
import io.github.iconiksdk.core.upload.internal.RegistrationJournal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/** See {@link GatewayHandlers#collectionMaps}. */
public final class CollectionMapHandler implements CommandHandler {

    private final IconikClient client;
    private final MountPoint mount;
    private final FileCatalog catalog;
    private final RegistrationJournal journal;
    private final CollectionMapper mapper;

    /**
     * @param client    the iconik client
     * @param storageId the gateway's storage
     * @param mount     the mount point
     * @param catalog   the gateway's file catalog (which files are registered, as which asset)
     * @param journal   the registration journal holding the folder-to-collection map
     */
    public CollectionMapHandler(IconikClient client, String storageId, MountPoint mount, FileCatalog catalog,
                                RegistrationJournal journal) {
        this.client = client;
        this.mount = mount;
        this.catalog = catalog;
        this.journal = journal;
        this.mapper = new CollectionMapper(client, storageId, journal);
    }

    @Override
    public CommandResult handle(Command command) throws IOException {
        if (GatewayHandlers.COLLECTION_DELETED.equals(command.type())) {
            Map<String, Object> data = command.item(GatewayEvent.class).data();
            Object id = data == null ? null : first(data, "collection_id", "object_id", "id");
            if (id == null) {
                return CommandResult.failed(command.type() + " names no collection_id");
            }
            List<String> forgotten = forget(id.toString());
            return CommandResult.done(forgotten.isEmpty() ? "collection " + id + " was not mapped to a folder"
                    : "forgot the collections of " + forgotten.size() + " folder(s) from collection " + id);
        }
        return rebuild();
    }

    private static Object first(Map<String, Object> data, String... keys) {
        for (String k : keys) {
            if (data.get(k) != null) {
                return data.get(k);
            }
        }
        return null;
    }

    /** Forgets every folder mapped to the collection and every folder below them (their collections went too). */
    private List<String> forget(String collectionId) {
        SortedMap<String, String> map = journal.collections();
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getValue().equals(collectionId)) {
                gone.add(e.getKey());
            }
        }
        TreeSet<String> forgotten = new TreeSet<>();
        for (String dir : gone) {
            for (String key : map.keySet()) {
                if (below(key, dir)) {
                    forgotten.add(key);
                }
            }
        }
        forgotten.forEach(journal::forgetCollection);
        return List.copyOf(forgotten);
    }

    /** Whether a key of the map is the folder or lies under it: all lie under the root collection. */
    private static boolean below(String key, String dir) {
        if (dir.equals(CollectionMapper.MASTER_KEY)) {
            return true;
        }
        if (dir.isEmpty()) {
            return !key.equals(CollectionMapper.MASTER_KEY);
        }
        return key.equals(dir) || key.startsWith(dir + "/");
    }

    /**
     * Forgets the mapped collections iconik no longer has, then puts every registered file's asset in its folder's
     * collection (made again where needed). Adding an asset already there leaves one entry, so a resumed attempt
     * does no harm.
     */
    private CommandResult rebuild() throws IOException {
        int forgotten = 0;
        for (Map.Entry<String, String> e : journal.collections().entrySet()) {
            if (journal.collection(e.getKey()).isPresent() && deleted(e.getValue())) {
                forgotten += forget(e.getValue()).size();
            }
        }
        int[] counts = new int[1];
        TreeSet<String> folders = new TreeSet<>();
        Files.walkFileTree(mount.root(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    String rel = mount.relativize(file);
                    catalog.find(rel).ifPresent(entry -> {
                        int slash = rel.lastIndexOf('/');
                        String dir = slash < 0 ? "" : rel.substring(0, slash);
                        client.addToCollection(mapper.collectionFor(dir), entry.assetId(), "assets");
                        folders.add(dir);
                        counts[0]++;
                    });
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable: the scanner reports it; nothing registered there
            }
        });
        return CommandResult.done("mapped " + counts[0] + " asset(s) in " + folders.size() + " folder(s)"
                + (forgotten > 0 ? "; forgot " + forgotten + " folder(s) whose collection iconik deleted" : ""));
    }

    private boolean deleted(String collectionId) {
        try {
            CollectionResource c = client.getCollection(collectionId);
            return "DELETED".equals(c.status());
        } catch (NotFoundException e) {
            return true;
        }
    }
}
