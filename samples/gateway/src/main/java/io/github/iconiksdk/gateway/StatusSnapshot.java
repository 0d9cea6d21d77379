// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of {@link GatewayStatus}: immutable, and what {@code /status.json} serialises (see {@link #toMap()}).
 *
 * @param storageId         the storage the gateway serves
 * @param storageName       its name in iconik, or null before iconik was first reached
 * @param version           the gateway's version
 * @param started           when the gateway started
 * @param now               when this reading was taken
 * @param state             the scanner's state
 * @param stateMessage      why it is failing, or null
 * @param scanStarted       when the running scan started, or null when none runs
 * @param lastScanFinished  when the last scan ended, or null before the first
 * @param lastScanDuration  how long it took, or null
 * @param lastScanFiles     how many files it saw
 * @param scans             how many scans ended since the start
 * @param transcodeQueue    files waiting for or in a transcode
 * @param uploadQueue       files waiting for or in an upload
 * @param registered        files registered (new, aggregated, updated, moved) since the start
 * @param unchanged         files found already registered
 * @param removed           files removed from iconik because they left the disk
 * @param failed            registrations that failed (retried on a later pass)
 * @param filesPerSecond    registrations per second over the last {@link GatewayStatus#RATE_WINDOW}
 * @param uploads           objects uploaded (proxies, keyframes, originals)
 * @param bytesUploaded     bytes they held
 * @param problemCount      problems since the start
 * @param recentProblems    the last {@link GatewayStatus#RECENT_ERRORS} problems, oldest first
 * @param errorGroups       every problem since the start grouped by kind, the most recently seen first
 * @param errorKindsDropped kinds dropped from {@code errorGroups} to make room for newer ones
 * @param series            the measures over the last hour
 * @param heapUsed          bytes of Java heap in use when the reading was taken (garbage included)
 * @param heapMax           the most heap the JVM may use
 * @param commands          iconik's command queues as the command loop sees them, or null before it runs
 */
record StatusSnapshot(String storageId, String storageName, String version, Instant started, Instant now,
                      ScannerState state, String stateMessage, Instant scanStarted, Instant lastScanFinished,
                      Duration lastScanDuration, long lastScanFiles, long scans, int transcodeQueue,
                      int uploadQueue, long registered, long unchanged, long removed, long failed,
                      double filesPerSecond, long uploads, long bytesUploaded, long problemCount,
                      List<Problem> recentProblems, List<ErrorGroups.Group> errorGroups, long errorKindsDropped,
                      StatusSeries.Points series, long heapUsed, long heapMax,
                      io.github.iconiksdk.core.command.CommandStats commands) {

    /**
     * One problem.
     *
     * @param at      when
     * @param message what, naming the file
     */
    record Problem(Instant at, String message) {
    }

    /** @return the reading as nested maps and lists, in the field order {@code /status.json} documents */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("id", storageId);
        storage.put("name", storageName);
        m.put("storage", storage);
        Map<String, Object> scanner = new LinkedHashMap<>();
        scanner.put("state", state.name());
        scanner.put("label", state.label());
        scanner.put("message", stateMessage);
        scanner.put("scan_started", text(scanStarted));
        scanner.put("last_scan_finished", text(lastScanFinished));
        scanner.put("last_scan_seconds", lastScanDuration == null ? null : lastScanDuration.toMillis() / 1000.0);
        scanner.put("last_scan_files", lastScanFiles);
        scanner.put("scans", scans);
        m.put("scanner", scanner);
        Map<String, Object> queues = new LinkedHashMap<>();
        queues.put("transcode", transcodeQueue);
        queues.put("upload", uploadQueue);
        m.put("queues", queues);
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("registered", registered);
        files.put("unchanged", unchanged);
        files.put("removed", removed);
        files.put("failed", failed);
        files.put("per_second", Math.round(filesPerSecond * 100) / 100.0);
        m.put("files", files);
        Map<String, Object> up = new LinkedHashMap<>();
        up.put("count", uploads);
        up.put("bytes", bytesUploaded);
        m.put("uploads", up);
        m.put("problems", problemCount);
        m.put("recent_errors", recentProblems.stream().map(p -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("at", p.at().toString());
            e.put("message", p.message());
            return e;
        }).toList());
        m.put("errors", errorGroups.stream().map(g -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", g.kind());
            e.put("count", g.count());
            e.put("first", g.first().toString());
            Map<String, Object> latest = new LinkedHashMap<>();
            latest.put("at", g.latestAt().toString());
            latest.put("message", g.latest());
            e.put("latest", latest);
            return e;
        }).toList());
        m.put("error_kinds_dropped", errorKindsDropped);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("files_per_second", points(series.filesPerSecond(), false));
        s.put("queued", points(series.queued(), true));
        s.put("bytes_uploaded", points(series.bytesUploaded(), true));
        m.put("series", s);
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("heap_used", heapUsed);
        memory.put("heap_max", heapMax);
        m.put("memory", memory);
        m.put("commands", commands == null ? null : commands(commands));
        m.put("version", version);
        m.put("started", started.toString());
        m.put("now", now.toString());
        return m;
    }

    /** The command queues: pending, done and failed per queue, and the last few commands, newest first. */
    private static Map<String, Object> commands(io.github.iconiksdk.core.command.CommandStats c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (io.github.iconiksdk.core.command.CommandQueue q : io.github.iconiksdk.core.command.CommandQueue.values()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("pending", c.pending().getOrDefault(q, 0L));
            one.put("done", c.done().getOrDefault(q, 0L));
            one.put("failed", c.failed().getOrDefault(q, 0L));
            out.put(q.name().toLowerCase(java.util.Locale.ROOT), one);
        }
        out.put("recent", c.recent().stream().map(r -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("queue", r.queue().name().toLowerCase(java.util.Locale.ROOT));
            e.put("id", r.id());
            e.put("type", r.type());
            e.put("state", r.state());
            e.put("message", r.message());
            e.put("attempts", r.attempts());
            e.put("acknowledged", r.acknowledged());
            e.put("at", r.updated().toString());
            return e;
        }).toList());
        return out;
    }

    private static List<List<Number>> points(List<StatusSeries.Point> points, boolean whole) {
        return points.stream().map(p -> List.<Number>of(p.epochSecond(),
                whole ? (Number) Math.round(p.value()) : (Number) p.value())).toList();
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
