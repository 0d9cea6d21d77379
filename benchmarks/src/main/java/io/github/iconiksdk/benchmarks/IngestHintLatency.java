// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.testkit.FakeIconik;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Issue 17's latency line, measured as a user sees it: seconds from the last write of a file to its registration in
 * iconik ({@link IngestEvent.FileRegistered}: asset, format, file set and closed file record made), through the
 * SDK's ingest daemon ({@link IngestPipeline#start()}, what the gateway's {@code run} runs) against the testkit's
 * fake iconik with a growing-files threshold of 2 s and a scan interval of 60 s, with change hints
 * ({@code watch=true}) and without ({@code watch=false}). Each round writes a file in two parts 300 ms apart into
 * an existing folder or a new folder tree, at a random moment of the interval, and measures from the end of the
 * second write (the file is closed and not touched again). Local renditions are off. Usage:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.iconiksdk.benchmarks.IngestHintLatency WORKDIR ROUNDS
 * </pre>
 *
 * <p>WORKDIR gets a storage folder with 100 files in 10 folders and the data dirs (deleted first when present).
 * Prints one line per round and the median and maximum per mode.
 */
public final class IngestHintLatency {

    private static final int THRESHOLD_S = 2;
    private static final int INTERVAL_S = 60;

    private IngestHintLatency() {
    }

    /**
     * Runs the rounds with hints, then without.
     *
     * @param args the work folder and the number of rounds per mode
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (Files.exists(work)) {
            try (var walk = Files.walk(work)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path root = Files.createDirectories(work.resolve("storage"));
        for (int d = 0; d < 10; d++) {
            Path folder = Files.createDirectories(root.resolve(String.format(Locale.ROOT, "day %02d/CARD", d)));
            for (int f = 0; f < 10; f++) {
                Files.writeString(folder.resolve(String.format(Locale.ROOT, "C%04d.mov", f)), "x");
            }
        }
        for (boolean watch : new boolean[] {true, false}) {
            Map<String, Long> registeredAt = new ConcurrentHashMap<>();
            List<Double> seconds = new ArrayList<>();
            try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                    .storageSetting("growing_files_threshold", String.valueOf(THRESHOLD_S))
                    .storageSetting("scan_interval_seconds", String.valueOf(INTERVAL_S))
                    .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                    .build().start()) {
                IconikClient client = IconikClient.builder().endpoint(fake.url())
                        .credentials(fake.appId(), fake.authToken()).build();
                GatewayConfig config = GatewayConfig.builder()
                        .flag("data-dir", work.resolve("data-" + watch).toString())
                        .flag("watch", String.valueOf(watch)).build();
                try (IngestPipeline pipeline = IngestPipeline.builder().client(client).storageId(fake.storageId())
                        .config(config).transcoders(List.of()).listener(e -> {
                            if (e instanceof IngestEvent.FileRegistered r) {
                                registeredAt.put(r.path(), System.nanoTime());
                            }
                        }).build()) {
                    pipeline.start();
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                    while (registeredAt.size() < 100 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    System.out.printf(Locale.ROOT, "watch=%s: first pass registered %d files%n", watch,
                            registeredAt.size());
                    for (int round = 1; round <= rounds; round++) {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(500, INTERVAL_S * 1000L));
                        boolean newFolder = round % 2 == 0;
                        String rel = newFolder ? "new card " + watch + round + "/CLIP/A" + round + ".mov"
                                : String.format(Locale.ROOT, "day %02d/CARD/late-%s-%d.mov",
                                ThreadLocalRandom.current().nextInt(10), watch, round);
                        Path file = root.resolve(rel);
                        Files.createDirectories(file.getParent());
                        long lastWrite;
                        try (OutputStream out = Files.newOutputStream(file)) {
                            out.write(new byte[64 * 1024]);
                            out.flush();
                            Thread.sleep(300);
                            out.write(new byte[64 * 1024]);
                        }
                        lastWrite = System.nanoTime();
                        long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(INTERVAL_S * 3L);
                        while (!registeredAt.containsKey(rel) && System.nanoTime() < wait) {
                            Thread.sleep(5);
                        }
                        Long at = registeredAt.get(rel);
                        if (at == null) {
                            throw new IllegalStateException(rel + " not registered within " + 3 * INTERVAL_S + " s");
                        }
                        double s = (at - lastWrite) / 1e9;
                        seconds.add(s);
                        System.out.printf(Locale.ROOT, "watch=%s round %d (%s folder): registered %.2f s after"
                                + " the last write (%d full passes so far)%n", watch, round,
                                newFolder ? "new" : "existing", s, pipeline.passes());
                    }
                }
            }
            Collections.sort(seconds);
            System.out.printf(Locale.ROOT, "watch=%s: median %.2f s, max %.2f s over %d rounds (threshold %d s,"
                    + " interval %d s)%n", watch, seconds.get(seconds.size() / 2), seconds.get(seconds.size() - 1),
                    seconds.size(), THRESHOLD_S, INTERVAL_S);
        }
    }
}
