// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.command.internal.CollectionMapHandler;
import io.github.iconiksdk.core.command.internal.DeletionHandler;
import io.github.iconiksdk.core.command.internal.RegistrationCatalog;
import io.github.iconiksdk.core.command.internal.ScanRequestHandler;
import io.github.iconiksdk.core.command.internal.TranscodeRequestHandler;
import io.github.iconiksdk.core.command.internal.TransferInHandler;
import io.github.iconiksdk.core.command.internal.TransferOutHandler;
import io.github.iconiksdk.core.upload.internal.PartRunner;
import io.github.iconiksdk.core.upload.internal.RenditionUploads;
import io.github.iconiksdk.core.upload.internal.UrlUpload;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The handlers of the work iconik sends a storage gateway, as iconik means it. Register each on a
 * {@link CommandLoop.Builder} under the type it names. Every path from iconik goes through the {@link MountPoint};
 * a path that would leave it is refused (a failed result naming the path, acknowledged as failed) and nothing
 * outside the mount point is read or written.
 */
public final class GatewayHandlers {

    /** The event type of a manual scan ([I]: iconik's event enum names none; the testkit's fake uses this). */
    public static final String SCAN = "SCAN";
    /** The event type of a keyframes (proxy and keyframes) request. */
    public static final String TRANSCODE = "TRANSCODE";

    /** The event type asking for the folder-to-collection map to be rebuilt (iconik's event enum). */
    public static final String REQUEST_COLLECTION_MAP = "REQUEST_COLLECTION_MAP";
    /** The event type telling that a collection was deleted in iconik (iconik's event enum). */
    public static final String COLLECTION_DELETED = "COLLECTION_DELETED";

    private GatewayHandlers() {
    }

    /** Scans the given files and folders now (a partial pass of the gateway's scanner). */
    @FunctionalInterface
    public interface PathScanner {
        /**
         * @param paths files and folders under the mount point, absolute; the mount point itself for everything
         * @throws Exception when the scan fails (the command is retried)
         */
        void scan(List<Path> paths) throws Exception;
    }

    /** Makes and uploads the renditions of an asset's file now, whatever the storage's local transcoding settings. */
    @FunctionalInterface
    public interface AssetTranscoder {
        /**
         * @param assetId the asset
         * @param file    its original on the mount point, absolute
         * @param path    the same, relative to the mount point
         * @throws Exception when transcoding or uploading fails (the command is retried)
         */
        void transcode(String assetId, Path file, String path) throws Exception;
    }

    /**
     * The manual scan ({@link #SCAN} events, {@code POST storages/{id}/scan/}): scans the event's {@code paths}
     * and {@code files} (relative to the mount point, or absolute inside it) now, or the whole storage when it names
     * none.
     *
     * @param mount   the mount point
     * @param scanner the scanner's partial pass
     * @return the handler
     */
    public static CommandHandler scanRequests(MountPoint mount, PathScanner scanner) {
        return new ScanRequestHandler(Objects.requireNonNull(mount, "mount"), Objects.requireNonNull(scanner,
                "scanner"));
    }

    /**
     * Transfers into the storage ({@link CommandQueue#TRANSFERS_TO}): downloads the source file through the
     * transfer's signed URL into {@code destination_directory_path} under the mount point (to a temporary name in
     * the same folder, then renamed), checks its size and MD5 against iconik's record of the source, honours
     * {@code overwrite}, records it as a file set and file of the same asset on this storage, and enters it in the
     * catalog so the scanner knows it.
     *
     * @param client    the iconik client
     * @param storageId the gateway's storage
     * @param mount     the mount point
     * @param catalog   the gateway's file catalog
     * @return the handler
     */
    public static CommandHandler transfersIn(IconikClient client, String storageId, MountPoint mount,
                                             FileCatalog catalog) {
        return new TransferInHandler(client, storageId, mount, catalog);
    }

