// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.AuthenticationException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.pattern.InvalidPatternException;
import io.github.iconiksdk.core.config.ConfigurationException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as a daemon: the SDK's {@link io.github.iconiksdk.core.ingest.IngestPipeline#run()} on the calling
 * thread until {@link #requestStop()}, with its ending turned into the command's exit code. The pipeline re-reads
 * the storage's settings before every pass and retries failures with a back-off once it has worked; before the
 * first successful contact, answers that waiting cannot fix end it: a refused Auth-Token (exit 1), an unknown
 * storage or unusable storage settings (exit 2).
 */
final class GatewayDaemon {

    private final Gateway gateway;
    private final PrintWriter err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = -1;

    GatewayDaemon(Gateway gateway, PrintWriter err) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.err = Objects.requireNonNull(err, "err");
        gateway.daemonMode();
    }

    /**
     * Runs passes until {@link #requestStop()}, or until a problem that waiting cannot fix stops it before the
     * first successful pass. Returns after the pass in flight has finished or checkpointed.
     *
     * @return the exit code: 0 when stopped on request, 1 or 2 as described on the class
     */
    int run() {
        try {
            exitCode = loop();
            return exitCode;
        } finally {
            finished.countDown();
        }
    }

    private int loop() {
        try {
            gateway.pipeline().run();
            return 0;
        } catch (ConfigurationException | InvalidPatternException e) {
            report("iconik-gateway run: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        } catch (AuthenticationException e) {
            report("iconik-gateway run: iconik refused the credentials: " + e.getMessage());
            return GatewayMain.EXIT_FAILED;
        } catch (NotFoundException e) {
            report("iconik-gateway run: storage-id: iconik has no storage with this id: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
    }

    /**
     * Asks the daemon to stop: the pass in flight ends at the next file boundary (the registration journal and the
     * scan state carry the rest over to the next start), and the wait between passes is cut short. Any thread.
     */
    void requestStop() {
        gateway.requestStop();
    }

    /**
     * Waits for {@link #run()} to return.
     *
     * @param timeout how long to wait at most
     * @return the exit code, or -1 if it is still running after {@code timeout}
     * @throws InterruptedException if the waiting thread is interrupted
     */
    int awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? exitCode : -1;
    }

    /** @return how many passes have completed */
    int passes() {
        return gateway.pipeline().passes();
    }

    private void report(String line) {
        err.println(line);
        err.flush();
    }
}
