// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.FileRecordStatus;
import io.github.iconiksdk.core.client.model.Storage;
import io.github.iconiksdk.core.client.model.StorageTransfer;
import io.github.iconiksdk.core.client.model.TransferFromStorage;
import io.github.iconiksdk.core.command.Command;
import io.github.iconiksdk.core.command.CommandHandler;
import io.github.iconiksdk.core.command.CommandResult;
import io.github.iconiksdk.core.command.FileCatalog;
import io.github.iconiksdk.core.command.MountPoint;
import io.github.iconiksdk.core.command.UnsafePathException;
import io.github.iconiksdk.core.upload.internal.PartRunner;
import io.github.iconiksdk.core.upload.internal.RenditionUploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** See {@link io.github.iconiksdk.core.command.GatewayHandlers#transfersOut}. */
public final class TransferOutHandler implements CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TransferOutHandler.class);

    private final IconikClient client;
    private final String storageId;
    private final MountPoint mount;
    private final FileCatalog catalog;
    private final RenditionUploads uploads;
    private final PartRunner parts;

    /**
     * @param client    the iconik client
     * @param storageId the gateway's storage
     * @param mount     the mount point
     * @param catalog   the gateway's file catalog
     * @param uploads   the uploader of copies (over the registration journal)
     * @param parts     the part runner under {@code uploads}, shut down when the handler is closed
     */
    public TransferOutHandler(IconikClient client, String storageId, MountPoint mount, FileCatalog catalog,
                              RenditionUploads uploads, PartRunner parts) {
        this.client = client;
        this.storageId = storageId;
        this.mount = mount;
        this.catalog = catalog;
        this.uploads = uploads;
        this.parts = parts;
    }

    /** Shuts the part runner's threads down (the loop calls this once, after its last command). */
    @Override
    public void close() {
        parts.close();
    }

    @Override
    public CommandResult handle(Command command) throws Exception {
        TransferFromStorage out = command.item(TransferFromStorage.class);
        StorageTransfer t = out.transfer();
        String what = "transfer " + t.id();
        if (t.assetId() == null || out.originalFileSetId() == null || out.destinationStorageId() == null) {
            return CommandResult.failed(what + " refused: it names no asset_id, original_file_set_id or"
                    + " destination_storage_id");
        }
        AssetFile source = source(out);
        if (source == null) {
            return CommandResult.failed(what + ": asset " + t.assetId() + " has no file of file set "
                    + out.originalFileSetId() + " on storage " + storageId);
        }
        Path file;
        try {
            file = mount.resolve(source.directoryPath() == null ? "" : source.directoryPath(),
                    source.originalName());
        } catch (UnsafePathException e) {
            return CommandResult.failed(what + " refused: " + e.getMessage());
        }
        String rel = mount.relativize(file);
        if (Files.isSymbolicLink(file)) {
            return CommandResult.failed(what + " refused: " + rel + " is a symlink, never followed");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return CommandResult.failed(what + ": " + rel + " is not on the storage (or not a regular file)");
        }
        long size = Files.size(file);
        if (source.size() != null && source.size() != size) {
            return CommandResult.failed(what + ": " + rel + " has " + size + " bytes, iconik's file record "
                    + source.id() + " says " + source.size() + "; not copied");
        }
        String md5 = Md5s.of(file);
        String known = md5(source.checksum());
        if (known != null && !known.equals(md5)) {
            return CommandResult.failed(what + ": the MD5 of " + rel + " is " + md5 + ", iconik's file record "
                    + source.id() + " says " + known + "; not copied");
        }
        String method = method(out);
        if ("FILE".equals(method)) {
            return CommandResult.failed(what + ": copies to another gateway's storage (" + out.destinationStorageId()
                    + ") are not supported; only to cloud storages");
        }
        String dir = t.destinationDirectoryPath() != null ? t.destinationDirectoryPath()
                : source.directoryPath() == null ? "" : source.directoryPath();
        String name = t.destinationFilename() != null && !t.destinationFilename().isEmpty() ? t.destinationFilename()
                : source.originalName();
        String setName = t.destinationFileSetName() != null && !t.destinationFileSetName().isEmpty()
                ? t.destinationFileSetName() : name;
        String formatId = t.formatId() != null ? t.formatId() : source.formatId();
        AssetFile copy = uploads.uploadCopy(new RenditionUploads.CopyTarget("transfer:" + t.id(), t.assetId(),
                formatId, out.destinationStorageId(), method, dir, name, setName, t.componentIds()), file, size, md5,
                p -> { });
        String message = "copied " + rel + " (" + size + " bytes, MD5 " + md5 + ") to storage "
                + out.destinationStorageId() + " as file " + copy.id();
        if (Boolean.TRUE.equals(out.deleteLocalFileSetAfterUpload())) {
            message += "; " + deleteLocal(t, source, file, rel, size, md5);
        }
        return CommandResult.done(message);
    }

    /** iconik's record of the local file: a file of the transfer's file set on this storage, CLOSED first. */
    private AssetFile source(TransferFromStorage t) {
        AssetFile any = null;
        for (AssetFile f : client.listFiles(t.transfer().assetId())) {
            if (t.originalFileSetId().equals(f.fileSetId()) && storageId.equals(f.storageId())) {
                if (FileRecordStatus.CLOSED.equals(f.status())) {
                    return f;
                }
                any = any == null ? f : any;
            }
        }
        return any;
    }

    private String method(TransferFromStorage t) {
        if (t.destinationStorageMethod() != null && !t.destinationStorageMethod().isBlank()) {
            return t.destinationStorageMethod().toUpperCase(Locale.ROOT);
        }
        Storage s = client.getStorage(t.destinationStorageId());
        return s.method() == null ? "GCS" : s.method().name().toUpperCase(Locale.ROOT);
    }

    /**
     * The local copy goes when the transfer asks ({@code delete_local_file_set_after_upload}): the file is deleted
     * (it was checked above: inside the mount point, a regular file with iconik's size and MD5), the catalog forgets
     * it, and [I] the local file set is deleted in iconik with {@code keep_source=true} (the gateway removed the
     * file itself, so iconik must not queue its deletion again).
     */
    private String deleteLocal(StorageTransfer t, AssetFile source, Path file, String rel, long size,
                               String md5) throws IOException {
        if (Files.size(file) != size || !md5.equals(Md5s.of(file))) {
            return "the local copy " + rel + " changed during the upload and is kept";
        }
        Files.delete(file);
        try (FileChannel ch = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync folder {}: {}", file.getParent(), e.toString());
        }
        catalog.deleted(rel);
        try {
            client.send("DELETE", "/API/files/v1/assets/" + t.assetId() + "/file_sets/" + source.fileSetId()
                    + "/?keep_source=true", null);
        } catch (NotFoundException gone) {
            LOG.debug("file set {} was already gone", source.fileSetId());
        }
        return "the local copy " + rel + " was deleted";
    }

    private static String md5(String checksum) {
        return checksum != null && checksum.matches("[0-9a-fA-F]{32}") ? checksum.toLowerCase(Locale.ROOT) : null;
    }
}
