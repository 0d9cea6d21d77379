// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the volume a file is on, the way an offload tool names a destination: the last element of the mount point
 * of the file system holding it ({@code /Volumes/RAID/Shoot/clip.MOV} is on volume {@code RAID}).
 *
 * <p>Java has no portable call for the mount point, so it is found by walking up from the file's real path while the
 * {@link FileStore} stays the same: the highest folder still on the file's store is its mount point. This works on
 * Linux, macOS and Windows (where it stops at the drive root) without reading {@code /proc/mounts}; a bind mount of a
 * folder of the same device may be reported at the bind target or above it, depending on how the JDK compares
 * stores.
 */
public final class Volumes {

    private Volumes() {
    }

    /**
     * The mount point of the file system holding a file.
     *
     * @param file a file or folder that exists (its real path is used, so symbolic links are followed)
     * @return the mount point
     * @throws UncheckedIOException if the file does not exist or its file store cannot be read
     */
    public static Path mountPointOf(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Path real = file.toRealPath();
            FileStore store = Files.getFileStore(real);
            Path mount = real;
            for (Path up = real.getParent(); up != null; up = up.getParent()) {
                if (!store.equals(Files.getFileStore(up))) {
                    break;
                }
                mount = up;
            }
            return mount;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the mount point of " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The volume name of the file system holding a file: the last element of its mount point.
     *
     * @param file a file or folder that exists
     * @return the name, or empty when the mount point is a root ({@code /}, {@code C:\}), which has no name
     * @throws UncheckedIOException if the file does not exist or its file store cannot be read
     */
    public static Optional<String> volumeNameOf(Path file) {
        Path last = mountPointOf(file).getFileName();
        return last == null ? Optional.empty() : Optional.of(last.toString());
    }
}
