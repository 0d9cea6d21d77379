// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.resilience.ClientResilience;
import io.github.iconiksdk.core.resilience.ResilienceEvent;
import io.github.iconiksdk.core.resilience.ResilienceListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
    private final StatusServer.Served served;
    private final ScheduledExecutorService sampler;
    private final ClientResilience resilience;
    private final ResilienceListener breakerEvents;

    private GatewayOperations(GatewayStatus status, StatusReporter reporter, ProgressDisplay progress,
                              StatusServer server, StatusServer.Served served, ScheduledExecutorService sampler,
                              ClientResilience resilience, ResilienceListener breakerEvents) {
        this.status = status;
        this.served = served;
        this.reporter = reporter;
        this.progress = progress;
        this.server = server;
        this.sampler = sampler;
        this.resilience = resilience;
        this.breakerEvents = breakerEvents;
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
        return start(gateway, client, storageId, statusPort, terminal, GatewayStatus.SERIES_PERIOD);
    }

    /**
     * As {@link #start(Gateway, IconikClient, String, Integer, boolean)}, with the series sampled every
     * {@code seriesPeriod} (tests take a short one to see the series grow).
     *
     * @param gateway      the gateway; its listener is set to the new status
     * @param client       the client reports go through; its circuit breakers say when iconik is failing
     * @param storageId    the storage served
     * @param statusPort   the status page's port on 127.0.0.1, 0 for any free one, or null for no page
     * @param terminal     whether to draw a progress bar rather than log lines
     * @param seriesPeriod how often the charts' series get a point
     * @return the running set
     * @throws java.io.UncheckedIOException if the page's port cannot be bound
     */
    static GatewayOperations start(Gateway gateway, IconikClient client, String storageId, Integer statusPort,
                                   boolean terminal, Duration seriesPeriod) {
        Objects.requireNonNull(gateway, "gateway");
        GatewayStatus status = new GatewayStatus(storageId, version(), Clock.systemUTC(), seriesPeriod);
        status.queues(gateway::transcodeQueue, gateway::uploadQueue);
        status.commands(gateway::commandStats);
        ClientResilience resilience = client.resilience();
        status.serviceHealth(() -> serviceProblem(resilience.circuitBreakers()));
        ResilienceListener breakerEvents = event -> {
            if (event.type() == ResilienceEvent.Type.CIRCUIT_OPENED) {
                status.problem(event.message());
            }
        };
        resilience.addListener(breakerEvents);
        gateway.listener(status);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-status-series");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> {
            try {
                status.sample();
            } catch (RuntimeException e) {
                // never let the timer die: the next tick samples again
            }
        }, 0, seriesPeriod.toMillis(), TimeUnit.MILLISECONDS);
        StatusServer.Served served = new StatusServer.Served(storageId, status::snapshot,
                new FileReports(status, gateway.journal(), client.endpoint().uri()));
        StatusServer server = statusPort == null ? null : StatusServer.start(statusPort, List.of(served));
        StatusReporter reporter = StatusReporter.start(client, storageId, status::snapshot, STATUS_PERIOD,
                REPORT_PERIOD);
        ProgressDisplay progress = ProgressDisplay.start(status::snapshot, terminal, LOG_PERIOD);
        return new GatewayOperations(status, reporter, progress, server, served, sampler, resilience, breakerEvents);
    }

    /**
     * Why iconik is failing as the client's circuit breakers see it, or null while every breaker is closed.
     *
     * @param breakers the client's breakers
     * @return a message naming the breakers that are open or probing, or null
     */
    static String serviceProblem(List<CircuitBreaker> breakers) {
        List<String> failing = breakers.stream().filter(b -> b.getState() != CircuitBreaker.State.CLOSED
                        && b.getState() != CircuitBreaker.State.DISABLED
                        && b.getState() != CircuitBreaker.State.METRICS_ONLY)
                .map(b -> b.getName() + " " + b.getState().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .sorted().toList();
        if (failing.isEmpty()) {
            return null;
        }
        return "iconik is failing: circuit breaker" + (failing.size() > 1 ? "s " : " ") + String.join(", ", failing)
                + "; calls fail fast and a probe is sent after each open wait; work resumes when iconik answers";
    }

    /** @return the status the gateway feeds */
    GatewayStatus status() {
        return status;
    }

    /** @return this storage's readings and file search, for a status page that serves several storages */
    StatusServer.Served served() {
        return served;
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
        resilience.removeListener(breakerEvents);
        sampler.shutdownNow();
        if (server != null) {
            server.close();
        }
        reporter.close();
        progress.close();
    }
}
