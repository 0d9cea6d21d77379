// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.Credentials;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scanner state and the report, as iconik (the fake) receives them. */
class StatusReporterTest {

    private FakeIconik fake;
    private IconikClient client;
    private GatewayStatus status;

    @BeforeEach
    void start() {
        fake = FakeIconik.builder().port(0).build().start();
        client = IconikClient.builder().endpoint(fake.url())
                .credentials(Credentials.of(fake.appId(), fake.authToken())).build();
        status = new GatewayStatus(fake.storageId(), "1.2.3", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private String scannerStatus() {
        return fake.gatewayStatus(fake.storageId()).map(n -> n.path("status").asText()).orElse("");
    }

    private String storageScannerStatus() {
        return fake.storages().stream().filter(s -> s.path("id").asText().equals(fake.storageId())).findFirst()
                .map(s -> s.path("scanner_status").asText()).orElse("");
    }

    @Test
    void start_reportsLiveAndTheScannerState_changesFollow_closeReportsOffline() throws Exception {
        String id = fake.storageId();
        StatusReporter r = StatusReporter.start(client, id, status::snapshot, Duration.ofMillis(100),
                Duration.ofMillis(300));
        try {
            waitFor("the first report", () -> fake.gatewayReport(id).isPresent());
            JsonNode first = fake.gatewayReport(id).orElseThrow();
            assertEquals("LIVE", first.path("status").asText());
            assertEquals("SUCCESS", first.path("start_status").asText());
            assertEquals("iconik-sdk-gateway 1.2.3", first.path("version").asText());
            assertFalse(first.path("host_name").asText().isEmpty());
            assertEquals("INACTIVE", scannerStatus());

            status.scanStarted();
            waitFor("ACTIVE in iconik", () -> scannerStatus().equals("ACTIVE"));
            assertEquals("ACTIVE", storageScannerStatus(), "iconik's storage page reads scanner_status");

            status.fileRegistered("a.mov", RegistrationOutcome.CREATED);
            status.fileRegistered("b.mov", RegistrationOutcome.CREATED);
            status.fileFailed("c.mov", "iconik answered 503");
            status.uploaded("a.mov", 100);
            status.scanFinished(new ScanSummary(3, 3, 0, 0, 0, 0, 0, 0, Duration.ofSeconds(2)));
            // A report is a reading taken on the reporter's thread: one taken between two of the calls above
            // carries only some of them. Wait for a report of all of them, not for the first counter to show.
            waitFor("a report with every counter", () -> hasAllCounters(fake.gatewayReport(id).orElseThrow()));
            JsonNode report = fake.gatewayReport(id).orElseThrow();
            assertEquals(2, report.path("ingested_files_number").asInt());
            assertEquals(3, report.path("scanned_files_number").asInt());
            assertEquals(1, report.path("faulty_files_number").asInt());
            assertEquals(1, report.path("ingested_files_uploads_number").asInt());
            assertEquals(2, report.path("last_scan_time").asInt());
            assertTrue(report.path("error_log_lines").get(0).asText().endsWith("c.mov: iconik answered 503"));
            waitFor("INACTIVE in iconik", () -> scannerStatus().equals("INACTIVE"));

            status.passFailed("the mount point is gone");
            waitFor("FAILING in iconik", () -> scannerStatus().equals("FAILING"));
        } finally {
            r.close();
        }
        assertEquals("INACTIVE", scannerStatus());
        assertEquals("OFFLINE", fake.gatewayReport(id).orElseThrow().path("status").asText());
    }

    /** Whether a report carries every change {@code start_reportsLive…} makes before it waits for the counters. */
    private static boolean hasAllCounters(JsonNode report) {
        return report.path("ingested_files_number").asInt() == 2 && report.path("scanned_files_number").asInt() == 3
                && report.path("faulty_files_number").asInt() == 1
                && report.path("ingested_files_uploads_number").asInt() == 1
                && report.path("last_scan_time").asInt() == 2;
    }

    @Test
    void manyErrors_areCutToIconiksLimits() throws Exception {
        for (int i = 0; i < 30; i++) {
            status.problem("x".repeat(5000) + i);
        }
        String id = fake.storageId();
        StatusReporter r = StatusReporter.start(client, id, status::snapshot, Duration.ofMillis(100),
                Duration.ofMillis(100));
        try {
            waitFor("the first report", () -> fake.gatewayReport(id).isPresent());
        } finally {
            r.close();
        }
        JsonNode lines = fake.gatewayReport(id).orElseThrow().path("error_log_lines");
        assertEquals(StatusReporter.MAX_ERROR_LINES, lines.size());
        for (JsonNode l : lines) {
            assertTrue(l.asText().length() <= StatusReporter.MAX_LINE);
        }
    }

    @Test
    void iconikFailing_neverReachesTheGateway_andReportingResumes() throws Exception {
        String id = fake.storageId();
        fake.failNext(io.github.iconiksdk.testkit.FaultKind.SERVER_ERROR, "PUT", ".*/gateway/.*", 6);
        StatusReporter r = StatusReporter.start(client, id, status::snapshot, Duration.ofMillis(100),
                Duration.ofMillis(100));
        try {
            status.scanStarted();
            waitFor("ACTIVE in iconik once the faults are spent", () -> scannerStatus().equals("ACTIVE"));
        } finally {
            r.close();
        }
        assertEquals("OFFLINE", fake.gatewayReport(id).orElseThrow().path("status").asText());
    }
}
