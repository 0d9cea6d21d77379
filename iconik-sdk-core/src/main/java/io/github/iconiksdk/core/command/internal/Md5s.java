// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.core.scan.internal.Md5;

import java.io.IOException;
import java.nio.file.Path;

/** The MD5 of a file, as the scanner computes it. */
final class Md5s {

    private Md5s() {
    }

    /** @return the file's MD5, lower-case hex */
    static String of(Path file) throws IOException {
        return Md5.of(file, new byte[Md5.BUFFER_SIZE]).hex();
    }
}
