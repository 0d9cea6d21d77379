package io.github.iconiksdk.gateway;

import io.github.iconiksdk.core.client.IconikClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shows what a running gateway does, wired in one place for {@code run}: the {@link GatewayStatus}
 * fed by the gateway, the report to iconik, the progress display and, when a port is given, the status page.
 * Closing it stops them in reverse order, the summary line last.
 */
final class GatewayOperations implements AutoCloseable {

    /** How often the scanner state is checked for iconik. */
    static final Duration STATUS_PERIOD = Duration.ofSeconds(2);
    /** How often the report goes to iconik. */
    static final Duration REPORT_PERIOD = Duration.ofSeconds(60);
    /** How often a plain progress line may be logged when not on a terminal. */
    static final Duration LOG_PERIOD = Duration.ofSeconds(30);

    private final GatewayStatus status;
    private final StatusReporter reporter;
    private final ProgressDisplay progress;
    private final StatusServer server;

    private GatewayOperations(GatewayStatus status, StatusReporter reporter, ProgressDisplay progress,
                              StatusServer server) {
        this.status = status;
        this.reporter = reporter;
        this.progress = progress;
        this.server = server;
    }

    /**
     * Attaches a status to the gateway and starts reporting, the display and (with a port) the page.
     *
     * @param gateway    the gateway; its listener is set to the new status
     * @param client     the client reports go through
     * @param storageId  the storage served
     * @param statusPort the status page's port on 127.0.0.1, 0 for any free one, or null for no page
     * @param terminal   whether to draw a progress bar rather than log lines
     * @return the running set
     * @throws java.io.UncheckedIOException if the page's port cannot be bound
     */
    static GatewayOperations start(Gateway gateway, IconikClient client, String storageId, Integer statusPort,
                                   boolean terminal) {
        Objects.requireNonNull(gateway, "gateway");
        GatewayStatus status = new GatewayStatus(storageId, version(), Clock.systemUTC());
        status.queues(gateway::transcodeQueue, gateway::uploadQueue);
        gateway.listener(status);
        StatusServer server = statusPort == null ? null : StatusServer.start(statusPort, status::snapshot);
        StatusReporter reporter = StatusReporter.start(client, storageId, status::snapshot, STATUS_PERIOD,
                REPORT_PERIOD);
        ProgressDisplay progress = ProgressDisplay.start(status::snapshot, terminal, LOG_PERIOD);
        return new GatewayOperations(status, reporter, progress, server);
    }

    /** @return the status the gateway feeds */
    GatewayStatus status() {
        return status;
    }

    /** @return the status page's port, or -1 when there is no page */
    int statusPort() {
        return server == null ? -1 : server.port();
    }

    static String version() {
        String v = GatewayOperations.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        reporter.close();
        progress.close();
    }
}
