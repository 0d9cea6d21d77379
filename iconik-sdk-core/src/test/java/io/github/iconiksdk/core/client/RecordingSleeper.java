// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.core.client.internal.Sleeper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Records waits instead of spending them, and moves a fake monotonic clock forward by each wait. */
final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        nanos.addAndGet(duration.toNanos());
    }

    long nanoTime() {
        return nanos.get();
    }
}
