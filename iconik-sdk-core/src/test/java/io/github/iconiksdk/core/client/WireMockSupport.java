// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock server per test class, reset before each test, and clients pointed at it. */
abstract class WireMockSupport {
    static final String APP_ID = "app-0000";
    static final String TOKEN = "tok-SECRET-5f0c2a9e-do-not-print";

    static WireMockServer server;
    RecordingSleeper sleeper;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
        sleeper = new RecordingSleeper();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A builder with fast, jitter-free retries, no rate limit, and waits recorded instead of spent. */
    IconikClient.Builder builder() {
        return IconikClient.builder()
                .endpoint(baseUrl())
                .credentials(APP_ID, TOKEN)
                .requestTimeout(Duration.ofSeconds(5))
                .retry(RetryOptions.builder().maxAttempts(4).initialBackoff(Duration.ofMillis(100))
                        .maxBackoff(Duration.ofSeconds(2)).jitter(0).build())
                .rateLimit(RateLimitOptions.disabled())
                .sleeper(sleeper)
                .clock(Clock.systemUTC(), sleeper::nanoTime);
    }

    IconikClient client() {
        return builder().build();
    }
}
