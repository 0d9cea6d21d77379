// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.upload.IconikAssetUploader;
import io.github.iconiksdk.testkit.FakeIconik;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Registration rate against the testkit's fake iconik over loopback: files registered per second (asset, format,
 * file set, file record, close) and requests per second, first with faults and the client-side rate limiter off,
 * then with the rate limiter at its iconik default, where the fake enforces iconik's limit and answers 429 beyond it.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.github.iconiksdk.benchmarks.RegistrationThroughput
 * [FILES] [LIMITED_FILES]}; the unlimited run is made with 1 and with 4 registering threads (see BENCHMARKS.md).
 */
public final class RegistrationThroughput {

    /** iconik's documented sustained limit per credential, requests per second. */
    private static final double ICONIK_LIMIT = 50;

    private RegistrationThroughput() {
    }

    /**
     * @param args number of files for the unlimited run (default 2000) and for the rate-limited run (default 300)
     * @throws IOException if the temporary journal cannot be made
     */
    public static void main(String[] args) throws IOException {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int limitedFiles = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Files.createTempDirectory("registration-bench");
        try (FakeIconik fake = FakeIconik.builder().build().start()) {
            IconikClient unlimited = IconikClient.builder().endpoint(fake.url())
                    .credentials(fake.appId(), fake.authToken()).rateLimit(RateLimitOptions.disabled()).build();
            run("warm-up", fake, unlimited, dir.resolve("warm.db"), "warm", 300, 4);
            run("rate limiter off, 1 thread", fake, unlimited, dir.resolve("unlimited1.db"), "u1", files, 1);
            run("rate limiter off, 4 threads", fake, unlimited, dir.resolve("unlimited4.db"), "u4", files, 4);
        }
        // iconik's documented limit, enforced by the fake; the client's limiter at its default just under it.
        try (FakeIconik fake = FakeIconik.builder().rateLimit(ICONIK_LIMIT, (int) ICONIK_LIMIT).build().start()) {
            RateLimitOptions limit = RateLimitOptions.defaults();
            IconikClient limited = IconikClient.builder().endpoint(fake.url())
                    .credentials(fake.appId(), fake.authToken()).rateLimit(limit).build();
            double reqPerSecond = run("rate limiter at its default (" + limit.requestsPerSecond()
                    + " req/s), fake enforcing " + ICONIK_LIMIT + " req/s", fake, limited, dir.resolve("limited.db"),
                    "l", limitedFiles, 4);
            long throttled = fake.requests().stream().filter(r -> r.status() == 429).count();
            System.out.printf(Locale.ROOT, "  share of iconik's limit used: %.1f %%, 429 answers: %d%n",
                    100 * reqPerSecond / ICONIK_LIMIT, throttled);
        }
    }

    private static double run(String label, FakeIconik fake, IconikClient client, Path journal, String prefix,
                              int files, int threads) {
        FileSettings settings = client.getStorage(fake.storageId()).fileSettings();
        try (IconikAssetUploader uploader = IconikAssetUploader.builder().client(client).storageId(fake.storageId())
                .settings(() -> settings).journal(journal).build()) {
            fake.clearRequests();
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < files; n++) {
                int i = n;
                done.add(pool.submit(() -> uploader.register(ScanEvent.Change.of(ChangeType.NEW,
                        prefix + "/d" + (i / 100) + "/f" + i + ".mov", 1000 + i,
                        Instant.ofEpochMilli(1_700_000_000_000L), String.format("%032x", i)),
                        MetadataValues.empty())));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException("registration failed", e);
                }
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - start) / 1e9;
            int requests = fake.requests().size();
            System.out.printf(Locale.ROOT, "%s: %d files in %.2f s = %.0f files/s, %d requests = %.0f req/s%n",
                    label, files, seconds, files / seconds, requests, requests / seconds);
            return requests / seconds;
        }
    }
}
