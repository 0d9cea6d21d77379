// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK's two-way wiring of a pipeline, against the testkit's fake and without the sample gateway: the loop starts
 * after the first pass, the SCAN button and a purge reach the storage, a fleet's role is asked for and its loss
 * stops the loop, and a loop that cannot start closes what it opened.
 */
class TwoWayGatewayTest {

    private static final String F = "/API/files/v1";
    private static final String A = "/API/assets/v1";

    @TempDir
    Path tmp;
    private Path root;
    private Path data;
    private FakeIconik fake;
    private IconikClient client;
    private IngestPipeline pipeline;
    private final List<String> states = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(tmp.resolve("storage"));
        data = tmp.resolve("data");
        fake = FakeIconik.builder().mountPoint(root.toString()).storageSetting("growing_files_threshold", "0")
                .storageSetting("scan_interval_seconds", "3600").storageSetting("local_proxy_creation", "false")
                .storageSetting("local_keyframe_creation", "false").storageSetting("delete", "true").build()
                .start();
        client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken()).build();
        pipeline = IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", data.toString()).flag("watch", "false").build())
                .transcoders(List.of()).build();
    }

    @AfterEach
    void stop() {
        pipeline.close();
        fake.stop();
    }

    private TwoWayGateway.Builder twoWay() {
        return TwoWayGateway.builder(pipeline, client, fake.storageId(), data.resolve("commands.db"))
                .interval(Duration.ofMillis(200)).listener((state, detail) -> states.add(state.name()));
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private List<JsonNode> filesOnGateway(String dir, String name) {
        return fake.allFiles().stream().filter(f -> fake.storageId().equals(f.path("storage_id").asText())
                && dir.equals(f.path("directory_path").asText()) && name.equals(f.path("original_name").asText()))
                .toList();
    }

    @Test
    void afterTheFirstPass_theScanButtonRegistersANewFile_andAPurgeDeletesIt() throws Exception {
        Files.writeString(root.resolve("first.txt"), "there from the start");
        try (TwoWayGateway twoWay = twoWay().build()) {
            assertFalse(twoWay.isRunning(), "nothing starts before a pass has read the storage's settings");
            pipeline.start(); // the daemon: an hour between passes, so only the loop can register what comes later
            await("the loop after the first pass", Duration.ofSeconds(30), twoWay::isRunning);
            assertEquals(1, filesOnGateway("", "first.txt").size());

            Files.createDirectories(root.resolve("later"));
            Files.writeString(root.resolve("later/new.txt"), "written after the first pass");
            client.requestScan(fake.storageId(), List.of("later"), List.of());
            await("the manual scan", Duration.ofSeconds(10), () -> filesOnGateway("later", "new.txt").size() == 1);
            await("the SCAN event acknowledged", Duration.ofSeconds(10),
                    () -> fake.gatewayEvents(fake.storageId()).isEmpty());
            assertEquals(1L, twoWay.stats().orElseThrow().done().get(CommandQueue.EVENTS));

            String assetId = filesOnGateway("later", "new.txt").get(0).get("asset_id").asText();
            client.send("DELETE", A + "/assets/" + assetId + "/", null, JsonNode.class);
            client.send("DELETE", A + "/assets/" + assetId + "/purge/", null, JsonNode.class);
            await("the deletion", Duration.ofSeconds(10), () -> !Files.exists(root.resolve("later/new.txt"))
                    && fake.pendingDeletions(fake.storageId()).isEmpty());
            assertTrue(Files.exists(root.resolve("first.txt")), "only the purged asset's file is deleted");
            assertEquals(1L, twoWay.stats().orElseThrow().done().get(CommandQueue.DELETIONS));
        }
        assertEquals(List.of("RUNNING"), states);
    }

    @Test
    void builtAfterAPass_startsAtOnce_andCloseLeavesThePipelineOpen() throws Exception {
        pipeline.runOnce();
        try (TwoWayGateway twoWay = twoWay().build()) {
            assertTrue(twoWay.isRunning());
        }
        Files.writeString(root.resolve("after.txt"), "registered by the pipeline the loop was closed beside");
        pipeline.runOnce();
        assertEquals(1, filesOnGateway("", "after.txt").size());
    }

    /** A role handed out from a queue of answers, recording what it gave and what was closed. */
    private static final class ScriptedRole implements CommandRole {
        final Deque<Boolean> answers = new ArrayDeque<>();
        final List<Held> given = Collections.synchronizedList(new ArrayList<>());
        final List<AtomicBoolean> closed = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean held = new AtomicBoolean(true);

        @Override
        public synchronized Optional<Held> tryTake() {
            if (!answers.isEmpty() && !answers.poll()) {
                return Optional.empty();
            }
            AtomicBoolean isClosed = new AtomicBoolean();
            held.set(true);
            Held h = new Held() {
                @Override
                public boolean isHeld() {
                    return held.get();
                }

                @Override
                public void close() {
                    isClosed.set(true);
                }
            };
            given.add(h);
            closed.add(isClosed);
            return Optional.of(h);
        }
    }

    @Test
    void aFleetRole_isAskedForAfterEachPass_andItsLossStopsTheLoopUntilTakenAgain() throws Exception {
        ScriptedRole role = new ScriptedRole();
        role.answers.add(false);
        role.answers.add(false);
        try (TwoWayGateway twoWay = twoWay().role(role).build()) {
            pipeline.runOnce();
            pipeline.runOnce();
            assertFalse(twoWay.isRunning(), "another process holds the role");
            assertEquals(List.of("STANDBY"), states, "the standby is reported once");

            pipeline.runOnce();
            assertTrue(twoWay.isRunning(), "the role is taken after the next pass");

            role.held.set(false); // the holder's database connection ended: another gateway may have the role now
            await("the loop stopping", Duration.ofSeconds(10), () -> !twoWay.isRunning()
                    && role.closed.get(0).get());
            await("the loss reported", Duration.ofSeconds(10), () -> states.contains("ROLE_LOST"));
            assertEquals(List.of("STANDBY", "RUNNING", "ROLE_LOST"), states);

            pipeline.runOnce();
            assertTrue(twoWay.isRunning(), "asked for again after the next pass");
            assertEquals(2, role.given.size());
        }
        assertTrue(role.closed.get(1).get(), "close gives the role up");
    }

    @Test
    void aLoopThatCannotStart_closesWhatItOpened_andStartsAfterALaterPass() throws Exception {
        ScriptedRole role = new ScriptedRole();
        Files.createDirectories(data.resolve("commands.db")); // a folder: the command journal cannot be opened
        List<String> details = Collections.synchronizedList(new ArrayList<>());
        try (TwoWayGateway twoWay = twoWay().role(role)
                .listener((state, detail) -> {
                    states.add(state.name());
                    details.add(detail);
                }).build()) {
            pipeline.runOnce();
            assertFalse(twoWay.isRunning());
            assertEquals(List.of("START_FAILED"), states);
            assertTrue(details.get(0).startsWith("the command loop cannot start: "), details.get(0));
            assertTrue(role.closed.get(0).get(), "the role taken for the failed start is given up");

            Files.delete(data.resolve("commands.db"));
            pipeline.runOnce();
            assertTrue(twoWay.isRunning(), "tried again after the next pass");
            assertEquals(List.of("START_FAILED", "RUNNING"), states);
        }
    }
}
