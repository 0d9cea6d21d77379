// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayStatusTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final GatewayStatus status = new GatewayStatus("s-1", "1.0", clock);

    private static ScanSummary scanned(long files, Duration took) {
        return new ScanSummary(files, 0, 0, 0, 0, 0, 0, 0, took);
    }

    @Test
    void scannerState_followsScansAndFailures_asIconikShowsThem() {
        assertEquals(ScannerState.INACTIVE, status.snapshot().state());
        status.scanStarted();
        assertEquals(ScannerState.ACTIVE, status.snapshot().state());
        assertEquals(clock.now, status.snapshot().scanStarted());
        clock.advance(Duration.ofSeconds(3));
        status.scanFinished(scanned(42, Duration.ofSeconds(3)));
        StatusSnapshot s = status.snapshot();
        assertEquals(ScannerState.INACTIVE, s.state());
        assertEquals(clock.now, s.lastScanFinished());
        assertEquals(42, s.lastScanFiles());
        assertEquals(1, s.scans());
        assertNull(s.scanStarted());

        status.passFailed("iconik cannot be reached");
        s = status.snapshot();
        assertEquals(ScannerState.FAILING, s.state());
        assertEquals("iconik cannot be reached", s.stateMessage());
        assertEquals("iconik cannot be reached", s.recentProblems().get(0).message());

        status.scanStarted();
        status.scanFinished(scanned(43, Duration.ofSeconds(1)));
        assertEquals(ScannerState.INACTIVE, status.snapshot().state());
        assertNull(status.snapshot().stateMessage());
    }

    @Test
    void registrations_areCountedByOutcome_andOnlyChangesCountTowardsTheRate() {
        status.fileRegistered("a", RegistrationOutcome.CREATED);
        status.fileRegistered("b", RegistrationOutcome.AGGREGATED);
        status.fileRegistered("c", RegistrationOutcome.MOVED);
        status.fileRegistered("d", RegistrationOutcome.ALREADY_REGISTERED);
        status.fileRegistered("e", RegistrationOutcome.REMOVED);
        status.fileFailed("f", "iconik answered 503");
        StatusSnapshot s = status.snapshot();
        assertEquals(3, s.registered());
        assertEquals(1, s.unchanged());
        assertEquals(1, s.removed());
        assertEquals(1, s.failed());
        assertEquals(3.0 / GatewayStatus.RATE_WINDOW.toSeconds(), s.filesPerSecond(), 1e-9);
        assertEquals("f: iconik answered 503", s.recentProblems().get(0).message());
    }

    @Test
    void filesPerSecond_isAveragedOverTheWindow_andFallsToZeroWhenIdle() {
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 5; i++) {
                status.fileRegistered("f" + second + "-" + i, RegistrationOutcome.CREATED);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        // 50 files in the last 10 s, the current (empty) second included: 45 of them are still in the window.
        assertEquals(4.5, status.snapshot().filesPerSecond(), 1e-9);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(2.0, status.snapshot().filesPerSecond(), 1e-9);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(0.0, status.snapshot().filesPerSecond(), 1e-9);
        assertEquals(50, status.snapshot().registered());
    }

    @Test
    void recentErrors_keepOnlyTheLatest_oldestFirst() {
        for (int i = 0; i < GatewayStatus.RECENT_ERRORS + 5; i++) {
            status.problem("problem " + i);
        }
        List<StatusSnapshot.Problem> recent = status.snapshot().recentProblems();
        assertEquals(GatewayStatus.RECENT_ERRORS, recent.size());
        assertEquals("problem 5", recent.get(0).message());
        assertEquals("problem " + (GatewayStatus.RECENT_ERRORS + 4), recent.get(recent.size() - 1).message());
        assertEquals(GatewayStatus.RECENT_ERRORS + 5, status.snapshot().problemCount());
    }

    @Test
    void uploadsAndQueues_areReported() {
        int[] transcodes = {3};
        status.queues(() -> transcodes[0], () -> {
            throw new IllegalStateException("pool replaced");
        });
        status.uploaded("a.mov", 1000);
        status.uploaded("a.mov", 24);
        StatusSnapshot s = status.snapshot();
        assertEquals(3, s.transcodeQueue());
        assertEquals(0, s.uploadQueue());
        assertEquals(2, s.uploads());
        assertEquals(1024, s.bytesUploaded());
        transcodes[0] = 0;
        assertEquals(0, status.snapshot().transcodeQueue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void toMap_namesEveryFieldTheStatusPageReads() {
        status.storageRead("s-1", "Studio NAS");
        status.scanStarted();
        status.scanFinished(scanned(7, Duration.ofMillis(1500)));
        status.problem("unreadable: x.mov: permission denied");
        Map<String, Object> m = status.snapshot().toMap();
        assertEquals(Map.of("id", "s-1", "name", "Studio NAS"), m.get("storage"));
        Map<String, Object> scanner = (Map<String, Object>) m.get("scanner");
        assertEquals("INACTIVE", scanner.get("state"));
        assertEquals("Inactive", scanner.get("label"));
        assertEquals(1.5, scanner.get("last_scan_seconds"));
        assertEquals(clock.now.toString(), scanner.get("last_scan_finished"));
        assertEquals(Map.of("transcode", 0, "upload", 0), m.get("queues"));
        assertTrue(((Map<String, Object>) m.get("files")).containsKey("per_second"));
        assertEquals(Map.of("count", 0L, "bytes", 0L), m.get("uploads"));
        List<Map<String, Object>> errors = (List<Map<String, Object>>) m.get("recent_errors");
        assertEquals("unreadable: x.mov: permission denied", errors.get(0).get("message"));
        assertEquals("1.0", m.get("version"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void commandQueues_areNull_untilTheLoopRuns_thenCountedPerQueue_withTheRecentCommands() {
        assertNull(status.snapshot().toMap().get("commands"));
        io.github.iconiksdk.core.command.CommandQueue to = io.github.iconiksdk.core.command.CommandQueue.TRANSFERS_TO;
        var record = new io.github.iconiksdk.core.command.CommandRecord(to, "t-1", "TRANSFER_TO", "FAILED",
                "transfer t-1 refused: path '../x' refused", 1, true, clock.now);
        var stats = new io.github.iconiksdk.core.command.CommandStats(Map.of(to, 2L), Map.of(to, 5L),
                Map.of(to, 1L), List.of(record));
        status.commands(() -> java.util.Optional.of(stats));
        Map<String, Object> commands = (Map<String, Object>) status.snapshot().toMap().get("commands");
        assertEquals(Map.of("pending", 2L, "done", 5L, "failed", 1L), commands.get("transfers_to"));
        assertEquals(Map.of("pending", 0L, "done", 0L, "failed", 0L), commands.get("deletions"));
        Map<String, Object> recent = ((List<Map<String, Object>>) commands.get("recent")).get(0);
        assertEquals("transfers_to", recent.get("queue"));
        assertEquals("FAILED", recent.get("state"));
        assertEquals("transfer t-1 refused: path '../x' refused", recent.get("message"));
        status.commands(() -> {
            throw new IllegalStateException("journal closed");
        });
        assertNull(status.snapshot().toMap().get("commands"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void identicalErrors_areOneGroup_inSnapshotAndJson() {
        for (int i = 0; i < 30; i++) {
            status.fileFailed("day1/clip" + i + ".mov", "iconik answered 500 (after 4 attempts)");
            clock.advance(Duration.ofMillis(100));
        }
        status.problem("unreadable: day2/x.mov: permission denied");
        List<ErrorGroups.Group> groups = status.snapshot().errorGroups();
        assertEquals(2, groups.size());
        assertEquals("unreadable: <path>: permission denied", groups.get(0).kind());
        assertEquals(30, groups.get(1).count());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) status.snapshot().toMap().get("errors");
        assertEquals("<file>: iconik answered 500 (after 4 attempts)", errors.get(1).get("kind"));
        assertEquals(30L, errors.get(1).get("count"));
        assertEquals("day1/clip29.mov: iconik answered 500 (after 4 attempts)",
                ((Map<String, Object>) errors.get(1).get("latest")).get("message"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void series_getAPointPerSample_ratesFromTheDifference_andKeepAnHour() {
        GatewayStatus s = new GatewayStatus("s-1", "1.0", clock, Duration.ofSeconds(10));
        int[] queued = {4};
        s.queues(() -> queued[0], () -> 1);
        s.sample();
        for (int i = 0; i < 20; i++) {
            s.fileRegistered("f" + i, RegistrationOutcome.CREATED);
        }
        s.uploaded("f0", 5000);
        clock.advance(Duration.ofSeconds(10));
        queued[0] = 0;
        s.sample();
        StatusSeries.Points p = s.snapshot().series();
        assertEquals(List.of(0.0, 2.0), p.filesPerSecond().stream().map(StatusSeries.Point::value).toList());
        assertEquals(List.of(5.0, 1.0), p.queued().stream().map(StatusSeries.Point::value).toList());
        assertEquals(List.of(0.0, 5000.0), p.bytesUploaded().stream().map(StatusSeries.Point::value).toList());
        assertEquals(clock.now.getEpochSecond(), p.queued().get(1).epochSecond());
        Map<String, Object> series = (Map<String, Object>) s.snapshot().toMap().get("series");
        assertEquals(List.of(List.of(clock.now.getEpochSecond() - 10, 0L), List.of(clock.now.getEpochSecond(), 5000L)),
                series.get("bytes_uploaded"));
        assertEquals(List.of(clock.now.getEpochSecond(), 2.0),
                ((List<Object>) series.get("files_per_second")).get(1));

        for (int i = 0; i < 400; i++) {
            clock.advance(Duration.ofSeconds(10));
            s.sample();
        }
        List<StatusSeries.Point> hour = s.snapshot().series().queued();
        assertEquals(361, hour.size(), "an hour at 10 s, both ends included");
        assertEquals(3600, hour.get(hour.size() - 1).epochSecond() - hour.get(0).epochSecond());
    }

    @Test
    void iconikFailing_asTheBreakersSeeIt_showsFailing_andRecoversOnItsOwn() {
        String[] breakers = {null};
        status.serviceHealth(() -> breakers[0]);
        status.scanStarted();
        assertEquals(ScannerState.ACTIVE, status.snapshot().state());
        breakers[0] = "iconik is failing: circuit breaker iconik-assets open";
        assertEquals(ScannerState.FAILING, status.snapshot().state());
        assertEquals("iconik is failing: circuit breaker iconik-assets open", status.snapshot().stateMessage());
        breakers[0] = null;
        assertEquals(ScannerState.ACTIVE, status.snapshot().state());
        status.serviceHealth(() -> {
            throw new IllegalStateException("client closed");
        });
        assertEquals(ScannerState.ACTIVE, status.snapshot().state());
    }
}
