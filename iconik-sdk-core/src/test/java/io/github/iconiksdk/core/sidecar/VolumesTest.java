// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolumesTest {

    @Test
    void mountPoint_isTheHighestFolderOnTheSameFileStore(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("clip.MOV"));

        Path mount = Volumes.mountPointOf(file);

        assertTrue(file.toRealPath().startsWith(mount));
        assertEquals(Files.getFileStore(file), Files.getFileStore(mount));
        if (mount.getParent() != null) {
            assertNotEquals(Files.getFileStore(file), Files.getFileStore(mount.getParent()));
        }
        assertEquals(mount.getFileName() == null ? null : mount.getFileName().toString(),
                Volumes.volumeNameOf(file).orElse(null));
    }

    @Test
    void mountPoint_isListedAsAMountByTheSystem_onLinux() throws IOException {
        Path mounts = Path.of("/proc/self/mounts");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(mounts), "not Linux");
        List<String> mountPoints = Files.readAllLines(mounts).stream()
                .map(line -> line.split(" ")[1].replace("\\040", " ")).toList();
        Path tmp = Files.createTempFile("volume", ".tmp");
        try {
            assertTrue(mountPoints.contains(Volumes.mountPointOf(tmp).toString()), Volumes.mountPointOf(tmp)
                    + " not in " + mountPoints);
        } finally {
            Files.delete(tmp);
        }
    }

    @Test
    void missingFile_isAnError(@TempDir Path dir) {
        assertThrows(java.io.UncheckedIOException.class, () -> Volumes.mountPointOf(dir.resolve("gone")));
    }
}
