package io.github.iconiksdk.core.ingest.internal;

import java.time.Duration;

/** The daemon's wait after a failed pass: doubling from {@value #FIRST_SECONDS} s to {@value #MAX_SECONDS} s. */
public final class Backoff {

    /** The first wait, in seconds. */
    public static final int FIRST_SECONDS = 2;
    /** The longest wait, in seconds. */
    public static final int MAX_SECONDS = 60;

    private Backoff() {
    }

    /**
     * @param failures how many passes in a row have failed (1 for the first)
     * @return how long to wait before the next try
     */
    public static Duration after(int failures) {
        long seconds = (long) FIRST_SECONDS << Math.min(10, Math.max(0, failures - 1));
        return Duration.ofSeconds(Math.min(MAX_SECONDS, seconds));
    }
}
