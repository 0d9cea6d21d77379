// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountPointTest {

    @TempDir
    Path tmp;

    private Path mount() throws IOException {
        return Files.createDirectories(tmp.resolve("mount"));
    }

    @Test
    void relativePaths_resolveUnderTheRoot() throws IOException {
        MountPoint m = MountPoint.of(mount());
        assertEquals(m.root().resolve("a/b.mov"), m.resolve("a/b.mov"));
        assertEquals(m.root().resolve("a/b.mov"), m.resolve("./a//b.mov"));
        assertEquals(m.root(), m.resolve(""));
        assertEquals(m.root().resolve("dir/x.mov"), m.resolve("dir", "x.mov"));
        assertEquals(m.root().resolve("x.mov"), m.resolve(null, "x.mov"));
        assertEquals("dir/x.mov", m.relativize(m.root().resolve("dir/x.mov")));
    }

    @Test
    void absolutePaths_dotDot_andBadNames_areRefused_naming_thePath() throws IOException {
        MountPoint m = MountPoint.of(mount());
        UnsafePathException abs = assertThrows(UnsafePathException.class, () -> m.resolve("/etc/passwd"));
        assertTrue(abs.getMessage().contains("'/etc/passwd'"), abs.getMessage());
        UnsafePathException up = assertThrows(UnsafePathException.class, () -> m.resolve("../outside"));
        assertTrue(up.getMessage().contains("'../outside'"), up.getMessage());
        assertThrows(UnsafePathException.class, () -> m.resolve("a/../../outside"));
        assertThrows(UnsafePathException.class, () -> m.resolve("a/..\\..\\x"));
        assertThrows(UnsafePathException.class, () -> m.resolve("a\0b"));
        assertThrows(UnsafePathException.class, () -> m.resolve("C:\\x"));
        assertThrows(UnsafePathException.class, () -> m.resolve("dir", "../x"));
        assertThrows(UnsafePathException.class, () -> m.resolve("dir", "a/b"));
        assertThrows(UnsafePathException.class, () -> m.resolve("..", "x"));
        assertThrows(UnsafePathException.class, () -> m.resolve(null));
    }

    @Test
    void lenient_acceptsAbsolutePathsInsideOnly() throws IOException {
        MountPoint m = MountPoint.of(mount());
        assertEquals(m.root().resolve("a"), m.resolveLenient(m.root().resolve("a").toString()));
        assertEquals(m.root().resolve("a"), m.resolveLenient("a"));
        assertThrows(UnsafePathException.class, () -> m.resolveLenient(tmp.resolve("other").toString()));
        assertThrows(UnsafePathException.class, () -> m.resolveLenient(m.root() + "/../other"));
    }

    @Test
    void symlinks_leadingOutside_areRefused_insideOnes_followed() throws IOException {
        Path root = mount();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "s");
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("in"), root.resolve("real"));
        Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("nothing"));
        MountPoint m = MountPoint.of(root);
        UnsafePathException e = assertThrows(UnsafePathException.class, () -> m.resolve("out/secret.txt"));
        assertTrue(e.getMessage().contains("symlink"), e.getMessage());
        assertThrows(UnsafePathException.class, () -> m.resolve("out/new/file.mov"));
        assertThrows(UnsafePathException.class, () -> m.resolve("dangling"));
        assertEquals(root.toAbsolutePath().resolve("in/new.mov"), m.resolve("in/new.mov"));
    }

    @Test
    void scanDirectories_restrictUnlessAccessOutsideIsAllowed() throws IOException {
        Path root = mount();
        MountPoint strict = MountPoint.of(root, List.of("media"), false);
        assertEquals(root.toAbsolutePath().resolve("media/a.mov"), strict.resolve("media/a.mov"));
        UnsafePathException e = assertThrows(UnsafePathException.class, () -> strict.resolve("other/a.mov"));
        assertTrue(e.getMessage().contains("allow_access_outside_scan_directories"), e.getMessage());
        MountPoint open = MountPoint.of(root, List.of("media"), true);
        assertEquals(root.toAbsolutePath().resolve("other/a.mov"), open.resolve("other/a.mov"));
    }

    @Test
    void aMissingRoot_isAnError() {
        assertThrows(io.github.iconiksdk.api.IconikException.class, () -> MountPoint.of(tmp.resolve("none")));
    }
}