    /**
     * Transfers out of the storage ({@link CommandQueue#TRANSFERS_FROM}): finds the local file of the transfer's
     * {@code original_file_set_id} on this storage (its path through the mount point: a regular file, never a
     * symlink, with the size and MD5 of iconik's record), uploads it to {@code destination_storage_id} the way
     * original uploads go (a file set and file record of the same asset and format on that storage, the bytes in
     * the protocol of its method, resumable from the parts journalled in the registration journal, then CLOSED
     * with size and MD5), and deletes the local copy only when the transfer asks
     * ({@code delete_local_file_set_after_upload}). Copies to another gateway's File storage are refused.
     *
     * @param client    the iconik client
     * @param storageId the gateway's storage
     * @param mount     the mount point
     * @param catalog   the gateway's file catalog; it must be {@link FileCatalog#registrationJournal}'s, whose
     *                  journal keeps the uploads' sessions across crashes
     * @return the handler; it holds upload threads until closed ({@link CommandLoop#close()} closes it)
     * @throws IllegalArgumentException if the catalog is not a registration journal's
     */
    public static CommandHandler transfersOut(IconikClient client, String storageId, MountPoint mount,
                                              FileCatalog catalog) {
        if (!(catalog instanceof RegistrationCatalog journal)) {
            throw new IllegalArgumentException("transfers out keep their upload sessions in the registration"
                    + " journal: pass FileCatalog.registrationJournal(...), not " + catalog);
        }
        PartRunner parts = new PartRunner(4, 4);
        RenditionUploads uploads = new RenditionUploads(client, journal.journal(), new UrlUpload(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build(), 64L << 20, 8,
                Duration.ofMillis(500), Duration.ofMinutes(10)), parts, RenditionUploads.UploadHook.NONE);
        return new TransferOutHandler(client, storageId, mount, catalog, uploads, parts);
    }

    /**
     * The collection map's events; register it under both {@link #REQUEST_COLLECTION_MAP} and
     * {@link #COLLECTION_DELETED}. [I] iconik documents neither event's data; this is our reading:
     * <ul>
     *   <li>{@code COLLECTION_DELETED} names the collection in {@code collection_id} (else {@code object_id} or
     *       {@code id}): the folders mapped to it, and every folder below them, are forgotten in the journal's
     *       map, so the next asset registered there goes into a new collection; nothing on disk changes;</li>
     *   <li>{@code REQUEST_COLLECTION_MAP} rebuilds the map: mapped collections iconik no longer has (404, or
     *       status {@code DELETED}) are forgotten, then every registered file under the mount point (symlinks not
     *       followed) has its asset put in its folder's collection, under the root collection
     *       "Storage Gateways" and the storage's, made where missing, as collection directory mapping does at
     *       registration. The request is explicit: it is carried out even when the storage's
     *       {@code enable_collection_directory_mapping} is off.</li>
     * </ul>
     *
     * @param client    the iconik client
     * @param storageId the gateway's storage
     * @param mount     the mount point
     * @param catalog   the gateway's file catalog; it must be {@link FileCatalog#registrationJournal}'s, whose
     *                  journal keeps the folder-to-collection map
     * @return the handler
     * @throws IllegalArgumentException if the catalog is not a registration journal's
     */
    public static CommandHandler collectionMaps(IconikClient client, String storageId, MountPoint mount,
                                                FileCatalog catalog) {
        if (!(catalog instanceof RegistrationCatalog journal)) {
            throw new IllegalArgumentException("the collection map is kept in the registration journal: pass"
                    + " FileCatalog.registrationJournal(...), not " + catalog);
        }
        return new CollectionMapHandler(Objects.requireNonNull(client, "client"),
                Objects.requireNonNull(storageId, "storageId"), Objects.requireNonNull(mount, "mount"), catalog,
                journal.journal());
    }

    /**
     * Deletions ({@link CommandQueue#DELETIONS}): only when the storage's settings allow {@code delete} (read
     * when each deletion runs), removes the file after checking that its path lies inside the mount point, that it
     * is a regular file and not a symlink, and that it is the file iconik means (its size, and MD5 when known, as
     * the catalog or iconik's file record has them); then forgets it in the catalog.
     *
     * @param client    the iconik client
     * @param storageId the gateway's storage
     * @param mount     the mount point
     * @param catalog   the gateway's file catalog
     * @return the handler
     */
    public static CommandHandler deletions(IconikClient client, String storageId, MountPoint mount,
                                           FileCatalog catalog) {
        return new DeletionHandler(client, storageId, mount, catalog);
    }

    /**
     * Keyframes requests ({@link #TRANSCODE} events): makes and uploads the renditions of the event's asset now,
     * even when local transcoding is off in the storage settings (the request is explicit). [I] The event's
     * {@code data} names {@code asset_id} and {@code file_id}; without a file id, the asset's file on this
     * storage is used.
     *
     * @param client     the iconik client
     * @param storageId  the gateway's storage
     * @param mount      the mount point
     * @param transcoder what makes and uploads the renditions
     * @return the handler
     */
    public static CommandHandler transcodeRequests(IconikClient client, String storageId, MountPoint mount,
                                                   AssetTranscoder transcoder) {
        return new TranscodeRequestHandler(client, storageId, mount, transcoder);
    }
}
