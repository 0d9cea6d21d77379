// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.Transcoder;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.api.upload.UploadWork;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.RetryOptions;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.core.work.WorkItem;
import io.github.iconiksdk.core.work.WorkLease;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway that stalls past its lease while it transcodes finds, at the fence before it commits the renditions
 * ({@code WorkQueue.confirm}), that another gateway took the file over, and commits nothing: the renditions stay
 * wanted in the shared journal for the taker. A file nobody took is committed as usual.
 */
class LeaseFenceTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    @Test
    void aStalledGatewayTakenOver_doesNotCommitItsRenditions() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Files.writeString(root.resolve("taken.mov"), "taken over while transcoded");
        Files.writeString(root.resolve("kept.mov"), "never taken over");
        fake = FakeIconik.builder().port(0).mountPoint(root.toString()).storageSetting("growing_files_threshold", "0")
                .storageSetting("local_proxy_creation", "true").storageSetting("local_keyframe_creation", "true")
                .build().start();
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .retry(RetryOptions.builder().maxAttempts(5).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5)).maxTotalTime(Duration.ofSeconds(30)).build())
                .rateLimit(RateLimitOptions.disabled()).requestTimeout(Duration.ofSeconds(10)).build();
        String storage = fake.storageId();
        try (PostgresStateDatabase db = PostgresStateDatabase.open(PostgresTestServer.freshSchemaUrl());
             PostgresWorkQueue stalled = db.workQueue(Duration.ofSeconds(60));
             PostgresWorkQueue other = db.workQueue(Duration.ofSeconds(60));
             PostgresRegistrationStore journal = db.registrationStore(storage)) {
            AtomicReference<WorkLease> takenOver = new AtomicReference<>();
            AtomicReference<Throwable> stallFailed = new AtomicReference<>();
            AtomicInteger transcodes = new AtomicInteger();
            // The stall: while "taken.mov" transcodes, its lease runs out (as if renewal had not run) and the other
            // gateway takes it over. One statement does both: an expiry followed by other.claim raced the stalled
            // gateway's own claimer (polling every 50 ms) and its lease renewer, and failed now and then in CI.
            TranscoderProvider stallingTranscoder = provider((request) -> {
                transcodes.incrementAndGet();
                if (request.source().getFileName().toString().equals("taken.mov")) {
                    try {
                        takenOver.set(takeOver(db.schema(), storage, "taken.mov", other.owner()));
                    } catch (Throwable e) {
                        stallFailed.set(e);
                        throw new IllegalStateException(e);
                    }
                }
            });
            CountDownLatch fenced = new CountDownLatch(1);
            try (IngestPipeline pipeline = IngestPipeline.builder().client(client).storageId(storage)
                    .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                    .transcoders(List.of(stallingTranscoder))
                    .scanStateStores(() -> db.scanStateStore(storage))
                    .registrationStore(journal).workQueue(stalled)
                    .listener(e -> {
                        if (e instanceof IngestEvent.Notice n && n.message().contains("taken.mov was taken over")) {
                            fenced.countDown();
                        }
                    }).build()) {
                CompletableFuture<IngestSummary> pass = CompletableFuture.supplyAsync(pipeline::runOnce);
                boolean refused = fenced.await(60, TimeUnit.SECONDS);
                assertNull(stallFailed.get(), "the take-over in the transcoder failed");
                assertTrue(refused, "the fence refused the stalled gateway's commit");
                // the taker does the file's work; then the fleet has none left and the pass ends
                assertTrue(other.confirm(takenOver.get()), "the taker still holds the file");
                assertTrue(other.complete(takenOver.get()));
                pass.get(60, TimeUnit.SECONDS);
            }
            assertEquals(2, transcodes.get(), "each file transcoded once by the stalled gateway");
            List<String> wanted = journal.pathsWithWork("RENDITIONS", UploadWork.State.WANTED);
            assertEquals(List.of("taken.mov"), wanted,
                    "the taken-over file's renditions are left wanted for its taker; the other's were committed");
        }
    }

    /**
     * Takes a file over for {@code owner} as its claim after a lease ran out would: a new owner, the next attempt (the
     * fencing token) and a fresh lease, in one statement.
     */
    private static WorkLease takeOver(String schema, String storage, String key, String owner) throws SQLException {
        try (Connection c = PostgresTestServer.jdbc();
             PreparedStatement st = c.prepareStatement("UPDATE " + schema + ".work_items SET owner = ?,"
                     + " attempts = attempts + 1, lease_until = clock_timestamp() + interval '60 seconds',"
                     + " offered_again = false WHERE storage_id = ? AND kind = ? AND key = ?"
                     + " RETURNING payload, attempts")) {
            st.setString(1, owner);
            st.setString(2, storage);
            st.setString(3, WorkItem.FILE);
            st.setString(4, key);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), key + " is in the work queue");
                return new WorkLease(new WorkItem(storage, WorkItem.FILE, key, rs.getString(1)), owner, rs.getInt(2));
            }
        }
    }

    /** A transcoder for every file that runs {@code work} and makes no rendition. */
    private static TranscoderProvider provider(java.util.function.Consumer<TranscodeRequest> work) {
        return new TranscoderProvider() {
            @Override
            public String name() {
                return "stalling";
            }

            @Override
            public int priority() {
                return 1000;
            }

            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            public boolean claims(Path source) {
                return true;
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
                        return new MediaInfo(MediaKind.VIDEO, "stub", Duration.ZERO, 0, List.of());
                    }

                    @Override
                    public TranscodeResult transcode(TranscodeRequest request, ProgressListener progress) {
                        work.accept(request);
                        return new TranscodeResult(probe(request.source()), List.of());
                    }
                };
            }
        };
    }
}
