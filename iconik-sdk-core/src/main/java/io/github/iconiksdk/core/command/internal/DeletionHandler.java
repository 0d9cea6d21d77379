// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.FileDeletion;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.command.Command;
import io.github.iconiksdk.core.command.CommandHandler;
import io.github.iconiksdk.core.command.CommandResult;
import io.github.iconiksdk.core.command.FileCatalog;
import io.github.iconiksdk.core.command.MountPoint;
import io.github.iconiksdk.core.command.UnsafePathException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/**
 * See {@link io.github.iconiksdk.core.command.GatewayHandlers#deletions}. [I] iconik's deletion acknowledgement has
 * no failed state: a refused deletion is acknowledged like a done one (iconik then forgets its file record), and the
 * file stays on disk with the refusal in the command journal and the log.
 */
public final class DeletionHandler implements CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeletionHandler.class);

    private final IconikClient client;
    private final String storageId;
    private final MountPoint mount;
    private final FileCatalog catalog;

    /**
     * @param client    the iconik client
     * @param storageId the gateway's storage
     * @param mount     the mount point
     * @param catalog   the gateway's file catalog
     */
    public DeletionHandler(IconikClient client, String storageId, MountPoint mount, FileCatalog catalog) {
        this.client = client;
        this.storageId = storageId;
        this.mount = mount;
        this.catalog = catalog;
    }

    @Override
    public CommandResult handle(Command command) throws Exception {
        FileDeletion d = command.item(FileDeletion.class);
        FileSettings settings = client.getStorage(storageId).fileSettings();
        if (!Boolean.TRUE.equals(settings.delete())) {
            return CommandResult.failed("deletion of " + d.directoryPath() + "/" + d.filename() + " refused: storage "
                    + storageId + " does not allow delete (its setting 'delete' is off); the file is kept");
        }
        Path file;
        try {
            file = mount.resolve(d.directoryPath(), d.filename());
        } catch (UnsafePathException e) {
            return CommandResult.failed("deletion " + d.id() + " refused: " + e.getMessage());
        }
        String rel = mount.relativize(file);
        if (Boolean.TRUE.equals(d.keepSource())) {
            return CommandResult.done("kept " + rel + " (keep_source): only iconik's record goes");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            catalog.deleted(rel);
            return CommandResult.done(rel + " was already gone");
        }
        if (Files.isSymbolicLink(file)) {
            return CommandResult.failed("deletion of " + rel + " refused: it is a symlink, never followed");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return CommandResult.failed("deletion of " + rel + " refused: it is not a regular file");
        }
        Long size = null;
        String md5 = null;
        Optional<FileCatalog.Entry> known = catalog.find(rel);
        if (known.isPresent()) {
            size = known.get().size();
            md5 = md5(known.get().md5());
        } else {
            AssetFile record = record(d);
            if (record != null) {
                size = record.size();
                md5 = md5(record.checksum());
            }
        }
        if (size == null) {
            return CommandResult.failed("deletion of " + rel + " refused: neither the gateway nor iconik knows its"
                    + " size, so it cannot be told to be the file iconik means");
        }
        long onDisk = Files.size(file);
        if (onDisk != size) {
            return CommandResult.failed("deletion of " + rel + " refused: it has " + onDisk + " bytes, the file iconik"
                    + " means has " + size + "; the file is kept");
        }
        if (md5 != null) {
            String actual = Md5s.of(file);
            if (!md5.equals(actual)) {
                return CommandResult.failed("deletion of " + rel + " refused: its MD5 is " + actual + ", the file"
                        + " iconik means has " + md5 + "; the file is kept");
            }
        }
        Files.delete(file);
        try (FileChannel ch = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync folder {}: {}", file.getParent(), e.toString());
        }
        catalog.deleted(rel);
        return CommandResult.done("deleted " + rel + " (" + onDisk + " bytes" + (md5 == null ? "" : ", MD5 checked")
                + ")");
    }

    private AssetFile record(FileDeletion d) {
        if (d.assetId() == null || d.fileId() == null) {
            return null;
        }
        try {
            return client.getFile(d.assetId(), d.fileId());
        } catch (NotFoundException gone) {
            return null;
        }
    }

    private static String md5(String checksum) {
        return checksum != null && checksum.matches("[0-9a-fA-F]{32}") ? checksum.toLowerCase(Locale.ROOT) : null;
    }
}
