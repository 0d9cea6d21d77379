// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Tests that mean something only with a real external program (FFmpeg, LibRaw, Chromium, PostgreSQL) call this
 * first. Where the program is missing the test is skipped, saying which program and how to install it, unless
 * {@value #STRICT_VARIABLE}{@code =1} (CI's {@code .ci/run} sets it): then it fails, so that CI never passes by
 * skipping. Shared with every module's tests through this module's test-jar.
 */
public final class RequiredTools {

    /** The environment variable that turns a skip for a missing program into a failure. */
    public static final String STRICT_VARIABLE = "ICONIK_SDK_REQUIRE_TOOLS";

    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private RequiredTools() {
    }

    /** Needs {@code ffmpeg} and {@code ffprobe} on {@code PATH}, as the SDK's transcoder finds them. */
    public static void ffmpeg() {
        onPath("install Debian's ffmpeg package (.ci/run does)", "ffmpeg", "ffprobe");
    }

    /** Needs LibRaw's programs on {@code PATH}, as the camera RAW plugin finds them. */
    public static void libraw() {
        onPath("install Debian's libraw-bin package (.ci/run does)", "raw-identify", "dcraw_emu", "simple_dcraw");
    }

    /**
     * Needs every one of {@code tools} on {@code PATH}.
     *
     * @param howToInstall what to do about it, for the message
     * @param tools        the programs' file names
     */
    public static void onPath(String howToInstall, String... tools) {
        List<String> missing = Stream.of(tools).filter(t -> !onPath(t)).toList();
        require(missing.isEmpty(), () -> "needs " + String.join(" and ", tools) + " on PATH (missing: "
                + String.join(", ", missing) + "): " + howToInstall);
    }

    /**
     * Needs something the caller checked itself (a browser at a fixed path, a database server).
     *
     * @param available whether it is there
     * @param need      what the test needs and how to get it, e.g. {@code "needs PostgreSQL: …"}
     */
    public static void require(boolean available, String need) {
        require(available, () -> need);
    }

    /**
     * Whether a program of that name is an executable file in a folder of {@code PATH}.
     *
     * @param tool the program's file name
     * @return true if it is
     */
    public static boolean onPath(String tool) {
        return locate(tool).isPresent();
    }

    /**
     * Where a program is on {@code PATH}.
     *
     * @param tool the program's file name
     * @return the executable file in the first folder of {@code PATH} that holds one, if any
     */
    public static Optional<Path> locate(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Whether {@value #STRICT_VARIABLE} asks for failures instead of skips.
     *
     * @return true if it is {@code 1} or {@code true}
     */
    public static boolean strict() {
        String value = System.getenv(STRICT_VARIABLE);
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }

    private static void require(boolean available, java.util.function.Supplier<String> need) {
        if (available) {
            return;
        }
        if (strict()) {
            Assertions.fail(need.get() + "; " + STRICT_VARIABLE + "=1 makes this a failure instead of a skip");
        }
        String line = "SKIPPED: " + need.get();
        if (SAID.add(line)) {
            // once per JVM: Surefire's console names skipped tests but not why
            System.err.println(line);
        }
        Assumptions.abort(line);
    }
}
