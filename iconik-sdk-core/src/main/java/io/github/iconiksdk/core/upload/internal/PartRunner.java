// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.IconikClientException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the parts of one file in parallel: at most {@code partsPerFile} of them at once (the ISG's
 * {@code file-upload-parallel-uploads-threads-num}), and, across every file being uploaded, at most as many as a
 * shared Resilience4j {@link Bulkhead} allows, so that {@code file-upload-parallel-uploads-num} files with their
 * threads each do not open more connections than wanted. The first part that fails for good stops the others from
 * starting; parts already running finish (their confirmation is journalled), and the failure is thrown.
 */
public final class PartRunner implements AutoCloseable {

    /** Sends one part; throwing fails the file's upload. */
    @FunctionalInterface
    interface PartTask {
        /**
         * @param part the part number, from 1
         */
        void send(int part);
    }

    private final int partsPerFile;
    private final Bulkhead bulkhead;
    private final ExecutorService pool;

    /**
     * @param partsPerFile parts of one file sent at once, at least 1
     * @param connections  parts sent at once across all files (the shared bulkhead), at least 1
     * @throws IllegalArgumentException if either is below 1
     */
    public PartRunner(int partsPerFile, int connections) {
        if (partsPerFile < 1 || connections < 1) {
            throw new IllegalArgumentException("parts per file and connections must be at least 1, got "
                    + partsPerFile + " and " + connections);
        }
        this.partsPerFile = partsPerFile;
        this.bulkhead = Bulkhead.of("upload-parts", BulkheadConfig.custom().maxConcurrentCalls(connections)
                .maxWaitDuration(Duration.ofDays(1)).build());
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "iconik-upload-part");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return parts of one file sent at once */
    int partsPerFile() {
        return partsPerFile;
    }

    /**
     * Sends the parts, returning when all are confirmed.
     *
     * @param parts the part numbers to send
     * @param task  sends one part
     * @throws RuntimeException the first part's failure
     */
    void run(List<Integer> parts, PartTask task) {
        if (parts.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>(parts);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        int workers = Math.min(partsPerFile, parts.size());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(pool.submit(() -> {
                Integer part;
                while (failure.get() == null && (part = queue.poll()) != null) {
                    int p = part;
                    try {
                        bulkhead.executeRunnable(() -> task.send(p));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, new IconikClientException("upload interrupted", e, false));
            running.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            failure.compareAndSet(null, new IconikClientException("a part upload failed: " + e.getCause(),
                    e.getCause(), false));
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Stops the part threads. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
