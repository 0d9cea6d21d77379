// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's measures over the last {@link #SPAN}, one point every {@code period}, for the status page's charts
 * and {@code /status.json}'s {@code series}: files registered per second over each period, files queued for
 * transcoding and upload at the sample, and bytes uploaded since the start. A fixed ring per measure (an hour at 10 s
 * is 361 points), so memory does not grow with uptime. Thread-safe.
 */
final class StatusSeries {

    /** How far back the series reach. */
    static final Duration SPAN = Duration.ofHours(1);

    /**
     * One point.
     *
     * @param epochSecond when it was sampled, in seconds since the epoch
     * @param value       the measure's value then
     */
    record Point(long epochSecond, double value) {
    }

    /**
     * The three measures, each oldest first.
     *
     * @param filesPerSecond files registered per second over each period
     * @param queued         files waiting for or in a transcode or an upload
     * @param bytesUploaded  bytes uploaded since the start
     */
    record Points(List<Point> filesPerSecond, List<Point> queued, List<Point> bytesUploaded) {

        /**
         * @param filesPerSecond files registered per second over each period
         * @param queued         files waiting for or in a transcode or an upload
         * @param bytesUploaded  bytes uploaded since the start
         */
        Points {
            filesPerSecond = List.copyOf(filesPerSecond);
            queued = List.copyOf(queued);
            bytesUploaded = List.copyOf(bytesUploaded);
        }
    }

    private final Duration period;
    private final int capacity;
    private final long[] at;
    private final double[] files;
    private final double[] queued;
    private final double[] bytes;
    private int size;
    private int next;
    private Instant lastAt;
    private long lastRegistered;

    /**
     * @param period how often a point is sampled
     * @throws IllegalArgumentException if period is not positive or longer than {@link #SPAN}
     */
    StatusSeries(Duration period) {
        this.period = Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero() || period.compareTo(SPAN) > 0) {
            throw new IllegalArgumentException("the series' period must be between 1 ms and " + SPAN + ", not "
                    + period);
        }
        this.capacity = (int) (SPAN.toMillis() / period.toMillis()) + 1;
        this.at = new long[capacity];
        this.files = new double[capacity];
        this.queued = new double[capacity];
        this.bytes = new double[capacity];
    }

    /** @return how often a point is sampled */
    Duration period() {
        return period;
    }

    /**
     * Adds a point; the oldest goes when an hour is full.
     *
     * @param now        when
     * @param registered files registered since the start (the rate is the difference to the previous sample)
     * @param queuedNow  files waiting for or in a transcode or an upload
     * @param uploaded   bytes uploaded since the start
     */
    synchronized void sample(Instant now, long registered, int queuedNow, long uploaded) {
        double rate = 0;
        if (lastAt != null) {
            long millis = Duration.between(lastAt, now).toMillis();
            rate = millis <= 0 ? 0 : Math.max(0, registered - lastRegistered) * 1000.0 / millis;
        }
        lastAt = now;
        lastRegistered = registered;
        at[next] = now.getEpochSecond();
        files[next] = Math.round(rate * 100) / 100.0;
        queued[next] = queuedNow;
        bytes[next] = uploaded;
        next = (next + 1) % capacity;
        size = Math.min(capacity, size + 1);
    }

    /** @return the points of the last hour, oldest first */
    synchronized Points points() {
        List<Point> f = new ArrayList<>(size);
        List<Point> q = new ArrayList<>(size);
        List<Point> b = new ArrayList<>(size);
        int first = (next - size + capacity) % capacity;
        for (int i = 0; i < size; i++) {
            int j = (first + i) % capacity;
            f.add(new Point(at[j], files[j]));
            q.add(new Point(at[j], queued[j]));
            b.add(new Point(at[j], bytes[j]));
        }
        return new Points(f, q, b);
    }
}
