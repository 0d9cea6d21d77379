// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.upload.AssetGroup;
import io.github.iconiksdk.api.upload.AssetUploader;
import io.github.iconiksdk.core.ingest.StorageSettings;
import io.github.iconiksdk.core.media.DirectoryAssets;
import io.github.iconiksdk.core.media.DirectoryAssets.DirectoryAsset;
import io.github.iconiksdk.core.scan.internal.Md5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Directory assets in an ingest pass, when the storage has {@code enable_directory_assets}: a NEW or MODIFIED file
 * that may belong to a camera card's clip or a numbered image sequence is held here until the scanner's next flush;
 * then the held files are sorted, with the files around them on disk, into clips and sequences
 * ({@link DirectoryAssets}). Each clip or sequence touched becomes one {@link AssetGroup} holding every one of its
 * files; a card file of no clip ({@code LASTCLIP.TXT}) is not registered; anything else goes back to single-file
 * registration.
 *
 * <p>A group with a file still being written (changed within the growing-files threshold) is growing: it is not
 * registered now, and is counted as growing. The scanner delivers that file once it settles, and the group is
 * registered whole then, with the files delivered before (recorded as delivered) read from disk. Nothing is lost
 * across a crash: held files are registered before the scanner records them delivered, and a growing file has not
 * been delivered yet. Only the scanner's thread calls this class.
 */
final class DirectoryAssetStage {

    private final Path root;
    private final StorageSettings settings;
    private final AssetUploader uploader;
    private final Events events;
    private final PassCounts counts;
    private final DirectoryAssetsOnDisk disk;
    private final Map<String, ScanEvent.Change> held = new LinkedHashMap<>();

    /**
     * @param root     the storage root
     * @param settings the storage's settings (patterns, growing threshold)
     * @param uploader the uploader (to tell registered files from new ones)
     * @param events   where reports go
     * @param counts   the pass's counts
     */
    DirectoryAssetStage(Path root, StorageSettings settings, AssetUploader uploader, Events events,
                        PassCounts counts) {
        this.root = root;
        this.settings = settings;
        this.uploader = uploader;
        this.events = events;
        this.counts = counts;
        this.disk = new DirectoryAssetsOnDisk(root, settings.patterns(), DirectoryAssets.defaults());
    }

    /**
     * @param settings the storage's settings
     * @return whether the storage makes directory assets ({@code enable_directory_assets}, unset: false)
     */
    static boolean enabled(StorageSettings settings) {
        return Boolean.TRUE.equals(settings.fileSettings().enableDirectoryAssets());
    }

    /**
     * Holds a change that may belong to a directory asset.
     *
     * @param change a change from the scanner
     * @return true if held (the caller registers nothing for it now)
     */
    boolean offer(ScanEvent.Change change) {
        if (change.type() != ChangeType.NEW && change.type() != ChangeType.MODIFIED
                || !DirectoryAssetsOnDisk.candidate(change.path())) {
            return false;
        }
        held.put(change.path(), change);
        return true;
    }

    /**
     * Sorts the held changes: groups to {@code groups}, single files back to {@code singles}.
     *
     * @param singles takes a held change that belongs to no directory asset
     * @param groups  takes each directory asset touched and not growing
     * @throws UncheckedIOException if a folder cannot be listed (the held changes are kept for the next flush)
     */
    void flush(Consumer<ScanEvent.Change> singles, Consumer<AssetGroup> groups) {
        if (held.isEmpty()) {
            return;
        }
        DirectoryAssets.Result found = disk.around(held.keySet());
        Map<String, ScanEvent.Change> taken = new LinkedHashMap<>(held);
        held.clear();
        Set<DirectoryAsset> touched = new LinkedHashSet<>();
        Set<String> cardFiles = Set.copyOf(found.cardFiles());
        for (ScanEvent.Change c : taken.values()) {
            Optional<DirectoryAsset> asset = found.assetOf(c.path());
            if (asset.isPresent()) {
                touched.add(asset.get());
            } else if (!cardFiles.contains(c.path())) {
                singles.accept(c);
            }
        }
        for (DirectoryAsset a : touched) {
            group(a, taken).ifPresent(groups);
        }
    }

    /**
     * Rebuilds a group from disk for a journalled group path (an unfinished registration, or renditions wanted).
     *
     * @param groupPath the group's journal path
     * @return the group, or empty when its files are gone or one is still being written
     */
    Optional<AssetGroup> fromDisk(String groupPath) {
        return disk.find(AssetGroup.keyOf(groupPath)).flatMap(a -> group(a, Map.of()));
    }

    /**
     * The file a group's metadata is read from: a clip's video essence, a sequence's first frame
     * ({@link DirectoryAsset#essence()}), else its first file.
     *
     * @param group a directory asset
     * @return the file's path, relative to the storage root
     */
    static Optional<String> leadFile(AssetGroup group) {
        List<String> paths = group.files().stream().map(ScanEvent.Change::path).toList();
        Optional<String> essence = DirectoryAssets.defaults().detect(paths).assets().stream()
                .filter(a -> a.key().equals(group.key())).findFirst().flatMap(DirectoryAsset::essence);
        return essence.isPresent() ? essence : paths.stream().findFirst();
    }

    /** Every file of the asset as a change: the scanner's where held, else read from disk. */
    private Optional<AssetGroup> group(DirectoryAsset asset, Map<String, ScanEvent.Change> taken) {
        long now = System.currentTimeMillis();
        long threshold = settings.growingThreshold().toMillis();
        List<ScanEvent.Change> files = new ArrayList<>();
        byte[] buffer = null;
        for (String p : asset.files()) {
            ScanEvent.Change c = taken.get(p);
            if (c == null) {
                Path file = root.resolve(p);
                try {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    long mtime = a.lastModifiedTime().toMillis();
                    if (now - mtime < threshold) {
                        counts.growing();
                        events.notice("directory asset " + asset.title() + " in " + folder(asset) + " is still"
                                + " being written (" + p + " is growing): it is registered once every file settles");
                        return Optional.empty();
                    }
                    // A file registered already needs no checksum here (size and time tell a change); a new one
                    // gets its MD5 as the scanner would give it.
                    String md5 = null;
                    if (uploader.registration(p).isEmpty()) {
                        buffer = buffer == null ? new byte[Md5.BUFFER_SIZE] : buffer;
                        md5 = Md5.of(file, buffer).hex();
                    }
                    c = ScanEvent.Change.of(ChangeType.NEW, p, a.size(), a.lastModifiedTime().toInstant(), md5);
                } catch (IOException e) {
                    counts.unreadable();
                    events.problem(p, "unreadable: " + p + ": " + e.getMessage() + " (directory asset "
                            + asset.title() + " waits for it)");
                    return Optional.empty();
                }
            }
            files.add(c);
        }
        if (!asset.gaps().isEmpty()) {
            events.notice("image sequence " + asset.title() + " in " + folder(asset) + " misses "
                    + asset.gaps().size() + " frame(s): " + gapList(asset.gaps()));
        }
        return Optional.of(new AssetGroup(asset.key(), asset.title(), asset.baseDir(), files));
    }

    private static String folder(DirectoryAsset a) {
        return a.baseDir().isEmpty() ? "the storage root" : a.baseDir();
    }

    private static String gapList(List<Long> gaps) {
        List<String> shown = gaps.stream().limit(10).map(String::valueOf).toList();
        return String.join(", ", shown) + (gaps.size() > 10 ? " …" : "");
    }
}
