// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.core.client.internal.CredentialLimiter;
import io.github.iconiksdk.core.client.internal.RateLimiters;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitSharingTest extends WireMockSupport {

    @Test
    void clientsWithTheSameCredentials_shareOneLimiter_otherCredentialsGetTheirOwn() {
        RateLimitOptions options = RateLimitOptions.builder().requestsPerSecond(7).build();
        Endpoint endpoint = Endpoint.of(baseUrl());

        CredentialLimiter a = RateLimiters.shared(endpoint, Credentials.of("app", "token-1"),
                options.toRateLimiterConfig(), 1, System::nanoTime);
        CredentialLimiter b = RateLimiters.shared(endpoint, Credentials.of("app", "token-1"),
                options.toRateLimiterConfig(), 1, System::nanoTime);
        CredentialLimiter c = RateLimiters.shared(endpoint, Credentials.of("app", "token-2"),
                options.toRateLimiterConfig(), 1, System::nanoTime);

        assertSame(a, b);
        assertNotSame(a, c);
        assertFalse(a.rateLimiter().getName().contains("token-1"), "the name holds a digest, never the token");
    }

    @Test
    void twoClientsOfOneCredential_seeTheSameResilience4jLimiter() {
        Credentials credentials = Credentials.of(APP_ID, "token-shared-by-two-clients");
        IconikClient one = builder().credentials(credentials).rateLimit(RateLimitOptions.defaults()).build();
        IconikClient two = builder().credentials(credentials).rateLimit(RateLimitOptions.defaults()).build();

        assertSame(one.resilience().rateLimiter().orElseThrow(), two.resilience().rateLimiter().orElseThrow());
        assertTrue(client().resilience().rateLimiter().isEmpty(), "disabled: no limiter");
    }

    @Test
    void aUsersRegistry_holdsTheCredentialsLimiter() {
        RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
        Credentials credentials = Credentials.of(APP_ID, "token-in-a-users-registry");

        IconikClient client = builder().credentials(credentials).rateLimit(RateLimitOptions.defaults())
                .rateLimiterRegistry(registry).build();

        String name = client.resilience().rateLimiter().orElseThrow().getName();
        assertSame(client.resilience().rateLimiter().orElseThrow(), registry.find(name).orElseThrow());
        assertEquals(5, registry.rateLimiter(name).getRateLimiterConfig().getLimitForPeriod());
    }

    @Test
    void a429_pausesTheSharedLimiterForRetryAfter_andOneWithoutRetryAfterLowersIt() {
        RateLimitOptions options = RateLimitOptions.builder().requestsPerSecond(40).burst(40).build();
        Credentials credentials = Credentials.of(APP_ID, "token-for-429-test");
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/j/")).inScenario("r")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/j/")).inScenario("r").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"j\"}")));

        IconikClient client = builder().credentials(credentials).rateLimit(options).build();
        client.getJob("j");

        CredentialLimiter limiter = RateLimiters.shared(Endpoint.of(baseUrl()), credentials,
                options.toRateLimiterConfig(), options.minPermitsPerPeriod(), sleeper::nanoTime);
        assertSame(limiter.rateLimiter(), client.resilience().rateLimiter().orElseThrow());
        assertEquals(40, limiter.currentLimit(), 1e-9, "Retry-After obeyed: the rate is not cut as well");
        assertTrue(sleeper.waits.contains(Duration.ofSeconds(3)), "the retry waited for Retry-After");

        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/k/")).inScenario("s")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429)));
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/k/")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"k\"}")));
        client.getJob("k");
        assertEquals(20.8, limiter.currentLimit(), 1e-9, "halved by the 429, then one success won back 2 %");
        assertEquals(20, limiter.rateLimiter().getRateLimiterConfig().getLimitForPeriod());
    }
}
