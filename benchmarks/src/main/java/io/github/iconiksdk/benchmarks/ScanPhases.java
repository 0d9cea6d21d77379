// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.ScanListener;
import io.github.iconiksdk.core.scan.FileSystemScanner;
import io.github.iconiksdk.core.state.SqliteScanStateStore;

import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;

/**
 * Where a no-change rescan spends its time, in one warm JVM: reading the whole state store page by page, a plain
 * JDK {@code Files.walkFileTree} (one {@code lstat} per entry), and the full rescan pass. Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.iconiksdk.benchmarks.ScanPhases TREE STATE.db}
 * (STATE.db must hold a finished scan of TREE).
 */
public final class ScanPhases {

    private ScanPhases() {
    }

    /**
     * Runs each phase three times and prints the times.
     *
     * @param args the tree and the state file
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        Path state = Path.of(args[1]);
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            long rows = 0;
            try (SqliteScanStateStore store = SqliteScanStateStore.open(state)) {
                String after = null;
                while (true) {
                    List<FileState> page = store.list(after, 2000);
                    rows += page.size();
                    if (page.size() < 2000) {
                        break;
                    }
                    after = page.get(page.size() - 1).path();
                }
            }
            long t1 = System.nanoTime();
            long[] files = {0};
            // One lstat per entry, as the scanner does; the attributes come with the visit.
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            long t2 = System.nanoTime();
            long scanned;
            try (FileSystemScanner scanner = FileSystemScanner.builder().root(tree).stateFile(state)
                    .checksums(false).growingThreshold(Duration.ZERO).build()) {
                scanned = scanner.scanOnce(ScanListener.NONE).filesScanned();
            }
            long t3 = System.nanoTime();
            System.out.printf("run %d: store read %d rows %.2f s | JDK walkFileTree %d files %.2f s | rescan pass %d files %.2f s%n",
                    run, rows, (t1 - t0) / 1e9, files[0], (t2 - t1) / 1e9, scanned, (t3 - t2) / 1e9);
        }
    }
}
