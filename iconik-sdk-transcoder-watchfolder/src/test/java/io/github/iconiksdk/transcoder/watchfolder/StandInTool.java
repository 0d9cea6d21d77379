// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Starts the stand-in watch-folder tool ({@code stand-in-tool.sh}) and stops it with its ffmpeg children. */
final class StandInTool implements AutoCloseable {

    private final Process process;

    private StandInTool(Process process) {
        this.process = process;
    }

    static Path script(Path dir) throws IOException {
        Path script = dir.resolve("stand-in-tool.sh");
        if (!Files.exists(script)) {
            try (InputStream in = Objects.requireNonNull(StandInTool.class.getResourceAsStream("/stand-in-tool.sh"))) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return script;
    }

    /** Starts the tool watching {@code in}; it runs until closed. */
    static StandInTool start(Path dir, Path in, Path out, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", script(dir).toString(), in.toString(), out.toString()));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stand-in-tool-" + System.nanoTime() + ".log").toFile()).start();
        return new StandInTool(p);
    }

    /** Runs one pass of the tool over {@code in} and waits for it. */
    static void runOnce(Path dir, Path in, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", script(dir).toString(), in.toString(), out.toString(), "media",
                "nomarker", "once").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the stand-in tool's single pass did not finish");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
