// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What {@code run} shows while it works. On a terminal: a live progress line (files registered, files per second,
 * scanner state, queue depths, bytes uploaded) drawn by the progressbar library and redrawn every second. Anywhere
 * else (a service manager, a pipe, a log file): a plain log line through SLF4J every {@code period}, only when
 * something changed, so that an idle gateway does not fill its log. Either way, one summary line on close.
 */
final class ProgressDisplay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("iconik.gateway.progress");

    private final Supplier<StatusSnapshot> status;
    private final ScheduledExecutorService timer;
    private final ProgressBar bar;
    private String lastLine;

    private ProgressDisplay(Supplier<StatusSnapshot> status, ProgressBar bar) {
        this.status = status;
        this.bar = bar;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the display that fits where the process runs.
     *
     * @param status   where readings come from
     * @param terminal whether stderr is a terminal (see {@link #onTerminal()})
     * @param period   how often a plain line may be written (ignored on a terminal, which redraws every second)
     * @return the running display
     */
    static ProgressDisplay start(Supplier<StatusSnapshot> status, boolean terminal, Duration period) {
        Objects.requireNonNull(status, "status");
        ProgressBar bar = terminal ? new ProgressBarBuilder().setTaskName("files").setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).hideEta().build() : null;
        ProgressDisplay d = new ProgressDisplay(status, bar);
        long every = terminal ? 1000 : Math.max(1, period.toMillis());
        d.timer.scheduleWithFixedDelay(d::tick, every, every, TimeUnit.MILLISECONDS);
        return d;
    }

    /**
     * Whether the process talks to a person: the JVM has a console (stdin and stdout are a terminal) and
     * {@code TERM} is not {@code dumb}. The JDK cannot ask about stderr alone; a gateway run by a service manager
     * or with its output redirected has no console.
     *
     * @return true on a terminal
     */
    static boolean onTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    private synchronized void tick() {
        try {
            StatusSnapshot s = status.get();
            if (bar != null) {
                bar.stepTo(s.registered());
                bar.setExtraMessage(" " + brief(s));
            } else {
                String line = line(s);
                // Compare without the rate, which moves on its own as the window slides.
                String key = line.replaceAll("\\([0-9.]+ files/s\\)", "");
                if (!key.equals(lastLine)) {
                    LOG.info(line);
                    lastLine = key;
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("progress display", e); // keep the timer alive
        }
    }

    /** @return the plain progress line for one reading */
    static String line(StatusSnapshot s) {
        return String.format(Locale.ROOT, "scanner %s; %d files registered (%.1f files/s), %d unchanged, %d failed;"
                        + " queued: %d transcode, %d upload; uploaded %s in %d objects; %d problems",
                s.state().label(), s.registered(), s.filesPerSecond(), s.unchanged(), s.failed(), s.transcodeQueue(),
                s.uploadQueue(), bytes(s.bytesUploaded()), s.uploads(), s.problemCount());
    }

    private static String brief(StatusSnapshot s) {
        return String.format(Locale.ROOT, "%s | %.1f/s | queued %d+%d | %s up | %d problems",
                s.state().label(), s.filesPerSecond(), s.transcodeQueue(), s.uploadQueue(), bytes(s.bytesUploaded()),
                s.problemCount());
    }

    /** @return the summary printed when the gateway stops */
    static String summary(StatusSnapshot s) {
        Duration up = Duration.between(s.started(), s.now());
        return String.format(Locale.ROOT, "gateway ran %s: %d scans, %d files registered, %d unchanged, %d removed,"
                        + " %d failed; uploaded %s in %d objects; %d problems",
                up.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().substring(2).toLowerCase(Locale.ROOT),
                s.scans(), s.registered(), s.unchanged(), s.removed(), s.failed(), bytes(s.bytesUploaded()),
                s.uploads(), s.problemCount());
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** Stops the display and writes the summary line (on stderr through SLF4J). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (bar != null) {
                bar.close();
            }
            LOG.info(summary(status.get()));
        }
    }
}
