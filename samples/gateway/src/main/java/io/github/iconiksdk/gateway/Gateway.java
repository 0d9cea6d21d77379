// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.AuthenticationException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.pattern.InvalidPatternException;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.core.client.Credentials;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.command.CommandStats;
import io.github.iconiksdk.core.command.TwoWayGateway;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestListener;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.core.ingest.StorageSettings;
import io.github.iconiksdk.core.ingest.TranscodeBudget;
import io.github.iconiksdk.core.plugin.TranscoderPlugins;
import io.github.iconiksdk.ffmpeg.FfmpegTranscoderProvider;
import io.github.iconiksdk.postgresql.PostgresStateDatabase;
import io.github.iconiksdk.postgresql.SharedPipelineState;
import io.github.iconiksdk.postgresql.StorageRole;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sample gateway's wiring of the SDK's {@link IngestPipeline}: a client from the configuration, the installed
 * transcoders (FFmpeg with the configured job limit), and a listener that prints what the pipeline reports on
 * stderr and feeds the {@link GatewayListener} (status page, progress display, report to iconik). One instance
 * serves one storage.
 */
final class Gateway implements AutoCloseable, IngestListener {

    private final IconikClient client;
    private final PrintWriter err;
    private final IngestPipeline pipeline;
    private final TranscoderPlugins plugins;
    private volatile GatewayListener listener = GatewayListener.NONE;
    private volatile boolean daemon;
    private int passesReported;
    private final GatewayConfig config;
    private final String storageId;
    private TwoWayGateway commands;
    private boolean closed;
    private final PostgresStateDatabase database;
    private final SharedPipelineState shared;
    private volatile String linePrefix = "";

    Gateway(GatewayConfig config, PrintWriter err) {
        this(config, err, client(config), null);
    }

    /**
     * A gateway for one of several storages that one process serves: they share the client, and so its rate limit
     * and retries, and the process's transcode budget.
     *
     * @param config the storage's configuration (its storage id and data dir)
     * @param err    where lines for people go
     * @param client the process's client
     * @param budget the process's transcode budget ({@code max-transcoding-jobs} of {@code [main]}), or null for
     *               this storage's own limit only
     */
    Gateway(GatewayConfig config, PrintWriter err, IconikClient client, TranscodeBudget budget) {
        this.err = err;
        this.config = config;
        this.storageId = config.storageId().orElseThrow();
        this.client = client;
        this.plugins = TranscoderPlugins.load(config.pluginsDir());
        PostgresStateDatabase db = null;
        SharedPipelineState state = null;
        try {
            IngestPipeline.Builder pb = IngestPipeline.builder().client(client).storageId(storageId).config(config)
                    .transcoders(transcoders(plugins)).listener(this);
            if (budget != null) {
                pb.transcodeBudget(budget);
            }
            if (config.stateUrl().isPresent()) {
                // a fleet: scan state, journal and work queue on the shared database (docs/scale-out.md)
                db = PostgresStateDatabase.open(config.stateUrl().get());
                state = db.share(storageId, config.workLease());
                state.applyTo(pb);
            }
            this.pipeline = pb.build();
        } catch (RuntimeException e) {
            closeQuietly(state, db);
            plugins.close();
            throw e;
        }
        this.database = db;
        this.shared = state;
    }

