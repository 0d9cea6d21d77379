// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RetryOptions;
import io.github.iconiksdk.core.client.model.GatewayEvent;
import io.github.iconiksdk.core.client.model.TransferToStorage;
import io.github.iconiksdk.core.command.internal.CommandJournal;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.FaultKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command loop against the testkit's fake iconik: at most once, acknowledged at least once. */
class CommandLoopTest {

    private static final String F = "/API/files/v1";

    @TempDir
    Path tmp;

    private FakeIconik fake;
    private IconikClient client;
    private final List<Command> handled = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        fake = FakeIconik.builder().build().start();
        client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .retry(RetryOptions.none()).build();
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private CommandLoop.Builder loop() {
        return CommandLoop.builder(client, fake.storageId(), tmp.resolve("commands.db"));
    }

    private CommandHandler record(String message) {
        return c -> {
            handled.add(c);
            return CommandResult.done(message);
        };
    }

    private void postEvent(String type, Map<String, Object> data) {
        client.send("POST", F + "/storages/" + fake.storageId() + "/gateway/events/",
                Map.of("type", type, "data", data), JsonNode.class);
    }

    @Test
    void aManualScan_reachesItsHandler_once_andTheEventIsAcknowledged() {
        client.requestScan(fake.storageId(), List.of("media/new"), List.of());
        try (CommandLoop l = loop().handler("SCAN", record("scanned")).build()) {
            assertEquals(1, l.runOnce());
            assertEquals(0, l.runOnce());
            assertEquals(1, handled.size());
            Command c = handled.get(0);
            assertEquals(CommandQueue.EVENTS, c.queue());
            assertEquals(List.of("media/new"), c.item(GatewayEvent.class).data().get("paths"));
            assertFalse(c.resumed());
            assertTrue(fake.gatewayEvents(fake.storageId()).isEmpty());
            CommandStats stats = l.stats();
            assertEquals(1L, stats.done().get(CommandQueue.EVENTS));
            assertEquals(0L, stats.pending().get(CommandQueue.EVENTS));
            assertEquals("DONE", stats.recent().get(0).state());
            assertEquals("scanned", stats.recent().get(0).message());
            assertTrue(stats.recent().get(0).acknowledged());
        }
    }

