// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.FileCreate;
import io.github.iconiksdk.core.client.model.FileSet;
import io.github.iconiksdk.core.client.model.FileSetCreate;
import io.github.iconiksdk.core.client.model.FileRecordStatus;
import io.github.iconiksdk.core.client.model.FileType;
import io.github.iconiksdk.core.client.model.StorageTransfer;
import io.github.iconiksdk.core.client.model.TransferToStorage;
import io.github.iconiksdk.core.command.Command;
import io.github.iconiksdk.core.command.CommandHandler;
import io.github.iconiksdk.core.command.CommandResult;
import io.github.iconiksdk.core.command.FileCatalog;
import io.github.iconiksdk.core.command.MountPoint;
import io.github.iconiksdk.core.command.UnsafePathException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** See {@link io.github.iconiksdk.core.command.GatewayHandlers#transfersIn}. */
public final class TransferInHandler implements CommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TransferInHandler.class);

    private final IconikClient client;
    private final String storageId;
    private final MountPoint mount;
    private final FileCatalog catalog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * @param client    the iconik client
     * @param storageId the gateway's storage
     * @param mount     the mount point
     * @param catalog   the gateway's file catalog
     */
    public TransferInHandler(IconikClient client, String storageId, MountPoint mount, FileCatalog catalog) {
        this.client = client;
        this.storageId = storageId;
        this.mount = mount;
        this.catalog = catalog;
    }

    @Override
    public CommandResult handle(Command command) throws Exception {
        TransferToStorage to = command.item(TransferToStorage.class);
        StorageTransfer t = to.transfer();
        AssetFile source = source(to);
        String name = t.destinationFilename() != null && !t.destinationFilename().isEmpty()
                ? t.destinationFilename() : source == null ? null : source.originalName();
        String dirText = t.destinationDirectoryPath() == null ? "" : t.destinationDirectoryPath();
        Path dir;
        Path target;
        try {
            dir = mount.resolve(dirText);
            target = mount.resolve(dirText, name);
        } catch (UnsafePathException e) {
            return CommandResult.failed("transfer " + t.id() + " refused: " + e.getMessage());
        }
        String rel = mount.relativize(target);
        Long size = source == null ? null : source.size();
        String md5 = source == null ? null : md5(source.checksum());
        boolean overwrite = Boolean.TRUE.equals(t.overwrite());
        if (Files.isSymbolicLink(target)) {
            return CommandResult.failed("transfer " + t.id() + " refused: destination " + rel + " is a symlink");
        }
        boolean present = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (present && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return CommandResult.failed("transfer " + t.id() + " refused: destination " + rel
                    + " exists and is not a regular file");
        }
        boolean same = present && size != null && Files.size(target) == size
                && (md5 == null || md5.equals(Md5s.of(target)));
        if (present && !same && !overwrite) {
            return CommandResult.failed("transfer " + t.id() + ": destination " + rel + " exists with other content"
                    + " and the transfer does not allow overwrite");
        }
        FileCatalog.Entry entry;
        long bytes;
        if (same) {
            bytes = Files.size(target);
            entry = record(t, target, rel, bytes, md5);
            catalog.recorded(rel, entry);
        } else {
            // recorded (in iconik and in the catalog) before it takes its name, so that no scan can meet it unknown
            Path part = download(t, command.resumed(), dir, target, name, size, md5);
            bytes = Files.size(part);
            entry = record(t, part, rel, bytes, md5 != null ? md5 : Md5s.of(part));
            catalog.recorded(rel, entry);
            place(part, target, overwrite);
        }
        return CommandResult.done((same ? "already had " : "copied ") + bytes + " bytes to " + rel
                + " (file " + entry.fileId() + " of asset " + t.assetId() + ")");
    }

    /** iconik's record of the source file: the closed file of the transfer's file set, or null when unknown. */
    private AssetFile source(TransferToStorage t) {
        if (t.transfer().assetId() == null || t.fileSetId() == null) {
            return null;
        }
        AssetFile any = null;
        for (AssetFile f : client.listFiles(t.transfer().assetId())) {
            if (t.fileSetId().equals(f.fileSetId())) {
                if (FileRecordStatus.CLOSED.equals(f.status())) {
                    return f;
                }
                any = any == null ? f : any;
            }
        }
        return any;
    }

    private static String md5(String checksum) {
        return checksum != null && checksum.matches("[0-9a-fA-F]{32}") ? checksum.toLowerCase(Locale.ROOT) : null;
    }

    /**
     * Downloads into a temporary name beside the target. [I] It ends in {@code .iconikagent}, which iconik's default
     * scan ignore patterns leave out, so that a scan never registers a half-written download.
     */
    private Path download(StorageTransfer t, boolean resumed, Path dir, Path target, String name, Long size,
                          String md5) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        // the folders just made must not have let a symlink lead outside
        mount.resolve(mount.relativize(target));
        Path part = dir.resolve("." + name + "." + t.id() + ".iconikagent");
        String url = t.originalUrl() != null && !t.originalUrl().isEmpty() && !resumed ? t.originalUrl()
                : client.transferUrl(t.id());
        HttpResponse<InputStream> resp = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = md5();
        long written = 0;
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IOException("downloading the source of transfer " + t.id() + " answered HTTP "
                        + resp.statusCode());
            }
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    digest.update(buf, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    written += n;
                }
                out.force(true);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        String got = HexFormat.of().formatHex(digest.digest());
        if ((size != null && written != size) || (md5 != null && !md5.equals(got))) {
            Files.deleteIfExists(part);
            throw new IOException("the download of transfer " + t.id() + " does not match iconik's record of the"
                    + " source: " + written + " bytes, MD5 " + got + "; expected " + size + " bytes"
                    + (md5 == null ? "" : ", MD5 " + md5));
        }
        LOG.debug("Transfer {}: {} bytes downloaded to {}", t.id(), written, part);
        return part;
    }

    private static void place(Path part, Path target, boolean overwrite) throws IOException {
        if (overwrite) {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(part);
            throw new IOException("destination " + target + " appeared during the download and the transfer does"
                    + " not allow overwrite");
        } else {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        }
        syncDirectory(target.getParent());
        LOG.info("Transfer: {} bytes now at {}", Files.size(target), target);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync folder {}: {}", dir, e.toString());
        }
    }

    /** The file set and file of the same asset on this storage, found again after a crash or created. */
    private FileCatalog.Entry record(StorageTransfer t, Path content, String rel, long bytes, String md5)
            throws IOException {
        int slash = rel.lastIndexOf('/');
        String dir = slash < 0 ? "" : rel.substring(0, slash);
        String name = slash < 0 ? rel : rel.substring(slash + 1);
        Instant modified = Files.getLastModifiedTime(content).toInstant();
        AssetFile existing = null;
        for (AssetFile f : client.listFiles(t.assetId())) {
            if (storageId.equals(f.storageId()) && name.equals(f.originalName())
                    && dir.equals(f.directoryPath() == null ? "" : f.directoryPath())) {
                existing = f;
                break;
            }
        }
        if (existing != null) {
            return new FileCatalog.Entry(t.assetId(), existing.formatId() != null ? existing.formatId()
                    : t.formatId(), existing.fileSetId(), existing.id(), bytes, md5, modified.toEpochMilli());
        }
        String setName = t.destinationFileSetName() != null && !t.destinationFileSetName().isEmpty()
                ? t.destinationFileSetName() : name;
        Optional<FileSet> set = Optional.empty();
        for (FileSet fs : client.listFileSets(t.assetId())) {
            if (storageId.equals(fs.storageId()) && t.formatId() != null && t.formatId().equals(fs.formatId())
                    && dir.equals(fs.baseDir() == null ? "" : fs.baseDir()) && !"DELETED".equals(fs.status())) {
                set = Optional.of(fs);
                break;
            }
        }
        FileSet fileSet = set.orElseGet(() -> client.createFileSet(t.assetId(), new FileSetCreate(setName,
                t.formatId(), dir, t.componentIds() == null ? List.of() : t.componentIds(), storageId, null, null,
                null)));
        AssetFile file = client.createFile(t.assetId(), new FileCreate(name, dir, FileType.FILE, null, bytes, md5,
                FileRecordStatus.CLOSED, storageId, fileSet.id(), t.formatId(), null, modified, modified));
        return new FileCatalog.Entry(t.assetId(), t.formatId(), fileSet.id(), file.id(), bytes, md5,
                modified.toEpochMilli());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }
}
