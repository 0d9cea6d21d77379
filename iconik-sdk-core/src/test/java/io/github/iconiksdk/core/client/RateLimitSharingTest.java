package io.github.iconiksdk.core.client;

import io.github.iconiksdk.core.client.internal.RateLimiters;
import io.github.iconiksdk.core.client.internal.TokenBucket;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitSharingTest extends WireMockSupport {

    @Test
    void clientsWithTheSameCredentials_shareOneBucket_otherCredentialsGetTheirOwn() {
        RateLimitOptions options = RateLimitOptions.builder().requestsPerSecond(7).build();
        Endpoint endpoint = Endpoint.of(baseUrl());

        TokenBucket a = RateLimiters.shared(endpoint, Credentials.of("app", "token-1"), options);
        TokenBucket b = RateLimiters.shared(endpoint, Credentials.of("app", "token-1"), options);
        TokenBucket c = RateLimiters.shared(endpoint, Credentials.of("app", "token-2"), options);

        assertSame(a, b);
        assertNotSame(a, c);
    }

    @Test
    void a429_slowsTheSharedBucket_andPausesItForRetryAfter() {
        RateLimitOptions options = RateLimitOptions.builder().requestsPerSecond(40).burst(40).build();
        Credentials credentials = Credentials.of(APP_ID, "token-for-429-test");
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/j/")).inScenario("r")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/j/")).inScenario("r").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"j\"}")));

        builder().credentials(credentials).rateLimit(options).build().getJob("j");

        TokenBucket bucket = RateLimiters.shared(Endpoint.of(baseUrl()), credentials, options);
        assertEquals(20.8, bucket.currentRate(), 1e-9, "halved by the 429, then one success won back 2 %");
        assertTrue(sleeper.waits.contains(Duration.ofSeconds(3)), "the retry waited for Retry-After");
    }
}
