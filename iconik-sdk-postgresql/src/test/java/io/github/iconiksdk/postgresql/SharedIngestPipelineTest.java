// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.RetryOptions;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.core.work.WorkItem;
import io.github.iconiksdk.core.work.WorkLease;
import io.github.iconiksdk.core.work.WorkQueue;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two ingest pipelines (own pool, queue and journal store each, as two gateways would have) run a pass over one
 * storage at once, sharing its work through the PostgreSQL work queue: one scans, both register, and iconik ends
 * with every file exactly once.
 */
class SharedIngestPipelineTest {

    private static final int FILES = 120;

    @TempDir
    Path tmp;
    private FakeIconik fake;
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    /** Every item offered to the shared queue, by either pipeline. */
    private final List<WorkItem> offered = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws Exception {
        for (int i = closeLast.size() - 1; i >= 0; i--) {
            closeLast.get(i).close();
        }
        if (fake != null) {
            fake.stop();
        }
    }

    private IngestPipeline gateway(String url, IconikClient client, String name) {
        PostgresStateDatabase db = PostgresStateDatabase.open(url);
        closeLast.add(db);
        PostgresWorkQueue queue = db.workQueue(Duration.ofSeconds(5));
        PostgresRegistrationStore journal = db.registrationStore(fake.storageId());
        closeLast.add(journal);
        closeLast.add(queue);
        IngestPipeline pipeline = IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve(name).toString()).build())
                .transcoders(List.of())
                .scanStateStores(() -> db.scanStateStore(fake.storageId()))
                .registrationStore(journal).workQueue(recording(queue)).build();
        closeLast.add(pipeline);
        return pipeline;
    }

    /** The queue, recording what is offered to it. */
    private WorkQueue recording(WorkQueue queue) {
        return new WorkQueue() {
            @Override
            public int offer(java.util.Collection<WorkItem> items) {
                offered.addAll(items);
                return queue.offer(items);
            }

            @Override
            public List<WorkLease> claim(String storageId, String kind, int max) {
                return queue.claim(storageId, kind, max);
            }

            @Override
            public boolean complete(WorkLease lease) {
                return queue.complete(lease);
            }

            @Override
            public boolean confirm(WorkLease lease) {
                return queue.confirm(lease);
            }

            @Override
            public void release(WorkLease lease) {
                queue.release(lease);
            }

            @Override
            public long pending(String storageId, String kind) {
                return queue.pending(storageId, kind);
            }

            @Override
            public String owner() {
                return queue.owner();
            }

            @Override
            public Duration leaseTime() {
                return queue.leaseTime();
            }

            @Override
            public void close() {
                queue.close();
            }
        };
    }

    private static List<IngestSummary> runAtOnce(List<IngestPipeline> fleet) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<IngestSummary>> passes = fleet.stream().map(p -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return p.runOnce();
        })).toList();
        go.countDown();
        return passes.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void movesAndRemovals_goThroughTheSharedQueue_keyedByThePathTheyConcern() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        for (int i = 0; i < 20; i++) {
            Path f = root.resolve(String.format("card%d/clip%03d.mov", i % 2, i));
            Files.createDirectories(f.getParent());
            Files.writeString(f, "content of clip " + i, StandardCharsets.UTF_8);
        }
        fake = FakeIconik.builder().port(0).mountPoint(root.toString()).storageSetting("growing_files_threshold", "0")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start();
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .rateLimit(RateLimitOptions.disabled()).requestTimeout(Duration.ofSeconds(10)).build();
        String url = PostgresTestServer.freshSchemaUrl();
        List<IngestPipeline> fleet = List.of(gateway(url, client, "a"), gateway(url, client, "b"));
        runAtOnce(fleet);
        assertEquals(20, fake.assets().size());
        Files.createDirectories(root.resolve("moved"));
        for (int i = 0; i < 10; i += 2) { // five of card0 move
            Files.move(root.resolve(String.format("card0/clip%03d.mov", i)),
                    root.resolve(String.format("moved/clip%03d.mov", i)));
        }
        for (int i = 1; i < 10; i += 2) { // five of card1 are deleted
            Files.delete(root.resolve(String.format("card1/clip%03d.mov", i)));
        }
        offered.clear();

        List<IngestSummary> results = runAtOnce(fleet);

        List<String> lines = results.stream().map(IngestSummary::summaryLine).toList();
        results.forEach(r -> assertTrue(r.failed().isEmpty(), r.summaryLine()));
        assertEquals(5, results.stream().mapToInt(r -> r.count(RegistrationOutcome.MOVED)).sum(), lines.toString());
        assertEquals(5, results.stream().mapToInt(r -> r.count(RegistrationOutcome.REMOVED)).sum(), lines.toString());
        List<String> moves = offered.stream().filter(w -> w.payload().startsWith("MOVED ")).map(WorkItem::key)
                .sorted().toList();
        assertEquals(List.of("card0/clip000.mov", "card0/clip002.mov", "card0/clip004.mov", "card0/clip006.mov",
                "card0/clip008.mov"), moves, "each move offered under the path it left");
        assertEquals(5, offered.stream().filter(w -> w.payload().startsWith("REMOVED ")).count());
        assertEquals(20, fake.assets().size(), "a move keeps its asset");
        List<String> movedRecords = fake.allFiles().stream()
                .filter(f -> f.path("directory_path").asText().equals("moved"))
                .map(f -> f.path("original_name").asText()).sorted().toList();
        assertEquals(List.of("clip000.mov", "clip002.mov", "clip004.mov", "clip006.mov", "clip008.mov"),
                movedRecords);
        try (PostgresStateDatabase db = PostgresStateDatabase.open(url);
             PostgresWorkQueue queue = db.workQueue(Duration.ofSeconds(5))) {
            assertEquals(0, queue.pending(fake.storageId(), WorkItem.FILE), "no file work left");
        }
    }

    @Test
    void twoPipelinesOnOneQueue_registerEveryFileExactlyOnce_andShareTheFiles() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        for (int i = 0; i < FILES; i++) {
            Path f = root.resolve(String.format("card%d/clip%03d.mov", i % 4, i));
            Files.createDirectories(f.getParent());
            Files.writeString(f, "content of clip " + i, StandardCharsets.UTF_8);
        }
        fake = FakeIconik.builder().port(0).mountPoint(root.toString()).storageSetting("growing_files_threshold", "0")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .build().start();
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .retry(RetryOptions.builder().maxAttempts(12).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5)).maxTotalTime(Duration.ofSeconds(30)).build())
                .rateLimit(RateLimitOptions.disabled()).requestTimeout(Duration.ofSeconds(10)).build();
        String url = PostgresTestServer.freshSchemaUrl();
        List<IngestPipeline> fleet = List.of(gateway(url, client, "a"), gateway(url, client, "b"));

        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<IngestSummary>> passes = fleet.stream().map(p -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return p.runOnce();
        })).toList();
        go.countDown();
        List<IngestSummary> results = passes.stream().map(CompletableFuture::join).toList();

        Map<String, Integer> times = new HashMap<>();
        fake.allFiles().forEach(f -> times.merge(f.path("directory_path").asText() + "/"
                + f.path("original_name").asText(), 1, Integer::sum));
        assertEquals(FILES, times.size(), "every file registered");
        times.forEach((path, n) -> assertEquals(1, n, path + " registered once"));
        assertEquals(FILES, fake.assets().size(), "one asset per file");
        int created = results.stream().mapToInt(r -> r.count(RegistrationOutcome.CREATED)).sum();
        assertEquals(FILES, created, "each file counted new by exactly one pipeline: "
                + results.stream().map(IngestSummary::summaryLine).toList());
        for (IngestSummary r : results) {
            assertTrue(r.count(RegistrationOutcome.CREATED) > 0, "both pipelines registered files: "
                    + results.stream().map(IngestSummary::summaryLine).toList());
            assertTrue(r.failed().isEmpty(), r.summaryLine());
        }
        try (PostgresStateDatabase db = PostgresStateDatabase.open(url);
             PostgresWorkQueue queue = db.workQueue(Duration.ofSeconds(5))) {
            assertEquals(0, queue.pending(fake.storageId(), WorkItem.FILE), "no file work left");
        }
        // the next passes of both find nothing to do
        for (IngestPipeline p : fleet) {
            assertEquals(0, p.runOnce().count(RegistrationOutcome.CREATED));
        }
        assertEquals(FILES, fake.assets().size());
    }
}
