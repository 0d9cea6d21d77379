package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.AuthenticationException;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.pattern.InvalidPatternException;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.config.ConfigurationException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The gateway as a daemon: one {@link Gateway} pass every {@code scan_interval_seconds}, on the calling thread (so
 * never two at once), until {@link #requestStop()}. The storage's settings are read from iconik before every pass,
 * so a change made in iconik (patterns, interval, the scan, upload and transcode switches, the sidecar view) applies
 * from the next pass on without a restart: the pass builds its scanner and pattern set from them.
 *
 * <p>Failures never end the daemon once it has worked: iconik unreachable, failing or refusing, or settings it
 * cannot use (a bad pattern, a mount point that is not a folder) are reported on stderr and tried again with a
 * back-off that doubles from {@value #FIRST_BACKOFF_SECONDS} s to {@value #MAX_BACKOFF_SECONDS} s. Before the first
 * successful contact, answers that waiting cannot fix end it: a refused Auth-Token (exit 1), an unknown storage or
 * unusable storage settings (exit 2).
 */
final class GatewayDaemon {

    static final int FIRST_BACKOFF_SECONDS = 2;
    static final int MAX_BACKOFF_SECONDS = 60;
    /** iconik's default scan interval, used when the storage does not say. */
    static final int DEFAULT_INTERVAL_SECONDS = 5;

    private final Gateway gateway;
    private final PrintWriter err;
    private final Object wake = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile int exitCode = -1;
    private int passes;
    private long registered;
    private long failedFiles;

    GatewayDaemon(Gateway gateway, PrintWriter err) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.err = Objects.requireNonNull(err, "err");
        gateway.reportIdlePasses(false);
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
        FileSettings previous = null;
        boolean contacted = false;
        boolean workedOnce = false;
        int failures = 0;
        boolean scanOffReported = false;
        while (!stopRequested) {
            Duration wait;
            try {
                FileSettings s = gateway.refreshSettings();
                contacted = true;
                if (previous != null) {
                    List<String> changed = changes(previous, s);
                    if (!changed.isEmpty()) {
                        report("storage settings changed in iconik: " + String.join(", ", changed)
                                + "; they apply from this pass on");
                    }
                }
                previous = s;
                if (Boolean.FALSE.equals(s.scan())) {
                    if (!scanOffReported) {
                        report("scanning is off for this storage in iconik; waiting for it to be turned on");
                        scanOffReported = true;
                    }
                } else {
                    scanOffReported = false;
                    Gateway.Result result = gateway.ingest(false);
                    passes++;
                    registered += result.registered();
                    failedFiles += result.failed.size();
                    if (result.registered() > 0 || !result.failed.isEmpty()) {
                        report("pass " + passes + ": " + result.summaryLine());
                    }
                }
                failures = 0;
                workedOnce = true;
                wait = Duration.ofSeconds(interval(s));
            } catch (ConfigurationException | InvalidPatternException e) {
                if (!workedOnce) {
                    report("iconik-gateway run: " + e.getMessage());
                    return GatewayMain.EXIT_USAGE;
                }
                failures++;
                wait = backoff(failures);
                report("iconik-gateway run: the storage's settings cannot be used: " + e.getMessage()
                        + "; fix them in iconik; trying again in " + wait.toSeconds() + " s");
            } catch (AuthenticationException e) {
                if (!contacted) {
                    report("iconik-gateway run: iconik refused the credentials: " + e.getMessage());
                    return GatewayMain.EXIT_FAILED;
                }
                failures++;
                wait = backoff(failures);
                report("iconik-gateway run: iconik refused the credentials: " + e.getMessage() + "; trying again in "
                        + wait.toSeconds() + " s");
            } catch (NotFoundException e) {
                if (!contacted) {
                    report("iconik-gateway run: storage-id: iconik has no storage with this id: " + e.getMessage());
                    return GatewayMain.EXIT_USAGE;
                }
                failures++;
                wait = backoff(failures);
                report("iconik-gateway run: " + e.getMessage() + "; trying again in " + wait.toSeconds() + " s");
            } catch (IconikException e) {
                failures++;
                wait = backoff(failures);
                report("iconik-gateway run: iconik cannot be reached or failed: " + e.getMessage()
                        + "; nothing is lost, trying again in " + wait.toSeconds() + " s");
            }
            pause(wait);
        }
        report("stopped after " + passes + " passes: " + registered + " files registered, " + failedFiles
                + " left for a later run");
        return 0;
    }

    /**
     * Asks the daemon to stop: the pass in flight ends at the next file boundary (the registration journal and the
     * scan state carry the rest over to the next start), and the wait between passes is cut short. Any thread.
     */
    void requestStop() {
        stopRequested = true;
        gateway.requestStop();
        synchronized (wake) {
            wake.notifyAll();
        }
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
        return passes;
    }

    private void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        synchronized (wake) {
            long left;
            while (!stopRequested && (left = end - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    requestStop();
                }
            }
        }
    }

    private void report(String line) {
        err.println(line);
        err.flush();
    }

    static Duration backoff(int failures) {
        long seconds = (long) FIRST_BACKOFF_SECONDS << Math.min(10, Math.max(0, failures - 1));
        return Duration.ofSeconds(Math.min(MAX_BACKOFF_SECONDS, seconds));
    }

    static int interval(FileSettings s) {
        Integer i = s.scanIntervalSeconds();
        return i == null || i < 1 ? DEFAULT_INTERVAL_SECONDS : i;
    }

    /** The names (as iconik spells them) of the settings a pass depends on that differ between a and b. */
    static List<String> changes(FileSettings a, FileSettings b) {
        List<String> out = new ArrayList<>();
        check(out, "mount_point", a, b, FileSettings::mountPoint);
        check(out, "scan_directories", a, b, FileSettings::scanDirectories);
        check(out, "scan_ignore", a, b, FileSettings::scanIgnore);
        check(out, "scan_include", a, b, FileSettings::scanInclude);
        check(out, "transcode_ignore", a, b, FileSettings::transcodeIgnore);
        check(out, "transcode_include", a, b, FileSettings::transcodeInclude);
        check(out, "upload_ignore", a, b, FileSettings::uploadIgnore);
        check(out, "scan", a, b, FileSettings::scan);
        check(out, "scan_interval_seconds", a, b, FileSettings::scanIntervalSeconds);
        check(out, "growing_files_threshold", a, b, FileSettings::growingFilesThreshold);
        check(out, "upload_files", a, b, FileSettings::uploadFiles);
        check(out, "local_proxy_creation", a, b, FileSettings::localProxyCreation);
        check(out, "local_keyframe_creation", a, b, FileSettings::localKeyframeCreation);
        check(out, "enable_collection_directory_mapping", a, b, FileSettings::enableCollectionDirectoryMapping);
        check(out, "metadata_view_id", a, b, FileSettings::metadataViewId);
        check(out, "metadata_conversion_url", a, b, FileSettings::metadataConversionUrl);
        check(out, "aggregate_identical_files", a, b, FileSettings::aggregateIdenticalFiles);
        check(out, "title_includes_extension", a, b, FileSettings::titleIncludesExtension);
        check(out, "filename_is_external_id", a, b, FileSettings::filenameIsExternalId);
        check(out, "access_group_id", a, b, FileSettings::accessGroupId);
        return out;
    }

    private static void check(List<String> out, String name, FileSettings a, FileSettings b,
                              Function<FileSettings, Object> get) {
        if (!Objects.equals(get.apply(a), get.apply(b))) {
            out.add(name);
        }
    }
}