    private static void closeQuietly(SharedPipelineState state, PostgresStateDatabase db) {
        try {
            if (state != null) {
                state.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    /** @return the shared database's description (without a password) when this gateway is part of a fleet */
    Optional<String> sharedState() {
        return Optional.ofNullable(database).map(PostgresStateDatabase::toString);
    }

    /**
     * The client a configuration describes: iconik's URL, the credentials, the proxy, the rate limit.
     *
     * @param config the configuration
     * @return the client
     */
    static IconikClient client(GatewayConfig config) {
        IconikClient.Builder b = IconikClient.builder().endpoint(config.iconikUrl().toString())
                .credentials(Credentials.of(config.appId().orElseThrow(), config.authToken().orElseThrow()));
        config.httpProxy().ifPresent(p -> b.proxy(new InetSocketAddress(p.getHost(), p.getPort() < 0 ? 80 : p.getPort())));
        b.rateLimit(config.apiRequestsPerSecond() == 0 ? RateLimitOptions.disabled()
                : RateLimitOptions.builder().requestsPerSecond(config.apiRequestsPerSecond()).build());
        return b.build();
    }

    /**
     * The transcoder providers: the SDK's (FFmpeg, and the watch-folder, PDF and RAW plugins shipped in the gateway)
     * and those in the jars of {@code plugins-dir}; the pipeline configures them (FFmpeg's jobs to
     * {@code max-transcoding-jobs}) and asks the plugins' claims before probing.
     */
    private static List<TranscoderProvider> transcoders(TranscoderPlugins plugins) {
        List<TranscoderProvider> out = new ArrayList<>(plugins.providers());
        if (out.stream().noneMatch(p -> p.name().equals("ffmpeg"))) {
            out.add(new FfmpegTranscoderProvider());
        }
        return out;
    }

    /**
     * Runs one pass; see {@link IngestPipeline#runOnce(boolean)}.
     *
     * @param waitForGrowing whether to scan again until no file is growing
     * @return what the pass did
     */
    IngestSummary ingest(boolean waitForGrowing) {
        return pipeline.runOnce(waitForGrowing);
    }

    /** @return the pipeline this gateway wires */
    IngestPipeline pipeline() {
        return pipeline;
    }

    /**
     * Tells the gateway who watches it (the status page, the progress display, the report to iconik); set before
     * the first pass.
     *
     * @param listener the listener; {@link GatewayListener#NONE} for nobody
     */
    void listener(GatewayListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** @return the client the gateway talks to iconik with (for the status report to share its rate limit) */
    IconikClient client() {
        return client;
    }

    /** @return files waiting for or in a transcode in the pass running now (0 between passes) */
    int transcodeQueue() {
        return pipeline.transcodeBacklog();
    }

    /** @return files waiting for or in an upload in the pass running now (0 between passes) */
    int uploadQueue() {
        return pipeline.uploadBacklog();
    }

    /**
     * Reads the storage's settings from iconik; every pass does this first.
     *
     * @return the settings now in force
     */
    StorageSettings refreshSettings() {
        return pipeline.refreshSettings();
    }

    /** Asks a running pass to end at the next file boundary (and the daemon to stop). Any thread. */
    void requestStop() {
        pipeline.requestStop();
    }

    /**
     * Switches the printed lines to the daemon's: a pass that found nothing changed prints no "scanned" line, a
     * pass that did something prints its summary, failures print when the next try comes; and makes the gateway
     * two-way: the SDK's {@link TwoWayGateway} runs the command loop from the end of the first pass on.
     */
    synchronized void daemonMode() {
        daemon = true;
        if (commands != null || closed) {
            return;
        }
        // two-way: iconik's SCAN button, transfers, deletions, keyframes requests, the collection map
        // (docs/commands.md); in a fleet, only the holder of the storage's role runs it (docs/scale-out.md)
        TwoWayGateway.Builder b = TwoWayGateway.builder(pipeline, client, storageId,
                config.dataDir().resolve("commands.db")).interval(config.commandPoll()).listener(this::commandsState);
        if (shared != null) {
            b.registrationStore(shared.registrationStore()).role(StorageRole.commandRole(database, storageId));
        }
        commands = b.build();
    }

    /** Prints what the command loop does, in the words of {@code run}. */
    private void commandsState(TwoWayGateway.State state, String detail) {
        switch (state) {
            case RUNNING -> {
                if (database != null) {
                    print("iconik-gateway run: this gateway runs the fleet's command loop for this storage");
                }
            }
            case STANDBY -> print("iconik-gateway run: another gateway of the fleet runs the command loop (SCAN"
                    + " button, transfers, deletions) for this storage; this one takes over if it stops");
            case START_FAILED -> print("iconik-gateway run: " + detail + " (SCAN button, transfers, deletions);"
                    + " tried again after the next pass");
            case ROLE_LOST -> print("iconik-gateway run: " + detail + "; this gateway asks for it again after its"
                    + " next pass");
        }
    }

    @Override
    public void onEvent(IngestEvent event) {
        GatewayListener l = listener;
        if (event instanceof IngestEvent.StorageRead e) {
            l.storageRead(e.storageId(), e.name());
        } else if (event instanceof IngestEvent.SettingsChanged e) {
            print("storage settings changed in iconik: " + String.join(", ", e.names())
                    + "; they apply from this pass on");
        } else if (event instanceof IngestEvent.ScanningOff) {
            print("scanning is off for this storage in iconik; waiting for it to be turned on");
        } else if (event instanceof IngestEvent.ScanStarted) {
            l.scanStarted();
        } else if (event instanceof IngestEvent.ScanFinished e) {
            l.scanFinished(e.summary());
            ScanSummary s = e.summary();
            if (!daemon || s.added() + s.modified() + s.removed() + s.moved() + s.growing() > 0) {
                print(String.format("scanned %d files in %.1f s: %d new, %d modified, %d removed, %d moved, "
                                + "%d growing", s.filesScanned(), s.elapsed().toMillis() / 1000.0, s.added(),
                        s.modified(), s.removed(), s.moved(), s.growing()));
            }
        } else if (event instanceof IngestEvent.FileRegistered e) {
            l.fileRegistered(e.path(), e.outcome());
        } else if (event instanceof IngestEvent.FileFailed e) {
            print("failed: " + e.path() + ": " + e.message());
            l.fileFailed(e.path(), e.message());
        } else if (event instanceof IngestEvent.Uploaded e) {
            l.uploaded(e.path(), e.bytes());
        } else if (event instanceof IngestEvent.Problem e) {
            print(e.message());
            l.problem(e.message());
        } else if (event instanceof IngestEvent.Notice e) {
            print(e.message());
        } else if (event instanceof IngestEvent.PassFailed e) {
            l.passFailed(e.message());
            e.retryIn().ifPresent(wait -> print("iconik-gateway run: " + daemonFailure(e.cause())
                    + "trying again in " + wait.toSeconds() + " s"));
        } else if (event instanceof IngestEvent.PassFinished e) {
            int pass;
            synchronized (this) {
                pass = ++passesReported;
            }
            if (daemon && (e.summary().registered() > 0 || !e.summary().failed().isEmpty())) {
                print("pass " + pass + ": " + e.summary().summaryLine());
            }
        } else if (event instanceof IngestEvent.PartialPassFinished e) {
            int after;
            synchronized (this) {
                after = passesReported;
            }
            if (daemon && (e.summary().registered() > 0 || !e.summary().failed().isEmpty())) {
                print("pass " + after + ", changes since: " + e.summary().summaryLine());
            }
        } else if (event instanceof IngestEvent.Stopped e) {
            print("stopped after " + e.passes() + " passes: " + e.registered() + " files registered, " + e.failed()
                    + " left for a later run");
        }
    }

    /** The daemon's words for a failed pass it will try again, up to the wait. */
    private static String daemonFailure(RuntimeException e) {
        if (e instanceof ConfigurationException || e instanceof InvalidPatternException) {
            return "the storage's settings cannot be used: " + e.getMessage() + "; fix them in iconik; ";
        }
        if (e instanceof AuthenticationException) {
            return "iconik refused the credentials: " + e.getMessage() + "; ";
        }
        if (e instanceof NotFoundException) {
            return e.getMessage() + "; ";
        }
        return "iconik cannot be reached or failed: " + e.getMessage() + "; nothing is lost, ";
    }

    /**
     * Starts every printed line with a prefix: the storage's id in brackets when one process serves several.
     *
     * @param prefix the prefix, {@code ""} for none
     */
    void linePrefix(String prefix) {
        this.linePrefix = Objects.requireNonNull(prefix, "prefix");
    }

    private void print(String line) {
        synchronized (err) {
            err.println(linePrefix + line);
            err.flush();
        }
    }

    /** @return the command queues and the last few commands, while the command loop runs in this gateway */
    synchronized Optional<CommandStats> commandStats() {
        return commands == null ? Optional.empty() : commands.stats();
    }

    @Override
    public void close() {
        TwoWayGateway loop;
        synchronized (this) {
            closed = true;
            loop = commands;
        }
        if (loop != null) {
            loop.close(); // the loop, its handlers, the file catalog, then the role: before the pipeline and state
        }
        try {
            pipeline.close();
        } finally {
            try {
                closeQuietly(shared, database);
            } finally {
                plugins.close();
            }
        }
    }

    /** The bundled FFmpeg transcoder with the configured job limit, made once on first use. */
    /**
     * The registration journal's answers for the status page's file search; nothing until the first pass opened
     * the journal. Any thread.
     *
     * @return the journal's view of one file at a time
     */
    FileReports.Journal journal() {
        return new FileReports.Journal() {
            @Override
            public Optional<Registration> registration(String path) {
                return pipeline.registration(path);
            }

            @Override
            public List<String> pendingWork(String path) {
                return pipeline.pendingWork(path).stream().map(Enum::name).toList();
            }
        };
    }
}
