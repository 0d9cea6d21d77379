// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that a reader sees either the old content or the whole new content, never a part: a temporary
 * file in the same folder (hidden, so scanners that ignore dot files skip it), flushed to disk, then renamed over
 * the target.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes bytes to a file atomically.
     *
     * @param target the file to create or replace
     * @param bytes  its new content
     * @throws IOException if the folder is not writable, the disk is full, or the file system cannot rename
     *                     atomically; the target is then untouched and the temporary file removed
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        String prefix = "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".";
        Path tmp = Files.createTempFile(dir, prefix, ".tmp");
        boolean moved = false;
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) {
                // createTempFile makes the file owner-only; a sidecar is read by the gateway, maybe another user.
                posix.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
