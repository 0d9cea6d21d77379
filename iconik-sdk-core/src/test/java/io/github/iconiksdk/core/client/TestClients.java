// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.testkit.FakeIconik;

import java.time.Duration;

/**
 * Clients for tests against the fake iconik. The fast variant waits at most a few milliseconds where iconik asks
 * for longer (the fake's {@code Retry-After: 1}), so fault-heavy tests finish in seconds; retries are generous so
 * that a test sees the faults it injects resolved, not retry budgets running out.
 */
public final class TestClients {

    private TestClients() {
    }

    /**
     * @param fake a started fake
     * @return a client with short waits and many attempts
     */
    public static IconikClient fast(FakeIconik fake) {
        return IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .retry(RetryOptions.builder().maxAttempts(12).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5)).maxTotalTime(Duration.ofSeconds(30)).build())
                .rateLimit(RateLimitOptions.disabled())
                .requestTimeout(Duration.ofSeconds(10))
                .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 5)))
                .build();
    }
}
