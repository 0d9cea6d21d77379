// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import io.github.iconiksdk.api.upload.RegistrationStore;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestListener;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes an {@link IngestPipeline} two-way: runs the storage's {@link CommandLoop} beside it, with every handler of
 * {@link GatewayHandlers} wired to the pipeline, so that what a user asks of the storage in iconik reaches it:
 * the SCAN button scans the paths it names now ({@link IngestPipeline#scanPaths}), copies into and out of the
 * storage, deletions and the collection map's events are carried out, and a keyframes request marks the file's
 * renditions wanted and runs a pass ({@link IngestPipeline#wantRenditions}).
 *
 * <pre>{@code
 * try (IngestPipeline pipeline = IngestPipeline.builder().client(client).storageId(storageId).config(config)
 *              .build();
 *      TwoWayGateway commands = TwoWayGateway.builder(pipeline, client, storageId,
 *              config.dataDir().resolve("commands.db")).interval(config.commandPoll()).build()) {
 *     pipeline.run();   // the loop starts once the first pass has read the storage's settings
 * }
 * }</pre>
 *
 * <p>The loop starts after the pipeline's first complete pass (the mount point and the scan directories come from
 * the storage settings that pass read; those in force then stay the loop's), or at once when the pipeline has
 * completed one already. When the process must first hold a {@link CommandRole} (a fleet: one gateway per storage
 * runs the loop), it asks for it then and again after every later pass until it gets it, and stops the loop when
 * the role is lost ({@link CommandRole.Held#isHeld()}, asked before each poll), asking again after the next pass.
 * A loop that cannot start (its journal cannot be opened, the mount point is not a folder here) is reported to
 * the {@link Listener} and tried again after the next pass; whatever the attempt had opened is closed.
 *
 * <p>Thread-safe. {@link #close()} stops the loop (running commands finish), then closes its handlers, the file
 * catalog and the role, in that order, and leaves the pipeline open (close it after this).
 */
public final class TwoWayGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwoWayGateway.class);

    /** What the gateway's command loop is doing, as reported to its {@link Listener}. */
    public enum State {
        /** The loop runs: this process polls iconik's queues for the storage. */
        RUNNING,
        /** Another process holds the {@link CommandRole}; this one asks again after each pass. Reported once. */
        STANDBY,
        /** The role could not be asked for, or the loop could not start; tried again after the next pass. */
        START_FAILED,
        /** The role was lost while the loop ran; the loop stopped, and the role is asked for after the next pass. */
        ROLE_LOST
    }

    /** Receives the loop's {@link State} changes; called from the pipeline's pass thread or the loop's poller. */
    @FunctionalInterface
    public interface Listener {

        /** A listener that ignores everything. */
        Listener NONE = (state, detail) -> { };

        /**
         * The loop's state changed.
         *
         * @param state  the new state
         * @param detail why, for people ({@code ""} when there is nothing to add): the failure's message for
         *               {@link State#START_FAILED}
         */
        void stateChanged(State state, String detail);
    }

    private final IngestPipeline pipeline;
    private final IconikClient client;
    private final String storageId;
    private final Path journalFile;
    private final Duration interval;
    private final RegistrationStore registrationStore;
    private final CommandRole role;
    private final Listener listener;
    private final IngestListener passes = this::onPipelineEvent;

    // guarded by this
    private CommandLoop loop;
    private FileCatalog catalog;
    private CommandRole.Held held;
    private boolean closed;
    private boolean stopping;
    private boolean standbyReported;

    private TwoWayGateway(Builder b) {
        this.pipeline = b.pipeline;
        this.client = b.client;
        this.storageId = b.storageId;
        this.journalFile = b.journalFile;
        this.interval = b.interval;
        this.registrationStore = b.registrationStore;
        this.role = b.role;
        this.listener = b.listener;
    }

    /**
     * Starts building the two-way wiring of a pipeline.
     *
     * @param pipeline    the storage's pipeline (its manual scans, keyframes requests and passes)
     * @param client      the iconik client (its credentials need the storage worker and transfer roles)
     * @param storageId   the pipeline's storage
     * @param journalFile the command journal, SQLite (created if needed; keep it in the pipeline's data dir)
     * @return a builder
     */
    public static Builder builder(IngestPipeline pipeline, IconikClient client, String storageId, Path journalFile) {
        return new Builder(pipeline, client, storageId, journalFile);
    }

    /** @return the command queues and the last few commands while the loop runs here; empty otherwise */
    public synchronized Optional<CommandStats> stats() {
        return loop == null ? Optional.empty() : Optional.of(loop.stats());
    }

    /** @return whether the loop runs in this process now */
    public synchronized boolean isRunning() {
        return loop != null;
    }

    private void onPipelineEvent(IngestEvent event) {
        if (event instanceof IngestEvent.PassFinished) {
            startIfAllowed();
        }
    }

    /** Starts the loop when it does not run, the settings are known and the role is this process's. */
    private synchronized void startIfAllowed() {
        if (loop != null || closed || stopping) {
            return; // a loop being stopped is started again after the next pass
        }
        StorageSettings s = pipeline.settings().orElse(null);
        if (s == null) {
            return;
        }
        CommandRole.Held taken;
        try {
            taken = role.tryTake().orElse(null);
        } catch (RuntimeException e) {
            report(State.START_FAILED, "cannot ask who runs the command loop: " + e.getMessage());
            return;
        }
        if (taken == null) {
            if (!standbyReported) {
                standbyReported = true;
                report(State.STANDBY, "another process runs the command loop of storage " + storageId);
            }
            return;
        }
        standbyReported = false;
        List<CommandHandler> made = new ArrayList<>();
        FileCatalog opened = null;
        CommandLoop built = null;
        try {
            FileSettings fs = s.fileSettings();
            MountPoint mount = MountPoint.of(s.mountPoint(), fs.scanDirectories() == null ? List.of()
                    : fs.scanDirectories(), Boolean.TRUE.equals(fs.allowAccessOutsideScanDirectories()));
            opened = registrationStore != null ? FileCatalog.registrationStore(registrationStore)
                    : FileCatalog.registrationJournal(journalFile.resolveSibling("registrations.db"));
            CommandLoop.Builder b = CommandLoop.builder(client, storageId, journalFile).interval(interval);
            if (role != CommandRole.ALWAYS) {
                b.pollWhile(() -> stillHeld(taken));
            }
            b.handler(GatewayHandlers.SCAN, keep(made, GatewayHandlers.scanRequests(mount,
                    paths -> pipeline.scanPaths(paths.stream().map(mount::relativize).toList()))));
            b.handler(CommandQueue.TRANSFERS_TO.itemType(), keep(made,
                    GatewayHandlers.transfersIn(client, storageId, mount, opened)));
            b.handler(CommandQueue.TRANSFERS_FROM.itemType(), keep(made,
                    GatewayHandlers.transfersOut(client, storageId, mount, opened)));
            b.handler(CommandQueue.DELETIONS.itemType(), keep(made,
                    GatewayHandlers.deletions(client, storageId, mount, opened)));
            CommandHandler maps = keep(made, GatewayHandlers.collectionMaps(client, storageId, mount, opened));
            b.handler(GatewayHandlers.REQUEST_COLLECTION_MAP, maps);
            b.handler(GatewayHandlers.COLLECTION_DELETED, maps);
            b.handler(GatewayHandlers.TRANSCODE, keep(made, GatewayHandlers.transcodeRequests(client, storageId,
                    mount, (assetId, file, path) -> {
                        pipeline.wantRenditions(path); // even with local transcoding off: the request is explicit
                        pipeline.runOnce(true);
                    })));
            built = b.build();
            built.start();
        } catch (RuntimeException e) {
            if (built != null) {
                built.close(); // closes the handlers too
            } else {
                made.forEach(TwoWayGateway::closeQuietly);
            }
            closeCatalog(opened);
            taken.close();
            report(State.START_FAILED, "the command loop cannot start: " + e.getMessage());
            return;
        }
        loop = built;
        catalog = opened;
        held = taken;
        report(State.RUNNING, "");
    }

    private static CommandHandler keep(List<CommandHandler> made, CommandHandler h) {
        made.add(h);
        return h;
    }

    /** The loop's guard: asked before each poll; a lost role stops the loop (on another thread: this is the poller). */
    private boolean stillHeld(CommandRole.Held taken) {
        boolean held;
        try {
            held = taken.isHeld();
        } catch (RuntimeException e) {
            held = false; // a role that cannot be confirmed may be someone else's
        }
        if (held) {
            return true;
        }
        Thread t = new Thread(() -> {
            if (stop(taken)) {
                report(State.ROLE_LOST, "the command loop of storage " + storageId
                        + " stopped: its role is no longer this process's");
            }
        }, "iconik-command-role-lost");
        t.setDaemon(true);
        t.start();
        return false;
    }

    /**
     * Stops the loop that runs with this role (any loop when {@code with} is null): the loop, then the catalog,
     * then the role. Returns whether it stopped one.
     */
    private boolean stop(CommandRole.Held with) {
        CommandLoop l;
        FileCatalog c;
        CommandRole.Held h;
        synchronized (this) {
            if (loop == null || (with != null && held != with)) {
                return false;
            }
            l = loop;
            c = catalog;
            h = held;
            loop = null;
            catalog = null;
            held = null;
            stopping = true; // no new loop on the same journal until this one is closed
        }
        try {
            l.close(); // running commands finish and are acknowledged
        } finally {
            closeCatalog(c);
            h.close(); // after the loop's last command: another process may take over now
            synchronized (this) {
                stopping = false;
                notifyAll();
            }
        }
        return true;
    }

    private static void closeCatalog(FileCatalog c) {
        if (c instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the file catalog {} failed: {}", c, e.toString());
            }
        }
    }

    private static void closeQuietly(CommandHandler h) {
        try {
            h.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the command handler {} failed: {}", h, e.toString());
        }
    }

    private void report(State state, String detail) {
        try {
            listener.stateChanged(state, detail);
        } catch (RuntimeException e) {
            LOG.warn("the two-way gateway's listener failed on {}: {}", state, e.toString());
        }
    }

    /**
     * Stops listening to the pipeline, stops the loop (letting running commands finish, up to 30 s), then closes
     * its handlers, the file catalog and the role, in that order. Idempotent; the pipeline stays open.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        pipeline.removeListener(passes);
        stop(null);
        synchronized (this) {
            boolean interrupted = false;
            while (stopping) { // a loop stopped because its role was lost is still closing
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Builds a {@link TwoWayGateway}. */
    public static final class Builder {
        private final IngestPipeline pipeline;
        private final IconikClient client;
        private final String storageId;
        private final Path journalFile;
        private Duration interval = Duration.ofSeconds(5);
        private RegistrationStore registrationStore;
        private CommandRole role = CommandRole.ALWAYS;
        private Listener listener = Listener.NONE;

        private Builder(IngestPipeline pipeline, IconikClient client, String storageId, Path journalFile) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
            this.client = Objects.requireNonNull(client, "client");
            this.storageId = Objects.requireNonNull(storageId, "storageId");
            this.journalFile = Objects.requireNonNull(journalFile, "journalFile");
        }

        /**
         * @param interval the time between polls of iconik's queues (default 5 s), whatever the scan interval
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder interval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive, not " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * The registration store the pipeline journals in, when it was given one
         * ({@link IngestPipeline.Builder#registrationStore}: a fleet's shared database): the file catalog is kept
         * there ({@link FileCatalog#registrationStore}), so every gateway's scanner finds a transferred-in file
         * registered. Without it the catalog is the SQLite registration journal {@code registrations.db} beside
         * the command journal, which is where the pipeline keeps it when the command journal is in its data dir.
         *
         * @param store the pipeline's registration store; the caller keeps it open
         * @return this builder
         */
        public Builder registrationStore(RegistrationStore store) {
            this.registrationStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param role what this process must hold to run the loop (a fleet's); default {@link CommandRole#ALWAYS}
         * @return this builder
         */
        public Builder role(CommandRole role) {
            this.role = Objects.requireNonNull(role, "role");
            return this;
        }

        /**
         * @param listener receives the loop's state changes; default {@link Listener#NONE}
         * @return this builder
         */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the wiring and starts listening to the pipeline; the loop starts after its next complete pass, or
         * now when it has completed one already. Opens nothing until then.
         *
         * @return the two-way gateway
         */
        public TwoWayGateway build() {
            TwoWayGateway g = new TwoWayGateway(this);
            pipeline.addListener(g.passes);
            if (pipeline.passes() > 0) {
                g.startIfAllowed();
            }
            return g;
        }
    }
}
