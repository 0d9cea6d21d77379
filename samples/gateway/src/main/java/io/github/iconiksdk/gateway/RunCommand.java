// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.TranscodeBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code run}: the gateway daemon. The work of {@code ingest} every scan interval, with the storage's settings read
 * from iconik before each pass, until SIGINT or SIGTERM; then the pass in flight ends at a file boundary (the
 * journal and the scan state carry the rest over to the next start) and the process exits 0.
 */
@Command(name = "run", sortOptions = false,
        footer = "  ./iconik-gateway run --config /etc/iconik/config.ini --status-port 8080",
        description = {"The gateway daemon: scan and register every scan interval until SIGINT/SIGTERM.",
                "Storage settings are re-read from iconik before every pass; changes apply without a restart.",
                "Exit 0 when stopped by a signal, 1 when iconik refuses the credentials, 2 for bad configuration."})
final class RunCommand implements Callable<Integer> {

    /** How long a signal waits for the pass in flight to reach a file boundary before the process exits anyway. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions options;

    @Option(names = "--status-port", paramLabel = "N",
            description = "Serve the status page on 127.0.0.1:N: / for people, /status.json for programs."
                    + " Off unless given.")
    Integer statusPort;

    @Option(names = "--watch", negatable = true,
            description = "Use file-system change hints (inotify) to register new files within seconds of their"
                    + " last write; --no-watch: only the periodic scan (config key watch, default on).")
    Boolean watch;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (statusPort != null && (statusPort < 1 || statusPort > 65535)) {
            err.println("iconik-gateway run: --status-port must be between 1 and 65535, not " + statusPort);
            return GatewayMain.EXIT_USAGE;
        }
        List<String> storages;
        try {
            storages = options.storages(System.getenv()); // --storage-id, else the file's [storage:ID] sections
        } catch (ConfigurationException e) {
            err.println("iconik-gateway run: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        if (storages.size() > 1) {
            return runSeveral(storages, err);
        }
        GatewayConfig config;
        try {
            options.watch = watch;
            config = options.resolve(System.getenv());
        } catch (ConfigurationException e) {
            err.println("iconik-gateway run: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        config.warnings().forEach(w -> err.println("warning: " + w));
        CountDownLatch closed = new CountDownLatch(1);
        try (DataDirLock lock = DataDirLock.acquire(config.dataDir());
             Gateway gateway = new Gateway(config, err);
             GatewayOperations operations = GatewayOperations.start(gateway, gateway.client(),
                     config.storageId().orElseThrow(), statusPort, ProgressDisplay.onTerminal())) {
            if (statusPort != null) {
                err.println("iconik-gateway run: status page on http://127.0.0.1:" + operations.statusPort() + "/");
            }
            GatewayDaemon daemon = new GatewayDaemon(gateway, err);
            Thread hook = new Thread(() -> stopOnSignal("run", daemon, closed, err), "iconik-gateway-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("iconik-gateway run: serving storage " + config.storageId().orElseThrow() + " at "
                    + config.iconikUrl() + "; data in " + config.dataDir()
                    + gateway.sharedState().map(db -> "; shared state in " + db).orElse("")
                    + "; SIGINT or SIGTERM stops it");
            err.flush();
            int code = daemon.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived as the daemon ended: the hook finishes the exit
            }
            return code;
        } catch (java.io.UncheckedIOException | DataDirLock.BusyException | ConfigurationException e) {
            return startFailed(e, err);
        } finally {
            closed.countDown(); // the journal, the scan state and the lock are closed
        }
    }

    /**
     * One process, several storages (repeated {@code --storage-id}, or the config file's {@code [storage:ID]}
     * sections, each with its own keys over {@code [main]}'s): a gateway per storage (own mount point, settings, scan
     * state and journal in {@code DATA_DIR/ID}, own status report to iconik), all on one client, so they share its
     * rate limit and retries, and on one transcode budget ({@code max-transcoding-jobs} of {@code [main]} or the
     * environment: a section's value bounds its storage's share). The status page, when asked for, shows every
     * storage ({@link StatusServer}).
     */
    private Integer runSeveral(List<String> ids, PrintWriter err) {
        if (new HashSet<>(ids).size() != ids.size()) {
            err.println("iconik-gateway run: --storage-id: a storage is given more than once: " + ids);
            return GatewayMain.EXIT_USAGE;
        }
        GatewayConfig first;
        List<GatewayConfig> configs = new ArrayList<>();
        int transcodingJobs;
        try {
            options.watch = watch;
            first = options.resolve(System.getenv(), ids.get(0), null);
            transcodingJobs = options.processTranscodingJobs(System.getenv());
            for (String id : ids) {
                configs.add(options.resolve(System.getenv(), id, first.dataDir().resolve(id)));
            }
        } catch (ConfigurationException e) {
            err.println("iconik-gateway run: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        first.warnings().forEach(w -> err.println("warning: " + w));
        CountDownLatch closed = new CountDownLatch(1);
        List<AutoCloseable> open = new ArrayList<>();
        List<GatewayDaemon> daemons = new ArrayList<>();
        List<StatusServer.Served> served = new ArrayList<>();
        try (DataDirLock lock = DataDirLock.acquire(first.dataDir())) {
            io.github.iconiksdk.core.client.IconikClient client = Gateway.client(first);
            // max-transcoding-jobs is the process's: the storages' transcodes together stay within [main]'s value
            TranscodeBudget budget = TranscodeBudget.of(transcodingJobs);
            for (GatewayConfig c : configs) {
                String id = c.storageId().orElseThrow();
                Gateway gateway = new Gateway(c, err, client, budget);
                open.add(gateway);
                gateway.linePrefix("[" + id + "] ");
                GatewayOperations operations = GatewayOperations.start(gateway, client, id, null, false);
                open.add(operations);
                served.add(operations.served());
                daemons.add(new GatewayDaemon(gateway, err));
            }
            if (statusPort != null) {
                open.add(StatusServer.start(statusPort, served));
                err.println("iconik-gateway run: status page of every storage on http://127.0.0.1:" + statusPort
                        + "/");
            }
            Thread hook = new Thread(() -> stopOnSignal("run", daemons, closed, err), "iconik-gateway-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("iconik-gateway run: serving storages " + String.join(", ", ids) + " at "
                    + first.iconikUrl() + " on one client; data in " + first.dataDir()
                    + "/ID; SIGINT or SIGTERM stops it");
            err.flush();
            List<Thread> threads = new ArrayList<>();
            int[] codes = new int[daemons.size()];
            for (int i = 0; i < daemons.size(); i++) {
                int k = i;
                Thread t = new Thread(() -> codes[k] = daemons.get(k).run(), "gateway-" + ids.get(i));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived as the daemons ended: the hook finishes the exit
            }
            return java.util.Arrays.stream(codes).max().orElse(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayMain.EXIT_FAILED;
        } catch (java.io.UncheckedIOException | DataDirLock.BusyException | ConfigurationException e) {
            return startFailed(e, err);
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception e) {
                    err.println("iconik-gateway run: closing: " + e);
                }
            }
            closed.countDown();
        }
    }

    /**
     * What {@code run} prints and exits with when a gateway cannot start: the status port cannot be bound (2),
     * another gateway holds the data dir (1), the configuration is unusable (2).
     */
    private static int startFailed(RuntimeException e, PrintWriter err) {
        if (e instanceof java.io.UncheckedIOException) {
            err.println("iconik-gateway run: --status-port: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        err.println("iconik-gateway run: " + e.getMessage());
        return e instanceof DataDirLock.BusyException ? GatewayMain.EXIT_FAILED : GatewayMain.EXIT_USAGE;
    }

    /**
     * The shutdown hook: SIGINT and SIGTERM start the JVM's shutdown, which runs this. It stops the daemon, waits
     * for the pass in flight to reach a file boundary and its resources to close, and then ends the process with
     * the daemon's own exit code (0), which the JVM would otherwise replace with 128 + the signal number.
     */
    static void stopOnSignal(String command, GatewayDaemon daemon, CountDownLatch closed, PrintWriter err) {
        stopOnSignal(command, List.of(daemon), closed, err);
    }

    /**
     * {@link #stopOnSignal(String, GatewayDaemon, CountDownLatch, PrintWriter)} for the daemons of one or several
     * storages: all are asked to stop at once and share one {@link #STOP_GRACE}; the exit code is the highest.
     */
    static void stopOnSignal(String command, List<GatewayDaemon> daemons, CountDownLatch closed, PrintWriter err) {
        boolean one = daemons.size() == 1;
        err.println("iconik-gateway " + command + ": stopping; " + (one ? "the pass in flight ends"
                : "the passes in flight end") + " at the next file");
        err.flush();
        daemons.forEach(GatewayDaemon::requestStop);
        int code = 0;
        try {
            long end = System.nanoTime() + STOP_GRACE.toNanos();
            for (GatewayDaemon d : daemons) {
                int c = d.awaitFinished(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
                code = c < 0 ? -1 : Math.max(code, c);
                if (c < 0) {
                    break;
                }
            }
            if (code >= 0) {
                closed.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            code = -1;
        }
        if (code < 0) {
            err.println("iconik-gateway " + command + ": " + (one ? "the" : "a")
                    + " pass in flight did not stop within "
                    + STOP_GRACE.toSeconds() + " s; exiting anyway ("
                    + (one ? "the journal resumes it" : "the journals resume them") + " on the next start)");
            code = 0;
        }
        err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }

    /**
     * An exclusive lock on {@code DATA_DIR/gateway.lock}, so that two gateways never share a scan state and
     * journal. The operating system releases it when the process dies, however it dies.
     */
    static final class DataDirLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private DataDirLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static DataDirLock acquire(Path dataDir) {
            Path file = dataDir.resolve("gateway.lock");
            try {
                Files.createDirectories(dataDir);
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l == null) {
                    ch.close();
                    throw new BusyException("data-dir: another gateway is running with " + dataDir
                            + " (it holds " + file + ")");
                }
                return new DataDirLock(ch, l);
            } catch (IOException e) {
                throw new ConfigurationException("data-dir", "data-dir: cannot use " + dataDir + ": " + e);
            }
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }

        /** Another process holds the lock. */
        static final class BusyException extends RuntimeException {
            private static final long serialVersionUID = 1L;

            BusyException(String message) {
                super(message);
            }
        }
    }
}
