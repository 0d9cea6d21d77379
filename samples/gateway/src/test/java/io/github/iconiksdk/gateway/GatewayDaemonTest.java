// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon in-process: settings polled and applied, iconik going away and coming back, stopping. */
class GatewayDaemonTest {

    @TempDir
    Path tmp;
    private Path root;
    private FakeIconik fake;
    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.stop();
        }
    }

    private void startFake(String... settings) throws IOException {
        startFake(0, settings);
    }

    private void startFake(int port, String... settings) throws IOException {
        root = Files.createDirectories(tmp.resolve("storage"));
        FakeIconik.Builder b = FakeIconik.builder().port(port).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_interval_seconds", "1");
        for (int i = 0; i < settings.length; i += 2) {
            b.storageSetting(settings[i], settings[i + 1]);
        }
        fake = b.build().start();
    }

    private Gateway gateway() {
        return gateway(fake.url());
    }

    private Gateway gateway(String url) {
        GatewayConfig config = GatewayConfig.builder().flag("iconik-url", url).flag("app-id", fake.appId())
                .flag("auth-token", fake.authToken()).flag("storage-id", fake.storageId())
                .flag("data-dir", tmp.resolve("data").toString()).build().requireCredentials();
        return new Gateway(config, err);
    }

    private void write(String path) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "content of " + path, StandardCharsets.UTF_8);
    }

    private Set<String> registered() {
        Set<String> paths = new TreeSet<>();
        for (JsonNode f : fake.allFiles()) {
            paths.add((f.path("directory_path").asText() + "/" + f.path("original_name").asText())
                    .replaceFirst("^/", ""));
        }
        return paths;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private void patchSettings(String settingsJson) {
        IconikClient client = IconikClient.builder().endpoint(fake.url())
                .credentials(fake.appId(), fake.authToken()).build();
        client.send("PATCH", "/API/files/v1/storages/" + fake.storageId() + "/", "{\"settings\":" + settingsJson + "}");
    }

    @Test
    void settingsChangedInIconik_applyFromTheNextPass_withoutARestart() throws Exception {
        startFake();
        write("day1/a.mov");
        try (Gateway gateway = gateway()) {
            GatewayDaemon daemon = new GatewayDaemon(gateway, err);
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(daemon::run);
            await("a.mov", Duration.ofSeconds(20), () -> registered().contains("day1/a.mov"));

            patchSettings("{\"scan_ignore\":[\"*.skip\"]}");
            write("day1/b.skip");
            write("day1/c.mov");
            await("c.mov", Duration.ofSeconds(20), () -> registered().contains("day1/c.mov"));
            assertTrue(errText.toString().contains("storage settings changed in iconik: scan_ignore"), errText::toString);

            patchSettings("{\"scan\":false}");
            await("scan off noticed", Duration.ofSeconds(20), () -> errText.toString().contains("scanning is off"));
            write("day2/d.mov");
            int passes = daemon.passes();
            Thread.sleep(2500); // two intervals with scanning off
            assertEquals(passes, daemon.passes(), "a pass ran with scanning off");
            assertFalse(registered().contains("day2/d.mov"));

            patchSettings("{\"scan\":true}");
            await("d.mov", Duration.ofSeconds(20), () -> registered().contains("day2/d.mov"));
            assertEquals(Set.of("day1/a.mov", "day1/c.mov", "day2/d.mov"), registered());

            daemon.requestStop();
            assertEquals(0, running.get(20, TimeUnit.SECONDS));
            assertTrue(errText.toString().contains("stopped after"), errText::toString);
        }
    }

    @Test
    void aPartialPassOfChangeHints_printsItsRegistrations_afterThePassItFollows() throws Exception {
        // An interval far longer than the test: after pass 1 only change hints register anything.
        startFake("scan_interval_seconds", "3600");
        write("x/one.wav");
        try (Gateway gateway = gateway()) {
            GatewayDaemon daemon = new GatewayDaemon(gateway, err);
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(daemon::run);
            await("pass 1's line", Duration.ofSeconds(20), () -> errText.toString().contains("pass 1: registered 1"));
            write("x/two.wav");
            await("the partial pass's line", Duration.ofSeconds(20),
                    () -> errText.toString().contains("pass 1, changes since: registered 1 files (1 new"));
            daemon.requestStop();
            assertEquals(0, running.get(30, TimeUnit.SECONDS));
        }
        assertEquals(Set.of("x/one.wav", "x/two.wav"), registered());
        assertFalse(errText.toString().contains("pass 2"), errText::toString);
    }

    @Test
    void iconikUnreachable_isReportedAndRetried_thenTheWorkIsDone() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // fixed, so that the fake comes back where the gateway looks for it
        }
        startFake(port);
        write("x/one.wav");
        String url = fake.url();
        fake.stop(); // same port, same state when started again
        try (Gateway gateway = gateway(url)) {
            GatewayDaemon daemon = new GatewayDaemon(gateway, err);
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(daemon::run);
            await("the failure report", Duration.ofSeconds(60),
                    () -> errText.toString().contains("cannot be reached"));
            assertTrue(errText.toString().contains(url), errText::toString);
            assertTrue(errText.toString().contains("trying again in 2 s"), errText::toString);
            assertFalse(running.isDone(), "the daemon gave up");
            fake.start();
            await("one.wav", Duration.ofSeconds(60), () -> registered().contains("x/one.wav"));
            daemon.requestStop();
            assertEquals(0, running.get(30, TimeUnit.SECONDS));
        }
        assertFalse(errText.toString().contains(fake.authToken()));
    }

    @Test
    void invalidPatternInTheStorageSettings_atStart_exit2NamingIt() throws Exception {
        startFake("scan_ignore", "[\"re:/unclosed\"]");
        try (Gateway gateway = gateway()) {
            assertEquals(2, new GatewayDaemon(gateway, err).run());
        }
        assertTrue(errText.toString().contains("re:/unclosed"), errText::toString);
    }

    @Test
    void mountPointMissingOnThisMachine_atStart_exit2NamingIt() throws Exception {
        startFake("mount_point", "\"" + tmp.resolve("not-here") + "\"");
        try (Gateway gateway = gateway()) {
            assertEquals(2, new GatewayDaemon(gateway, err).run());
        }
        assertTrue(errText.toString().contains("mount_point"), errText::toString);
    }
}
