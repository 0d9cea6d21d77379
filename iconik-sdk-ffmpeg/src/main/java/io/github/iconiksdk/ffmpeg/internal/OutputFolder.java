// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import io.github.iconiksdk.api.transcode.Rendition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A hidden working folder inside the output folder: ffmpeg writes there, and only a successful run's files are
 * moved to their final names (renames within one file system). On failure the working folder is deleted, so the
 * output folder is left as it was.
 */
public final class OutputFolder implements AutoCloseable {

    private static final String PREFIX = ".transcode-";

    private final Path outputDir;
    private final Path workDir;

    private OutputFolder(Path outputDir, Path workDir) {
        this.outputDir = outputDir;
        this.workDir = workDir;
    }

    /**
     * Creates the output folder if needed and a fresh working folder in it.
     *
     * @param outputDir the output folder
     * @return the folder pair
     * @throws UncheckedIOException if a folder cannot be created
     */
    public static OutputFolder create(Path outputDir) {
        try {
            Files.createDirectories(outputDir);
            return new OutputFolder(outputDir, Files.createTempDirectory(outputDir, PREFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + outputDir + ": " + e.getMessage(), e);
        }
    }

    /** @return where ffmpeg writes */
    public Path workDir() {
        return workDir;
    }

    /**
     * Moves each made file to the same relative name in the output folder, replacing what was there. For a
     * folder of keyframes, older numbered frames beyond the new ones are removed first, so the folder holds only
     * this run's frames.
     *
     * @param made the renditions made in the working folder
     * @return the same renditions at their final paths
     * @throws UncheckedIOException if a file cannot be moved
     */
    public List<Rendition> publish(List<Rendition> made) {
        List<Rendition> published = new ArrayList<>();
        try {
            Path keyframes = outputDir.resolve(RenditionPlanner.KEYFRAMES_DIR);
            if (made.stream().anyMatch(r -> r.file().startsWith(workDir.resolve(RenditionPlanner.KEYFRAMES_DIR)))
                    && Files.isDirectory(keyframes)) {
                try (DirectoryStream<Path> old = Files.newDirectoryStream(keyframes, "[0-9][0-9][0-9][0-9].jpg")) {
                    for (Path p : old) {
                        Files.delete(p);
                    }
                }
            }
            for (Rendition r : made) {
                Path target = outputDir.resolve(workDir.relativize(r.file()));
                Files.createDirectories(target.getParent());
                move(r.file(), target);
                published.add(new Rendition(r.kind(), target, r.mimeType(), r.width(), r.height(), r.position()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move renditions into " + outputDir + ": " + e.getMessage(), e);
        }
        return published;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the working folder and whatever is left in it. */
    @Override
    public void close() {
        if (!Files.exists(workDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(workDir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the working folder " + workDir + ": " + e.getMessage(), e);
        }
    }
}
