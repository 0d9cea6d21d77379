// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.api.upload.RegistrationStep;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.RetryOptions;
import io.github.iconiksdk.core.upload.IconikAssetUploader;
import io.github.iconiksdk.core.work.WorkItem;
import io.github.iconiksdk.core.work.WorkLease;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three gateways share one storage's registrations through PostgreSQL (work queue + registration journal) against
 * the fake iconik; one of them dies half way, holding leases: iconik ends with every file exactly once, each
 * survivor registered a fair share as new, and the dead one's claimed files were taken over once its leases ran
 * out. Each gateway has its own pool, queue (owner) and uploader, as separate processes would.
 */
class FleetRegistrationTest {

    private static final int FILES = 300;
    private static final Duration LEASE = Duration.ofSeconds(2);

    private FakeIconik fake;
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    /**
     * The first failure of any worker. A worker that died of it would keep its claimed files leased (its queue still
     * renews them), so the others would wait for them forever: on a failure every worker stops and the test fails.
     */
    private final AtomicReference<Throwable> workerFailure = new AtomicReference<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = closeLast.size() - 1; i >= 0; i--) {
            closeLast.get(i).close();
        }
        if (fake != null) {
            fake.stop();
        }
    }

    private final class Gateway {
        final PostgresStateDatabase database;
        final PostgresWorkQueue queue;
        final IconikAssetUploader uploader;
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger takenOver = new AtomicInteger();
        final AtomicBoolean killed = new AtomicBoolean();
        final List<Thread> workers = new ArrayList<>();

        Gateway(String url, IconikClient client, FileSettings settings) {
            database = PostgresStateDatabase.open(url);
            queue = database.workQueue(LEASE);
            PostgresRegistrationStore store = database.registrationStore(fake.storageId());
            uploader = IconikAssetUploader.builder().client(client).storageId(fake.storageId())
                    .settings(() -> settings).registrationStore(store).searchSettleTime(Duration.ofMillis(50))
                    .build();
            closeLast.add(database);
            closeLast.add(store);
            closeLast.add(uploader);
        }

        void start(int killAfter) {
            for (int t = 0; t < 2; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        work(killAfter);
                    } catch (Throwable e) {
                        workerFailure.compareAndSet(null, e);
                    }
                }, "gateway-worker");
                workers.add(worker);
                worker.start();
            }
        }

        private void work(int killAfter) {
            while (!killed.get() && workerFailure.get() == null) {
                List<WorkLease> leases = queue.claim(fake.storageId(), WorkItem.FILE, 4);
                if (leases.isEmpty()) {
                    if (queue.pending(fake.storageId(), WorkItem.FILE) == 0) {
                        return;
                    }
                    sleep(100); // leased elsewhere: wait for it to finish, or for a dead gateway's lease to end
                    continue;
                }
                for (WorkLease lease : leases) {
                    if (killAfter > 0 && created.get() >= killAfter) {
                        // SIGKILL: no renewal, nothing completed or released; the other leases stay claimed
                        killed.set(true);
                        queue.abandon();
                        return;
                    }
                    if (lease.attempt() > 1) {
                        takenOver.incrementAndGet();
                    }
                    Registration r = registerPersistently(event(lease.item()));
                    if (r.outcome() == RegistrationOutcome.CREATED) {
                        created.incrementAndGet();
                    }
                    if (killed.get()) {
                        return; // died between registering and completing: the lease is taken over
                    }
                    queue.complete(lease);
                }
            }
        }

        void join() throws InterruptedException {
            for (Thread t : workers) {
                t.join();
            }
        }

        private Registration registerPersistently(ScanEvent.Change e) {
            for (int failures = 0; ; failures++) {
                try {
                    return uploader.register(e, MetadataValues.empty());
                } catch (IconikException transientFailure) {
                    if (failures > 20) {
                        throw transientFailure;
                    }
                }
            }
        }
    }

    private static ScanEvent.Change event(WorkItem item) {
        int i = Integer.parseInt(item.payload());
        return ScanEvent.Change.of(ChangeType.NEW, item.key(), 1000 + i, Instant.ofEpochMilli(1_700_000_000_000L + i),
                String.format("%032x", i + 1));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void threeGateways_oneKilled_registerEveryFileExactlyOnce_survivorsSharingTheWork() throws Exception {
        fake = FakeIconik.builder().seed(24).build().start();
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .retry(RetryOptions.builder().maxAttempts(12).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5)).maxTotalTime(Duration.ofSeconds(30)).build())
                .rateLimit(RateLimitOptions.disabled()).requestTimeout(Duration.ofSeconds(10)).build();
        FileSettings settings = client.getStorage(fake.storageId()).fileSettings();
        String url = PostgresTestServer.freshSchemaUrl();

        List<Gateway> fleet = List.of(new Gateway(url, client, settings), new Gateway(url, client, settings),
                new Gateway(url, client, settings));
        fleet.get(0).queue.offer(IntStream.range(0, FILES)
                .mapToObj(i -> new WorkItem(fake.storageId(), WorkItem.FILE, String.format("card/%03d/clip.mov", i),
                        Integer.toString(i)))
                .collect(Collectors.toList()));
        Gateway doomed = fleet.get(2);
        doomed.start(FILES / 10);
        fleet.get(0).start(0);
        fleet.get(1).start(0);
        for (Gateway g : fleet) {
            g.join();
        }
        if (workerFailure.get() != null) {
            throw new AssertionError("a gateway worker failed", workerFailure.get());
        }

        assertTrue(doomed.killed.get(), "the third gateway was killed");
        Map<String, Integer> registered = new HashMap<>();
        for (JsonNode asset : fake.assets()) {
            for (JsonNode f : fake.files(asset.get("id").asText())) {
                registered.merge(f.path("directory_path").asText() + "/" + f.path("original_name").asText(), 1,
                        Integer::sum);
            }
        }
        assertEquals(FILES, fake.assets().size(), "one asset per file");
        assertEquals(FILES, registered.size());
        registered.forEach((path, times) -> assertEquals(1, times, path));
        for (Gateway survivor : fleet.subList(0, 2)) {
            assertTrue(survivor.created.get() >= FILES / 5, "each survivor registered at least 20 % as new: "
                    + fleet.stream().map(g -> g.created.get()).collect(Collectors.toList()));
        }
        assertEquals(FILES, fleet.stream().mapToInt(g -> g.created.get()).sum());
        assertTrue(fleet.get(0).takenOver.get() + fleet.get(1).takenOver.get() > 0,
                "the killed gateway's claimed files were taken over");
        try (PostgresRegistrationStore journal = fleet.get(0).database.registrationStore(fake.storageId())) {
            assertEquals(List.of(), journal.unfinished());
            assertEquals(RegistrationStep.DONE, journal.find("card/000/clip.mov").orElseThrow().step());
        }
    }
}
