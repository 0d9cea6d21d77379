// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.StorageScanner;
import io.github.iconiksdk.core.scan.FileSystemScanner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Seconds from the last write of a file to the scanner's {@code NEW} for it, with change hints and without, under
 * the acceptance settings of issue 17 (growing-files threshold 2 s, scan interval 60 s). The scanner runs
 * periodically over a tree (optionally a big one, so that the full pass costs what it costs); the harness writes a
 * file in two parts 300 ms apart into a random existing folder (or a new one), at a random moment of the interval,
 * and measures from the end of the second write to the event. Usage:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.iconiksdk.benchmarks.HintLatency TREE STATE.db ROUNDS
 * </pre>
 *
 * <p>TREE is scanned as the storage root (files are added to it and deleted again after each round); STATE.db is
 * created if missing. Prints one line per round and the median and maximum per mode.
 */
public final class HintLatency {

    private static final Duration THRESHOLD = Duration.ofSeconds(2);
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    private HintLatency() {
    }

    /**
     * Runs the rounds with hints, then without.
     *
     * @param args the tree, the state file and the number of rounds per mode
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        Path state = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (boolean watch : new boolean[] {true, false}) {
            List<Double> seconds = new ArrayList<>();
            BlockingQueue<ScanEvent> events = new ArrayBlockingQueue<>(10_000);
            try (FileSystemScanner scanner = FileSystemScanner.builder().root(tree).stateFile(state)
                    .growingThreshold(THRESHOLD).checksums(false).watch(watch).build();
                 StorageScanner.PeriodicScan periodic = scanner.startPeriodic(INTERVAL, events::offer)) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
                while (periodic.lastSummary().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                System.out.printf(Locale.ROOT, "watch=%s: first pass done (%s), watching: %s%n", watch,
                        periodic.lastSummary().orElse(null), scanner.isWatching());
                List<Path> folders = folders(tree);
                for (int round = 1; round <= rounds; round++) {
                    // A random moment of the interval, so that the no-hint case is not always the same phase.
                    Thread.sleep(ThreadLocalRandom.current().nextLong(500, watch ? 3_000 : INTERVAL.toMillis()));
                    boolean newFolder = round % 2 == 0;
                    Path folder = newFolder ? tree.resolve("hint-latency-card-" + round + "/CLIP")
                            : folders.get(ThreadLocalRandom.current().nextInt(folders.size()));
                    Files.createDirectories(folder);
                    Path file = folder.resolve("hint-latency-" + watch + "-" + round + ".mov");
                    String relative = tree.relativize(file).toString().replace('\\', '/');
                    events.clear();
                    long lastWrite = writeInTwoParts(file);
                    double s = awaitNew(events, relative, lastWrite);
                    seconds.add(s);
                    System.out.printf(Locale.ROOT, "watch=%s round %d (%s folder): NEW %.2f s after the last write%n",
                            watch, round, newFolder ? "new" : "existing", s);
                    Files.delete(file);
                    if (newFolder) {
                        Files.delete(folder);
                        Files.delete(folder.getParent());
                    }
                }
            }
            Collections.sort(seconds);
            System.out.printf(Locale.ROOT, "watch=%s: median %.2f s, max %.2f s over %d rounds (threshold %d s,"
                            + " interval %d s)%n", watch, seconds.get(seconds.size() / 2),
                    seconds.get(seconds.size() - 1), seconds.size(), THRESHOLD.toSeconds(), INTERVAL.toSeconds());
        }
    }

    private static List<Path> folders(Path tree) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var walk = Files.walk(tree, 3)) {
            walk.filter(Files::isDirectory).limit(10_000).forEach(out::add);
        }
        return out;
    }

    private static long writeInTwoParts(Path file) throws IOException, InterruptedException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[64 * 1024]);
            out.flush();
            Thread.sleep(300);
            out.write(new byte[64 * 1024]);
        }
        return System.nanoTime();
    }

    private static double awaitNew(BlockingQueue<ScanEvent> events, String path, long lastWrite)
            throws InterruptedException {
        while (true) {
            ScanEvent e = events.poll(5, TimeUnit.MINUTES);
            if (e == null) {
                throw new IllegalStateException("no NEW for " + path + " within 5 minutes");
            }
            if (e instanceof ScanEvent.Change c && c.type() == ChangeType.NEW && e.path().equals(path)) {
                return (System.nanoTime() - lastWrite) / 1e9;
            }
        }
    }
}
