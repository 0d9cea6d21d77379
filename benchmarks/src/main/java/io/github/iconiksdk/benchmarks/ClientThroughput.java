// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.model.Asset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests per second {@link IconikClient#getAsset} sustains against a loopback endpoint with 1, 4 and 16
 * concurrent callers (each call: rate-limit check, request, answer, JSON into {@link Asset}). A small harness
 * rather than JMH: the unit of work is a network round trip and the question is throughput under concurrency.
 *
 * <p>Usage: {@code ClientThroughput URL [warmupSeconds] [measureSeconds] [APP_ID AUTH_TOKEN ASSET_ID]} (the last
 * three for a real endpoint such as the testkit's fake). Prints one line per configuration.
 */
public final class ClientThroughput {

    private static String assetId;

    private ClientThroughput() {
    }

    /**
     * @param args URL, then optional warm-up and measurement seconds
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String appId = args.length > 5 ? args[3] : "bench-app";
        String token = args.length > 5 ? args[4] : "bench-token";
        assetId = args.length > 5 ? args[5] : "6f1e3c52-6f5b-11ee-9c2b-0242ac120002";
        IconikClient unlimited = IconikClient.builder().endpoint(url).credentials(appId, token)
                .rateLimit(RateLimitOptions.disabled()).build();
        // 1 caller again at the end: tells JIT warm-up apart from a latency-bound single caller.
        for (int callers : new int[] {1, 4, 16, 1}) {
            run(unlimited, "no rate limit", callers, warmup, measure);
        }
        IconikClient limited = IconikClient.builder().endpoint(url).credentials(appId, token).build();
        run(limited, "default rate limit (45/s)", 16, warmup, measure);
    }

    private static void run(IconikClient client, String label, int callers, int warmup, int measure)
            throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        CountDownLatch finished = new CountDownLatch(callers);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        Asset a = client.getAsset(assetId);
                        if (a.title() == null) {
                            throw new IllegalStateException("no title");
                        }
                        if (counting.get()) {
                            done.increment();
                        }
                    }
                } finally {
                    finished.countDown();
                }
            });
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread.sleep(warmup * 1000L);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(measure * 1000L);
        long count = done.sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        finished.await();
        System.out.printf("client  %-26s callers=%2d  %8.0f req/s  (%d requests in %.1f s)%n", label, callers,
                count / seconds, count, seconds);
    }
}
