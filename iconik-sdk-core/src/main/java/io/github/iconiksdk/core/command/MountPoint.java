// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import io.github.iconiksdk.api.IconikException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's mount point, and the only way a command turns a path from iconik into a local one. A path is
 * refused ({@link UnsafePathException}, naming it) when it is absolute (except where {@link #resolveLenient} allows
 * an absolute path inside the mount point), has a {@code ..} segment or a NUL, reaches outside the mount point
 * through a symlink, or — when the storage has scan directories and does not allow access outside them
 * ({@code allow_access_outside_scan_directories}) — lies outside every scan directory.
 */
public final class MountPoint {

    private final Path root;
    private final Path realRoot;
    private final List<Path> allowed;

    private MountPoint(Path root, Path realRoot, List<Path> allowed) {
        this.root = root;
        this.realRoot = realRoot;
        this.allowed = allowed;
    }

    /**
     * A mount point with no restriction beyond itself.
     *
     * @param root the mount point folder
     * @return the mount point
     * @throws IconikException if it is not an existing folder
     */
    public static MountPoint of(Path root) {
        return of(root, List.of(), true);
    }

    /**
     * A mount point, restricted to its scan directories unless access outside them is allowed.
     *
     * @param root               the mount point folder
     * @param scanDirectories    the storage's {@code scan_directories}, relative to the mount point (absolute ones
     *                           inside it accepted); empty for the whole mount point
     * @param allowOutsideScanDirectories the storage's {@code allow_access_outside_scan_directories}
     * @return the mount point
     * @throws IconikException if the root is not an existing folder, or a scan directory is unsafe
     */
    public static MountPoint of(Path root, List<String> scanDirectories, boolean allowOutsideScanDirectories) {
        Objects.requireNonNull(root, "root");
        Path abs = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new IconikException("mount point " + abs + " is not a folder");
        }
        Path real;
        try {
            real = abs.toRealPath();
        } catch (IOException e) {
            throw new IconikException("cannot read mount point " + abs + ": " + e.getMessage(), e);
        }
        MountPoint open = new MountPoint(abs, real, List.of());
        if (allowOutsideScanDirectories || scanDirectories == null || scanDirectories.isEmpty()) {
            return open;
        }
        List<Path> dirs = new ArrayList<>();
        for (String d : scanDirectories) {
            dirs.add(open.resolveLenient(d));
        }
        return new MountPoint(abs, real, List.copyOf(dirs));
    }

    /** @return the mount point folder, absolute */
    public Path root() {
        return root;
    }

    /**
     * Resolves a path iconik gave relative to the mount point ({@code destination_directory_path}, a deletion's
     * {@code directory_path} joined with its {@code filename}, …).
     *
     * @param relative the path, {@code /}-separated; empty for the mount point itself
     * @return the local path, absolute
     * @throws UnsafePathException if it is absolute or would reach outside
     */
    public Path resolve(String relative) {
        if (relative == null) {
            throw new UnsafePathException("no path given (null)");
        }
        if (relative.startsWith("/") || relative.startsWith("\\") || relative.matches("^[A-Za-z]:.*")) {
            throw new UnsafePathException("absolute path " + quote(relative) + " refused: iconik's paths are"
                    + " relative to the mount point " + root);
        }
        return check(relative, join(relative));
    }

    /**
     * Resolves a path relative to the mount point, or absolute inside it (a manual scan's {@code paths} and
     * {@code files}).
     *
     * @param path the path
     * @return the local path, absolute
     * @throws UnsafePathException if it would reach outside
     */
    public Path resolveLenient(String path) {
        if (path == null) {
            throw new UnsafePathException("no path given (null)");
        }
        if (path.startsWith("/")) {
            Path p = Path.of(path);
            if (path.contains("\0") || hasDotDot(path) || !p.normalize().startsWith(root)) {
                throw new UnsafePathException("path " + quote(path) + " is outside the mount point " + root);
            }
            return check(path, p.normalize());
        }
        return resolve(path);
    }

    /**
     * Resolves a directory and a file name (a deletion's {@code directory_path} and {@code filename}).
     *
     * @param directory the directory relative to the mount point, empty or null for the mount point itself
     * @param filename  the file name: one segment
     * @return the local path, absolute
     * @throws UnsafePathException if either part is unsafe, or the name is not a single segment
     */
    public Path resolve(String directory, String filename) {
        if (filename == null || filename.isEmpty() || filename.contains("/") || filename.equals("..")
                || filename.equals(".")) {
            throw new UnsafePathException("file name " + quote(String.valueOf(filename))
                    + " refused: it must be one plain name");
        }
        String dir = directory == null ? "" : directory;
        return resolve(dir.isEmpty() ? filename : dir + (dir.endsWith("/") ? "" : "/") + filename);
    }

    /**
     * @param local a path under the mount point
     * @return it relative to the mount point, {@code /}-separated
     * @throws UnsafePathException if it is not under the mount point
     */
    public String relativize(Path local) {
        Path p = local.toAbsolutePath().normalize();
        if (!p.startsWith(root)) {
            throw new UnsafePathException(quote(p.toString()) + " is outside the mount point " + root);
        }
        return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    private static boolean hasDotDot(String path) {
        for (String seg : path.split("[/\\\\]")) {
            if (seg.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private Path join(String relative) {
        if (relative.contains("\0")) {
            throw new UnsafePathException("path " + quote(relative) + " refused: it holds a NUL character");
        }
        if (hasDotDot(relative)) {
            throw new UnsafePathException("path " + quote(relative) + " refused: '..' would leave the mount point "
                    + root);
        }
        Path p = root;
        for (String seg : relative.split("/")) {
            if (!seg.isEmpty() && !seg.equals(".")) {
                p = p.resolve(seg);
            }
        }
        return p;
    }

    /** Follows symlinks of the deepest part that exists: it must stay inside the (real) mount point. */
    private Path check(String given, Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.startsWith(root)) {
            throw new UnsafePathException("path " + quote(given) + " is outside the mount point " + root);
        }
        try {
            Path real = existing.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new UnsafePathException("path " + quote(given) + " refused: " + existing
                        + " leads outside the mount point " + root + " (to " + real + ") through a symlink");
            }
        } catch (IOException e) {
            // a dangling symlink: its target cannot be checked
            throw new UnsafePathException("path " + quote(given) + " refused: " + existing
                    + " cannot be followed (" + e.getMessage() + ")");
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(p::startsWith)) {
            throw new UnsafePathException("path " + quote(given) + " is outside the scan directories " + allowed
                    + " and the storage does not allow access outside them"
                    + " (allow_access_outside_scan_directories)");
        }
        return p;
    }

    private static String quote(String s) {
        return "'" + s.replace("\0", "\\0") + "'";
    }

    @Override
    public String toString() {
        return "MountPoint[" + root + (allowed.isEmpty() ? "" : ", scan directories " + allowed) + "]";
    }
}
