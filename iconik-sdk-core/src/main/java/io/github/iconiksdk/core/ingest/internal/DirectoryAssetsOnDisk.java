// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest.internal;

import io.github.iconiksdk.core.media.DirectoryAssets;
import io.github.iconiksdk.core.media.DirectoryAssets.DirectoryAsset;
import io.github.iconiksdk.core.pattern.PatternSet;
import io.github.iconiksdk.core.pattern.ScanVerdict;
import io.github.iconiksdk.core.sidecar.Sidecars;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@link DirectoryAssets} over what is on disk around some files: a file in a card structure brings in its card (the
 * card root's own files and its {@code CONTENTS}, {@code BPAV}, {@code XDROOT}, {@code PRIVATE} folders, or the
 * whole {@code .RDM} folder), a numbered still its folder. Files the storage's scan patterns leave out are left out
 * here too. Never lists more than those folders (a card at the storage root does not list the storage).
 */
final class DirectoryAssetsOnDisk {

    private final Path root;
    private final PatternSet patterns;
    private final DirectoryAssets detector;

    /**
     * @param root     the storage root
     * @param patterns the storage's scan patterns
     * @param detector the detector
     */
    DirectoryAssetsOnDisk(Path root, PatternSet patterns, DirectoryAssets detector) {
        this.root = root;
        this.patterns = patterns;
        this.detector = detector;
    }

    /**
     * @param path a file relative to the storage root
     * @return whether it may belong to a directory asset (it lies in a card structure or is a numbered still)
     */
    static boolean candidate(String path) {
        return DirectoryAssets.cardRootOf(path).isPresent() || DirectoryAssets.isNumberedStill(path);
    }

    /**
     * Detects directory assets among the files around the given ones.
     *
     * @param paths files relative to the storage root
     * @return what the folders around them hold (the given files are included even if gone meanwhile)
     * @throws UncheckedIOException if a folder cannot be listed, naming it
     */
    DirectoryAssets.Result around(Collection<String> paths) {
        Set<String> cards = new TreeSet<>();
        Set<String> folders = new TreeSet<>();
        for (String p : paths) {
            Optional<String> card = DirectoryAssets.cardRootOf(p);
            if (card.isPresent()) {
                cards.add(card.get());
            } else {
                int slash = p.lastIndexOf('/');
                folders.add(slash < 0 ? "" : p.substring(0, slash));
            }
        }
        Set<String> listed = new TreeSet<>(paths);
        cards.forEach(c -> listCard(c, listed));
        folders.forEach(f -> list(f, false, listed));
        return detector.detect(listed);
    }

    /**
     * Finds a directory asset by its key ({@link DirectoryAsset#key()}) as it is on disk now.
     *
     * @param key the key
     * @return the asset, or empty when its files are gone
     * @throws UncheckedIOException if a folder cannot be listed, naming it
     */
    Optional<DirectoryAsset> find(String key) {
        Set<String> listed = new TreeSet<>();
        int slash = key.lastIndexOf('/');
        String dir = slash < 0 ? "" : key.substring(0, slash);
        if (key.endsWith("]") && key.substring(slash + 1).startsWith("[")) {
            listCard(dir, listed);
        } else {
            list(dir, false, listed);
        }
        return detector.detect(listed).assets().stream().filter(a -> a.key().equals(key)).findFirst();
    }

    private void listCard(String card, Set<String> into) {
        if (card.toUpperCase(Locale.ROOT).endsWith(".RDM")) {
            list(card, true, into);
            return;
        }
        list(card, false, into);
        Path dir = root.resolve(card);
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                if (Files.isDirectory(child)
                        && DirectoryAssets.isCardFolder(child.getFileName().toString())) {
                    list(relative(child), true, into);
                }
            }
        } catch (NoSuchFileException gone) {
            // the card was removed meanwhile: nothing of it to list
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the camera card " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds the files of a folder (and its subfolders when recursive) the scan patterns keep, leaving out the sidecars
     * of their neighbours ({@code CONTENTS/VIDEO/0001AB.MXF.json}): a sidecar is read for its media, never a file
     * of a directory asset.
     */
    private void list(String folder, boolean recursive, Set<String> into) {
        Path dir = root.resolve(folder);
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            Map<String, List<String>> byFolder = new TreeMap<>();
            files.filter(Files::isRegularFile).map(this::relative)
                    .filter(rel -> patterns.scanVerdictWithParents(rel, false) == ScanVerdict.KEPT)
                    .forEach(rel -> byFolder.computeIfAbsent(rel.substring(0, rel.lastIndexOf('/') + 1),
                            k -> new ArrayList<>()).add(rel.substring(rel.lastIndexOf('/') + 1)));
            byFolder.forEach((parent, names) -> {
                Set<String> sidecars = Sidecars.sidecarsOfNeighbours(names);
                names.stream().filter(n -> !sidecars.contains(n)).forEach(n -> into.add(parent + n));
            });
        } catch (NoSuchFileException gone) {
            // removed meanwhile
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot list " + dir + " to find directory assets: " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    private String relative(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