    @Test
    void closingTheLoop_closesEachHandlerOnce_evenOneServingSeveralTypes() {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        CommandHandler shared = new CommandHandler() {
            @Override
            public CommandResult handle(Command command) {
                return CommandResult.done("ok");
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        CommandLoop l = loop().handler("SCAN", shared).handler("TRANSCODE", shared).build();
        assertEquals(0, closed.get(), "open while the loop is");
        l.close();
        assertEquals(1, closed.get());
    }

    @Test
    void unknownTypes_areAcknowledged_events_asDone_transfers_asFailed() {
        postEvent("RESTART", Map.of());
        postEvent("RESTART", Map.of());
        try (CommandLoop l = loop().build()) {
            assertEquals(2, l.runOnce());
            assertTrue(fake.gatewayEvents(fake.storageId()).isEmpty());
            assertEquals(2L, l.stats().done().get(CommandQueue.EVENTS));
        }
    }

    @Test
    void aFinishedItem_whoseAcknowledgementWasLost_isAcknowledgedAgain_neverRunAgain() {
        client.requestScan(fake.storageId(), List.of(), List.of());
        fake.failNext(FaultKind.SERVER_ERROR, "DELETE", ".*/gateway/events/.*", 1);
        try (CommandLoop l = loop().handler("SCAN", record("scanned")).build()) {
            assertEquals(1, l.runOnce());
            assertEquals(1, fake.gatewayEvents(fake.storageId()).size(), "the acknowledgement failed");
            assertFalse(l.stats().recent().get(0).acknowledged());
        }
        // a restart: the journal says done, not acknowledged
        try (CommandLoop l = loop().handler("SCAN", record("scanned")).build()) {
            assertEquals(0, l.runOnce());
            assertTrue(fake.gatewayEvents(fake.storageId()).isEmpty());
            assertTrue(l.stats().recent().get(0).acknowledged());
        }
        assertEquals(1, handled.size());
    }

    @Test
    void anItemCutShortByAKill_runsAgainAsAResumedAttempt() {
        client.requestScan(fake.storageId(), List.of("x"), List.of());
        String eventId = fake.gatewayEvents(fake.storageId()).get(0).get("id").asText();
        try (CommandJournal j = CommandJournal.open(tmp.resolve("commands.db"), Clock.systemUTC())) {
            j.receive(CommandQueue.EVENTS, eventId, "SCAN", 5, "{\"id\":\"" + eventId + "\",\"type\":\"SCAN\","
                    + "\"data\":{\"paths\":[\"x\"]}}");
            j.started(CommandQueue.EVENTS, eventId);
        }
        try (CommandLoop l = loop().handler("SCAN", record("scanned")).build()) {
            assertEquals(1, l.runOnce());
        }
        assertEquals(1, handled.size());
        assertTrue(handled.get(0).resumed());
        assertEquals(2, handled.get(0).attempt());
        assertTrue(fake.gatewayEvents(fake.storageId()).isEmpty());
    }

    @Test
    void transientFailures_areRetriedAtTheNextPoll_thenFailed() {
        postEvent("TRANSCODE", Map.of("asset_id", "a"));
        int[] calls = {0};
        try (CommandLoop l = loop().maxAttempts(2).handler("TRANSCODE", c -> {
            calls[0]++;
            throw new IOException("disk full");
        }).build()) {
            assertEquals(0, l.runOnce());
            assertEquals(1, fake.gatewayEvents(fake.storageId()).size(), "not acknowledged while retrying");
            assertEquals(1L, l.stats().pending().get(CommandQueue.EVENTS));
            assertEquals(1, l.runOnce());
            assertEquals(2, calls[0]);
            assertTrue(fake.gatewayEvents(fake.storageId()).isEmpty());
            CommandRecord r = l.stats().recent().get(0);
            assertEquals("FAILED", r.state());
            assertTrue(r.message().contains("disk full"), r.message());
        }
    }

    @Test
    void higherPriority_runsFirst() {
        postEvent("TRANSCODE", Map.of("asset_id", "low", "priority", 2));
        postEvent("TRANSCODE", Map.of("asset_id", "high", "priority", 9));
        List<String> order = new ArrayList<>();
        try (CommandLoop l = loop().handler("TRANSCODE", c -> {
            order.add((String) c.item(GatewayEvent.class).data().get("asset_id"));
            return CommandResult.done("ok");
        }).build()) {
            assertEquals(2, l.runOnce());
        }
        assertEquals(List.of("high", "low"), order);
    }

    @Test
    void transfers_areAcknowledgedCompletedOrFailed_asTheirHandlerSays() {
        String[] ok = cloudAsset("ok.mov");
        String[] bad = cloudAsset("bad.mov");
        client.send("POST", F + "/storages/" + fake.storageId() + "/bulk/", Map.of("object_ids",
                List.of(ok[0], bad[0]), "object_type", "assets"), Void.class);
        assertEquals(2, fake.pendingTransfersTo(fake.storageId()).size());
        try (CommandLoop l = loop().handler(CommandQueue.TRANSFERS_TO.itemType(), c -> {
            TransferToStorage t = c.item(TransferToStorage.class);
            return t.transfer().destinationFilename().equals("ok.mov") ? CommandResult.done("copied")
                    : CommandResult.failed("refused");
        }).build()) {
            assertEquals(2, l.runOnce());
            assertEquals(1L, l.stats().done().get(CommandQueue.TRANSFERS_TO));
            assertEquals(1L, l.stats().failed().get(CommandQueue.TRANSFERS_TO));
        }
        assertTrue(fake.pendingTransfersTo(fake.storageId()).isEmpty());
        List<String> states = new ArrayList<>();
        fake.jobs().stream().filter(j -> "TRANSFER".equals(j.get("type").asText()))
                .forEach(j -> states.add(j.get("status").asText()));
        Collections.sort(states);
        assertEquals(List.of("FAILED", "FINISHED"), states);
    }

    @Test
    void aStartedLoop_pollsAtItsInterval_andCloses() throws InterruptedException {
        try (CommandLoop l = loop().interval(java.time.Duration.ofMillis(100)).handler("SCAN", record("s")).build()
                .start()) {
            client.requestScan(fake.storageId(), List.of(), List.of());
            l.pollNow();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (handled.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            while (!fake.gatewayEvents(fake.storageId()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(1, handled.size());
        assertTrue(fake.gatewayEvents(fake.storageId()).isEmpty());
    }

    @Test
    void aStartedLoop_triesAFailedItemAgainAfterTheRetryDelay_notAfterTheInterval() throws InterruptedException {
        client.requestScan(fake.storageId(), List.of(), List.of());
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        CommandHandler flaky = c -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("the first attempt fails");
            }
            handled.add(c);
            return CommandResult.done("second time lucky");
        };
        // an hour between polls: only the retry delay can bring the second attempt within the test
        try (CommandLoop l = loop().interval(java.time.Duration.ofHours(1))
                .retryDelay(java.time.Duration.ofMillis(50)).handler("SCAN", flaky).build().start()) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while ((handled.isEmpty() || !fake.gatewayEvents(fake.storageId()).isEmpty())
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(2, calls.get());
            assertEquals(1, handled.size());
            assertTrue(handled.get(0).resumed());
            assertTrue(fake.gatewayEvents(fake.storageId()).isEmpty());
        }
    }

    /** A cloud asset with a closed ORIGINAL on the fake's FILES storage; {asset id, file set id}. */
    private String[] cloudAsset(String name) {
        String cloud = fake.defaultStorageId("FILES");
        JsonNode asset = client.send("POST", "/API/assets/v1/assets/", Map.of("title", name), JsonNode.class);
        String a = F + "/assets/" + asset.get("id").asText();
        JsonNode format = client.send("POST", a + "/formats/", Map.of("name", "ORIGINAL"), JsonNode.class);
        JsonNode set = client.send("POST", a + "/file_sets/", Map.of("format_id", format.get("id").asText(),
                "name", name, "storage_id", cloud), JsonNode.class);
        JsonNode file = client.send("POST", a + "/files/", Map.of("original_name", name, "file_set_id",
                set.get("id").asText(), "storage_id", cloud, "size", 1), JsonNode.class);
        client.send("PATCH", a + "/files/" + file.get("id").asText() + "/", Map.of("status", "CLOSED"),
                JsonNode.class);
        return new String[]{asset.get("id").asText(), set.get("id").asText()};
    }
}
