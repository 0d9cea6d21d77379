// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.core.resilience.IconikResilience;
import io.github.iconiksdk.core.resilience.ResilienceEvent;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Users configure the policies with Resilience4j's own types, starting from the SDK's defaults. */
class ResilienceConfigurationTest extends WireMockSupport {

    private static final String JOB = "/API/jobs/v1/jobs/j1/";

    @Test
    void aRetryConfigFromTheDefaults_setsTheAttempts_andTheRetryLivesInTheUsersRegistry() {
        server.stubFor(get(urlPathEqualTo(JOB)).willReturn(aResponse().withStatus(503)));
        RetryRegistry registry = RetryRegistry.ofDefaults();
        RetryConfig config = RetryConfig.from(IconikResilience.retryConfig()).maxAttempts(3)
                .intervalFunction(attempt -> 40L).build();

        IconikClient client = builder().retry(config).retryRegistry(registry).build();
        assertThrows(io.github.iconiksdk.api.IconikServiceException.class, () -> client.getJob("j1"));

        server.verify(3, getRequestedFor(urlPathEqualTo(JOB)));
        assertEquals(List.of(Duration.ofMillis(40), Duration.ofMillis(40)), sleeper.waits);
        assertSame(client.resilience().retry(), registry.find(IconikResilience.RETRY).orElseThrow());
        assertEquals(1, client.resilience().retry().getMetrics().getNumberOfFailedCallsWithRetryAttempt());
    }

    @Test
    void retriesAndTheirEnd_reachTheListener() {
        server.stubFor(get(urlPathEqualTo(JOB)).willReturn(aResponse().withStatus(502)));
        List<ResilienceEvent> events = new CopyOnWriteArrayList<>();

        IconikClient client = builder().resilienceListener(events::add).build();
        assertThrows(io.github.iconiksdk.api.IconikServiceException.class, () -> client.getJob("j1"));

        assertEquals(List.of(ResilienceEvent.Type.RETRY, ResilienceEvent.Type.RETRY, ResilienceEvent.Type.RETRY,
                ResilienceEvent.Type.RETRIES_EXHAUSTED), events.stream().map(ResilienceEvent::type).toList());
        assertEquals(Duration.ofMillis(100), events.get(0).delay());
        assertTrue(events.get(0).message().contains("GET /API/jobs/v1/jobs/j1/ attempt 1 -> 502"),
                events.get(0).message());
        assertTrue(events.stream().noneMatch(e -> e.message().contains(TOKEN)));
    }

    @Test
    void withTheRealScheduler_aShortRetryWaitIsSpentAndTheCallSucceeds() {
        server.stubFor(get(urlPathEqualTo(JOB)).inScenario("s")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503)));
        server.stubFor(get(urlPathEqualTo(JOB)).inScenario("s").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"j1\"}")));

        IconikClient client = IconikClient.builder().endpoint(baseUrl()).credentials(APP_ID, TOKEN)
                .retry(RetryOptions.builder().initialBackoff(Duration.ofMillis(20)).jitter(0).build())
                .rateLimit(RateLimitOptions.defaults()).build();

        assertEquals("j1", client.getJob("j1").id());
        server.verify(2, getRequestedFor(urlPathEqualTo(JOB)));
    }

    @Test
    void bulkheads_boundConcurrentCalls_underTheSdksNames() {
        Bulkhead uploads = IconikResilience.uploadBulkhead(2);
        List<ResilienceEvent> events = new CopyOnWriteArrayList<>();
        Bulkhead quick = IconikResilience.observe(Bulkhead.of("quick", BulkheadConfig.custom()
                .maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build()), events::add);

        assertEquals(IconikResilience.UPLOADS, uploads.getName());
        assertEquals(2, uploads.getBulkheadConfig().getMaxConcurrentCalls());
        assertEquals(IconikResilience.TRANSCODES, IconikResilience.transcodeBulkhead(3).getName());
        quick.acquirePermission();
        assertThrows(BulkheadFullException.class, quick::acquirePermission);
        assertEquals(ResilienceEvent.Type.BULKHEAD_FULL, events.get(0).type());
        BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
        assertSame(IconikResilience.bulkhead(registry, IconikResilience.UPLOADS, 4),
                registry.find(IconikResilience.UPLOADS).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> IconikResilience.uploadBulkhead(0));
    }
}
