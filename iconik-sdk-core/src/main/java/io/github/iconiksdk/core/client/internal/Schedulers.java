// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The schedulers retry and rate-limit waits run on, and the pool requests are sent on. The default scheduler is
 * one daemon thread for the whole JVM: it only starts attempts (each is sent on a thread of {@link #senders()}),
 * so it is never busy for long.
 */
public final class Schedulers {

    private static final ScheduledExecutorService SHARED = create("iconik-sdk-scheduler", 1);
    private static final ExecutorService SENDERS = senderPool();

    private Schedulers() {
    }

    /** @return the JVM-wide default scheduler */
    public static ScheduledExecutorService shared() {
        return SHARED;
    }

    /**
     * The JVM-wide pool on which the client's requests are sent and answered: daemon threads made as requests in
     * flight need them and ended after a minute idle, so a thread serves many requests. As many threads as
     * requests in flight; their number is bounded by the callers (each waits for its own request) and the
     * request timeout.
     *
     * @return the pool
     */
    public static ExecutorService senders() {
        return SENDERS;
    }

    private static ExecutorService senderPool() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "iconik-sdk-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A scheduler that hands each delay to {@code sleeper} (which may record it instead of waiting) and then runs
     * the task at once: for tests that must not spend real time.
     *
     * @param sleeper how to wait
     * @return the scheduler
     */
    public static ScheduledExecutorService sleeping(Sleeper sleeper) {
        return new SleepingScheduler(sleeper);
    }

    private static ScheduledThreadPoolExecutor create(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, factory);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Runs each scheduled task after the sleeper's wait, on one of a few daemon threads that time out. */
    private static final class SleepingScheduler extends ScheduledThreadPoolExecutor {
        private final Sleeper sleeper;

        SleepingScheduler(Sleeper sleeper) {
            super(4, r -> {
                Thread t = new Thread(r, "iconik-sdk-test-scheduler");
                t.setDaemon(true);
                return t;
            });
            this.sleeper = sleeper;
            setKeepAliveTime(1, TimeUnit.SECONDS);
            allowCoreThreadTimeOut(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            Duration wait = Duration.ofNanos(unit.toNanos(delay));
            return super.schedule(() -> {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                command.run();
            }, 0, TimeUnit.NANOSECONDS);
        }
    }
}
