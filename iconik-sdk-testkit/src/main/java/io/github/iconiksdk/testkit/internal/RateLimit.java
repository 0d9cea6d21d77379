// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

/**
 * iconik's per-credential request limit, enforced: a token bucket of {@code burst} requests refilled at
 * {@code perSecond}. iconik's documented figures are about 50 requests per second sustained, or 1,000 in any 20 s
 * window ({@code shared/iconik-api/README.md} §8, from a third-party summary). Off unless configured.
 */
public final class RateLimit {

    private double perSecond;
    private double burst;
    private double tokens;
    private long lastNanos = System.nanoTime();

    /**
     * Sets the limit; {@code perSecond <= 0} turns it off.
     *
     * @param perSecond requests per second sustained
     * @param burst     requests allowed at once after a quiet spell
     */
    public synchronized void set(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.lastNanos = System.nanoTime();
    }

    /**
     * Takes one request's token.
     *
     * @return 0 when the request may proceed, otherwise the whole seconds to wait (for {@code Retry-After})
     */
    public synchronized long acquire() {
        if (perSecond <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
}
