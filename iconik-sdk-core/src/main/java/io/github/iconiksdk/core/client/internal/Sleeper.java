package io.github.iconiksdk.core.client.internal;

import java.time.Duration;

/** Waits; a seam so that tests can record waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {

    /** Waits with {@link Thread#sleep}. */
    Sleeper SYSTEM = d -> {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    };

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
