// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command loop in a fleet (--state-url): one gateway per storage runs it (a PostgreSQL advisory lock), its SCAN
 * button works, and another takes over when it stops. In-process, two gateways on one storage, against the fake and
 * the PostgreSQL server of ICONIK_SDK_TEST_POSTGRES_URL (skipped without).
 */
class FleetCommandsTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;
    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.stop();
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private boolean registered(String dir, String name) {
        return fake.allFiles().stream().anyMatch(f -> fake.storageId().equals(f.path("storage_id").asText())
                && dir.equals(f.path("directory_path").asText()) && name.equals(f.path("original_name").asText()));
    }

    private static long doneEvents(Running r) {
        return r.gateway().commandStats().map(s -> s.done().getOrDefault(
                io.github.iconiksdk.core.command.CommandQueue.EVENTS, 0L)).orElse(0L);
    }

    private GatewayConfig config(String stateUrl, String name) {
        return GatewayConfig.builder().flag("iconik-url", fake.url()).flag("app-id", fake.appId())
                .flag("auth-token", fake.authToken()).flag("storage-id", fake.storageId())
                .flag("data-dir", tmp.resolve(name).toString()).flag("state-url", stateUrl).flag("watch", "false")
                .build().requireCredentials();
    }

    /** A daemon of one gateway, running on its own thread. */
    private record Running(Gateway gateway, GatewayDaemon daemon, CompletableFuture<Integer> exit) {
        void stop() throws Exception {
            daemon.requestStop();
            assertEquals(0, exit.get(60, TimeUnit.SECONDS));
            gateway.close();
        }
    }

    private Running start(GatewayConfig config) {
        Gateway g = new Gateway(config, err);
        GatewayDaemon d = new GatewayDaemon(g, err);
        return new Running(g, d, CompletableFuture.supplyAsync(d::run));
    }

    @Test
    void oneGatewayOfTheFleetRunsTheCommands_theScanButtonWorks_andAnotherTakesOverWhenItStops() throws Exception {
        String server = System.getenv("ICONIK_SDK_TEST_POSTGRES_URL");
        RequiredTools.require(server != null, "needs PostgreSQL: set ICONIK_SDK_TEST_POSTGRES_URL to a server "
                + "(.ci/test-postgres.sh start prints it; .ci/run does this)");
        String stateUrl = server + (server.contains("?") ? "&" : "?") + "schema=cmd_"
                + UUID.randomUUID().toString().replace("-", "");
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Files.writeString(root.resolve("first.txt"), "there before the fleet started");
        // scans every 2 s: a standby gateway asks for the role after each pass
        fake = FakeIconik.builder().mountPoint(root.toString()).storageSetting("growing_files_threshold", "0")
                .storageSetting("scan_interval_seconds", "2").storageSetting("local_proxy_creation", "false")
                .storageSetting("local_keyframe_creation", "false").build().start();
        IconikClient client = IconikClient.builder().endpoint(fake.url())
                .credentials(fake.appId(), fake.authToken()).build();
        Running a = start(config(stateUrl, "a"));
        Running b = start(config(stateUrl, "b"));
        try {
            await("a command loop", Duration.ofSeconds(60), () -> a.gateway().commandStats().isPresent()
                    || b.gateway().commandStats().isPresent());
            await("two passes of each", Duration.ofSeconds(60), () -> a.daemon().passes() >= 2
                    && b.daemon().passes() >= 2);
            assertTrue(a.gateway().commandStats().isPresent() ^ b.gateway().commandStats().isPresent(),
                    "exactly one gateway runs the command loop; log:\n" + errText);
            Running leader = a.gateway().commandStats().isPresent() ? a : b;
            Running standby = leader == a ? b : a;

            Files.createDirectories(root.resolve("later"));
            Files.writeString(root.resolve("later/new.txt"), "written after the first pass");
            client.requestScan(fake.storageId(), List.of("later"), List.of());
            await("the manual scan", Duration.ofSeconds(10), () -> registered("later", "new.txt")
                    && doneEvents(leader) == 1); // the loop's doing, not just the next pass's

            leader.stop();
            await("the standby taking the command loop over", Duration.ofSeconds(30),
                    () -> standby.gateway().commandStats().isPresent());
            Files.writeString(root.resolve("later/newer.txt"), "written after the takeover");
            client.requestScan(fake.storageId(), List.of("later/newer.txt"), List.of());
            await("the manual scan after the takeover", Duration.ofSeconds(10),
                    () -> registered("later", "newer.txt"));
            await("the SCAN event carried out by the new holder", Duration.ofSeconds(10),
                    () -> doneEvents(standby) == 1 && fake.gatewayEvents(fake.storageId()).isEmpty());
        } finally {
            for (Running r : List.of(a, b)) {
                try {
                    r.stop();
                } catch (Exception | AssertionError e) {
                    // already stopped
                }
            }
        }
    }
}
