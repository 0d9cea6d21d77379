// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.scan;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A scan run in a child JVM so that a test can kill it with SIGKILL: prints each event's path, slowly. */
public final class ScanChild {

    private ScanChild() {
    }

    /**
     * Runs one pass.
     *
     * @param args root, state file, milliseconds to sleep per event
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        long delay = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (FileSystemScanner s = FileSystemScanner.builder().root(Path.of(args[0])).stateFile(Path.of(args[1]))
                .growingThreshold(Duration.ZERO).batchSize(7).build()) {
            s.scanOnce(e -> {
                out.println(Recorder.type(e) + "\t" + e.path());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        out.println("DONE");
    }
}
