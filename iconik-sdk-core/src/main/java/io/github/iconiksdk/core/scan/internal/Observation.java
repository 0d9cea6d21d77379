// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan.internal;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/** Reads the parts of {@code stat} that the scanner compares. */
final class Observation {

    private Observation() {
    }

    /** @return the modification time in nanoseconds since the epoch (as precise as the file system keeps it) */
    static long nanos(BasicFileAttributes a) {
        return a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    /** @return the file key as text (device and inode on Unix), or {@code null} where there is none */
    static String key(BasicFileAttributes a) {
        Object key = a.fileKey();
        return key == null ? null : key.toString();
    }
}
