// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One transcode budget for a process that serves several storages: two pipelines, each allowed two transcodes at
 * once by its own configuration, share a budget of two, and their transcodes together never exceed it.
 */
class TranscodeBudgetTest {

    @TempDir
    Path tmp;
    private final List<FakeIconik> fakes = new ArrayList<>();

    @AfterEach
    void stop() {
        fakes.forEach(FakeIconik::stop);
    }

    /**
     * A transcoder whose work is a wait (1 s, or until {@code release} opens), counting how many run at once
     * across every pipeline.
     */
    private static class Timed implements TranscoderProvider {
        final AtomicInteger now;
        final AtomicInteger peak;
        final AtomicInteger done;
        final CountDownLatch release;

        Timed(AtomicInteger now, AtomicInteger peak, AtomicInteger done) {
            this(now, peak, done, null);
        }

        Timed(AtomicInteger now, AtomicInteger peak, AtomicInteger done, CountDownLatch release) {
            this.now = now;
            this.peak = peak;
            this.done = done;
            this.release = release;
        }

        @Override
        public String name() {
            return "timed";
        }

        @Override
        public int priority() {
            return 100;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public boolean claims(Path source) {
            return true; // no probe
        }

        @Override
        public boolean supports(MediaInfo media) {
            return true;
        }

        @Override
        public Transcoder transcoder() {
            return new Transcoder() {
                @Override
                public MediaInfo probe(Path source) {
                    throw new UnsupportedOperationException("claimed files are not probed");
                }

                @Override
                public TranscodeResult transcode(TranscodeRequest request, ProgressListener progress) {
                    peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                    try {
                        if (release == null) {
                            // Held long enough (1 s) for every file that could run beside it to start, so that a
                            // budget that let more run would be seen; more than 2 at once ends the wait at once.
                            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                            while (now.get() <= 2 && System.nanoTime() < end) {
                                Thread.sleep(5);
                            }
                        } else if (!release.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("never released");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        now.decrementAndGet();
                    }
                    done.incrementAndGet();
                    return new TranscodeResult(new MediaInfo(MediaKind.VIDEO, "mov", Duration.ofSeconds(1), 0,
                            List.of()), List.of());
                }
            };
        }
    }

    private IngestPipeline pipeline(String name, TranscodeBudget budget, TranscoderProvider transcoder)
            throws Exception {
        Path root = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < 4; i++) {
            Files.writeString(root.resolve("clip" + i + ".mov"), name + " " + i);
        }
        FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("local_proxy_creation", "true")
                .storageSetting("local_keyframe_creation", "true").build().start();
        fakes.add(fake);
        IconikClient client = IconikClient.builder().endpoint(fake.url())
                .credentials(fake.appId(), fake.authToken()).build();
        return IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve(name + "-data").toString())
                        .flag("max-transcoding-jobs", "2").flag("watch", "false").build())
                .transcoders(List.of(transcoder)).transcodeBudget(budget).build();
    }

    @Test
    void twoPipelinesSharingABudgetOfTwo_neverTranscodeMoreThanTwoFilesAtOnce() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        TranscodeBudget budget = TranscodeBudget.of(2);
        try (IngestPipeline a = pipeline("a", budget, new Timed(now, peak, done));
             IngestPipeline b = pipeline("b", budget, new Timed(now, peak, done))) {
            CompletableFuture<IngestSummary> first = CompletableFuture.supplyAsync(a::runOnce);
            CompletableFuture<IngestSummary> second = CompletableFuture.supplyAsync(b::runOnce);
            IngestSummary sa = first.get(60, TimeUnit.SECONDS);
            IngestSummary sb = second.get(60, TimeUnit.SECONDS);
            assertEquals(4, sa.registered(), sa.summaryLine());
            assertEquals(4, sb.registered(), sb.summaryLine());
        }
        assertEquals(8, done.get(), "every file of both storages was transcoded");
        assertTrue(peak.get() <= 2, "at most the budget's 2 transcodes at once, not 2 per storage: " + peak.get());
        assertEquals(2, budget.peak(), "the budget was used to the full (the storages did transcode side by side)");
        assertEquals(0, budget.running());
    }

    @Test
    void everyTranscoderIsToldTheJobLimit_soThatItsOwnBoundIsNotTheLowerOne() throws Exception {
        java.util.concurrent.atomic.AtomicReference<io.github.iconiksdk.api.transcode.TranscoderConfig> told =
                new java.util.concurrent.atomic.AtomicReference<>();
        TranscoderProvider listening = new Timed(new AtomicInteger(), new AtomicInteger(), new AtomicInteger()) {
            @Override
            public void configure(io.github.iconiksdk.api.transcode.TranscoderConfig config) {
                told.set(config);
            }
        };
        pipeline("told", TranscodeBudget.of(4), listening).close();
        assertEquals(java.util.Optional.of("2"),
                told.get().option(io.github.iconiksdk.api.transcode.TranscoderConfig.MAX_JOBS));
    }

    @Test
    void aBudgetAllowsAtLeastOneJob_andLimitsAProviderOnce() {
        assertThrows(IllegalArgumentException.class, () -> TranscodeBudget.of(0));
        TranscodeBudget budget = TranscodeBudget.of(3);
        TranscoderProvider limited = budget.limit(new Timed(new AtomicInteger(), new AtomicInteger(),
                new AtomicInteger()));
        assertTrue(limited == budget.limit(limited), "limited by this budget already");
        assertEquals("timed", limited.name());
        assertEquals(100, limited.priority());
    }

    @Test
    void aBudgetOfYourBulkhead_aTranscodeWaitingPastItsMaxWait_failsNamingTheBudget() throws Exception {
        io.github.resilience4j.bulkhead.Bulkhead mine = io.github.resilience4j.bulkhead.Bulkhead.of("my-transcodes",
                io.github.resilience4j.bulkhead.BulkheadConfig.custom().maxConcurrentCalls(1)
                        .maxWaitDuration(Duration.ofMillis(100)).build());
        TranscodeBudget budget = TranscodeBudget.of(mine);
        assertTrue(budget.bulkhead() == mine);
        assertEquals(1, budget.jobs());
        AtomicInteger now = new AtomicInteger();
        // The first transcode holds the only place until the second has given up: with a fixed 300 ms of work, a
        // test thread delayed by 200 ms (a loaded machine) found the place free again and nothing to refuse.
        CountDownLatch release = new CountDownLatch(1);
        Transcoder limited = budget.limit(new Timed(now, new AtomicInteger(), new AtomicInteger(), release))
                .transcoder();
        TranscodeRequest request = TranscodeRequest.builder(tmp.resolve("a.mov"), tmp.resolve("out")).build();
        CompletableFuture<TranscodeResult> first = CompletableFuture.supplyAsync(
                () -> limited.transcode(request, ProgressListener.NONE));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (now.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, now.get(), "the first transcode runs");
        io.github.iconiksdk.api.transcode.TranscodeException waited = assertThrows(
                io.github.iconiksdk.api.transcode.TranscodeException.class,
                () -> limited.transcode(request, ProgressListener.NONE));
        assertTrue(waited.getMessage().contains("budget of 1"), waited.getMessage());
        assertEquals(1, now.get(), "the first transcode still held its place while the second waited");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertEquals(1, mine.getMetrics().getAvailableConcurrentCalls(), "the job went back to the bulkhead");
    }
}
