// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.GatewayReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tells iconik what the gateway is doing, as the ISG does: the scanner's state (Inactive / Active / Failing, shown on
 * the storage's page) through {@code PUT /API/files/v1/storages/{id}/gateway/status/} whenever it changes, and a
 * report (version, host, last scan, counters, the last error lines) through {@code .../gateway/report/} at start,
 * every {@code reportPeriod}, and at stop (then with status {@code OFFLINE}).
 *
 * <p>Reporting never gets in the gateway's way: it runs on its own thread, and a failed call (iconik down, a 4xx)
 * is logged once per failure streak at WARN and tried again at the next tick. The state is checked every
 * {@code statusPeriod}, so a scan shorter than that may never show as Active in iconik; the last scan time in the
 * report says that it ran.
 */
final class StatusReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
    /** iconik's limits on the report (GatewayReportSchema). */
    static final int MAX_ERROR_LINES = 10;
    static final int MAX_LINE = 2000;
    static final int MAX_VERSION = 100;
    static final int MAX_HOST = 1000;

    private final IconikClient client;
    private final String storageId;
    private final Supplier<StatusSnapshot> status;
    private final ScheduledExecutorService timer;
    private final long reportEveryTicks;
    private ScannerState sentState;
    private boolean startReported;
    private long ticks;
    private boolean failing;
    private volatile boolean closed;

    /**
     * Starts reporting at once: the scanner's state and a first report with {@code start_status} SUCCESS.
     *
     * @param client       the client (needs the {@code is_storage_worker} role in iconik)
     * @param storageId    the storage the gateway serves
     * @param status       where readings come from
     * @param statusPeriod how often the scanner's state is checked (and sent when it changed)
     * @param reportPeriod how often the report is sent (rounded to a whole number of status periods)
     * @return the running reporter
     */
    static StatusReporter start(IconikClient client, String storageId, Supplier<StatusSnapshot> status,
                                Duration statusPeriod, Duration reportPeriod) {
        StatusReporter r = new StatusReporter(client, storageId, status, statusPeriod, reportPeriod);
        r.timer.scheduleWithFixedDelay(r::tick, 0, statusPeriod.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    private StatusReporter(IconikClient client, String storageId, Supplier<StatusSnapshot> status,
                           Duration statusPeriod, Duration reportPeriod) {
        this.client = Objects.requireNonNull(client, "client");
        this.storageId = Objects.requireNonNull(storageId, "storageId");
        this.status = Objects.requireNonNull(status, "status");
        if (statusPeriod.isNegative() || statusPeriod.isZero() || reportPeriod.compareTo(statusPeriod) < 0) {
            throw new IllegalArgumentException("statusPeriod must be positive and reportPeriod at least as long: "
                    + statusPeriod + ", " + reportPeriod);
        }
        this.reportEveryTicks = Math.max(1, reportPeriod.toMillis() / statusPeriod.toMillis());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-status-report");
            t.setDaemon(true);
            return t;
        });
    }

    private synchronized void tick() {
        if (closed) {
            return;
        }
        try {
            StatusSnapshot s = status.get();
            if (s.state() != sentState) {
                client.putGatewayStatus(storageId, s.state().name());
                sentState = s.state();
            }
            if (!startReported || ticks % reportEveryTicks == 0) {
                client.putGatewayReport(storageId, report(s, "LIVE", !startReported));
                startReported = true;
            }
            ticks++;
            if (failing) {
                LOG.info("reporting to iconik works again");
                failing = false;
            }
        } catch (IconikException e) {
            if (!failing) {
                LOG.warn("cannot report the gateway's status to iconik (tried again every tick): {}", e.getMessage());
                failing = true;
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: report it and keep the timer alive.
            LOG.warn("reporting the gateway's status failed", e);
        }
    }

    /**
     * The report body iconik takes, from one reading.
     *
     * @param s      the reading
     * @param live   {@code LIVE}, or {@code OFFLINE} when the gateway stops
     * @param start  whether this is the first report since the start (then {@code start_status} is SUCCESS)
     * @return the body
     */
    static GatewayReport report(StatusSnapshot s, String live, boolean start) {
        Integer lastScanTime = s.lastScanDuration() == null ? null
                : int32(Math.round(s.lastScanDuration().toMillis() / 1000.0));
        GatewayReport.Counts counts = new GatewayReport.Counts(null, int32(s.lastScanFiles()), int32(s.registered()),
                null, int32(s.uploads()), int32(s.failed()), null, null, null, null, null,
                int32(s.transcodeQueue()), null);
        return new GatewayReport(live, cut("iconik-sdk-gateway " + s.version(), MAX_VERSION),
                cut(hostName(), MAX_HOST),
                cut(System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch") + "; Java " + Runtime.version(), MAX_HOST),
                start ? "SUCCESS" : null, null, null, errorLines(s.recentProblems()), lastScanTime, counts);
    }

    private static List<String> errorLines(List<StatusSnapshot.Problem> problems) {
        int from = Math.max(0, problems.size() - MAX_ERROR_LINES);
        return problems.subList(from, problems.size()).stream()
                .map(p -> cut(p.at() + " " + p.message(), MAX_LINE)).toList();
    }

    private static int int32(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }

    /**
     * Stops reporting and tells iconik the gateway went away: scanner Inactive, report status OFFLINE. Waits a
     * few seconds at most; a failure is logged, not thrown.
     */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            try {
                client.putGatewayStatus(storageId, ScannerState.INACTIVE.name());
                client.putGatewayReport(storageId, report(status.get(), "OFFLINE", false));
            } catch (IconikException e) {
                LOG.warn("cannot tell iconik that the gateway stops: {}", e.getMessage());
            }
        }
    }
}
