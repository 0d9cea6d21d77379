// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.iconiksdk.api.IconikServiceException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.RateLimitedException;
import io.github.iconiksdk.core.client.model.AssetCreate;
import io.github.iconiksdk.core.resilience.IconikResilience;
import io.github.iconiksdk.core.resilience.ResilienceEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The circuit breaker per endpoint family, with the SDK's defaults: iconik down opens it, calls then fail fast
 * without reaching iconik, a probe goes through after the open wait, and it closes on its own. The breakers run on
 * a clock the test moves, so nothing waits.
 */
class CircuitBreakerTest extends WireMockSupport {

    private static final String ASSET = "/API/assets/v1/assets/a1/";
    private MutableClock breakerClock;
    private final List<ResilienceEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clock() {
        breakerClock = new MutableClock();
        events.clear();
    }

    /** One attempt per call (so attempts are counted exactly), the default breakers on the test's clock. */
    private IconikClient.Builder breakerBuilder() {
        return builder().retry(RetryOptions.none())
                .circuitBreaker(CircuitBreakerConfig.from(IconikResilience.circuitBreakerConfig()).clock(breakerClock)
                        .build())
                .resilienceListener(events::add);
    }

    private int requests() {
        return server.findAll(anyRequestedFor(anyUrl())).size();
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (io.github.iconiksdk.api.IconikException expected) {
            // the failure the test set up, or the breaker's refusal
        }
    }

    @Test
    void iconikDown_opensTheBreaker_callsFailFastUnsent_andAProbeAfterTheWaitClosesIt() {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withStatus(503)));
        IconikClient client = breakerBuilder().build();

        for (int i = 0; i < 5; i++) {
            assertEquals(503, assertThrows(IconikServiceException.class, () -> client.getAsset("a1")).status());
        }
        assertTrue(client.resilience().serviceFailing());
        assertEquals(CircuitBreaker.State.OPEN, client.resilience().circuitBreaker("assets").getState());

        IconikUnavailableException e = assertThrows(IconikUnavailableException.class, () -> client.getAsset("a1"));
        assertEquals(503, e.status());
        assertEquals("iconik-assets", e.circuitBreaker());
        assertEquals(Duration.ofSeconds(5), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("GET /API/assets/v1/assets/a1/ not sent"), e.getMessage());
        assertEquals(5, requests(), "the refused call never reached iconik");

        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(okJson("{\"id\":\"a1\"}")));
        breakerClock.advance(Duration.ofSeconds(5).plusMillis(1));

        assertEquals("a1", client.getAsset("a1").id());
        assertEquals(CircuitBreaker.State.CLOSED, client.resilience().circuitBreaker("assets").getState());
        assertFalse(client.resilience().serviceFailing());
        assertEquals(List.of(ResilienceEvent.Type.CIRCUIT_OPENED, ResilienceEvent.Type.CALL_REJECTED,
                ResilienceEvent.Type.CIRCUIT_HALF_OPEN, ResilienceEvent.Type.CIRCUIT_CLOSED),
                events.stream().map(ResilienceEvent::type).filter(t -> t != ResilienceEvent.Type.RETRIES_EXHAUSTED)
                        .toList());
    }

    /**
     * The outage benchmark's case: a breaker whose window is full of successes, then iconik down with few calls (one
     * every half second). It opens once the last success is 5 s old; 20 failures in a row (10 s here) are not needed.
     */
    @Test
    void iconikDownAfterManySuccesses_opensFiveSecondsAfterTheLastGoodAnswer_evenWithFewCalls() {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(okJson("{\"id\":\"a1\"}")));
        IconikClient client = breakerBuilder().build();
        for (int i = 0; i < 50; i++) {
            client.getAsset("a1");
        }
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withStatus(503)));
        CircuitBreaker breaker = client.resilience().circuitBreaker("assets");
        int calls = 0;
        while (breaker.getState() == CircuitBreaker.State.CLOSED && calls < 40) {
            breakerClock.advance(Duration.ofMillis(500));
            attempt(() -> client.getAsset("a1"));
            calls++;
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.getState());
        assertTrue(calls <= 12, "opened after " + calls + " failed calls half a second apart (5 s and a bucket)");
    }

    @Test
    void aFailedProbe_opensItAgain_forAnotherWait() {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        IconikClient client = breakerBuilder().build();
        for (int i = 0; i < 10; i++) {
            attempt(() -> client.getAsset("a1"));
        }
        int before = requests();
        breakerClock.advance(Duration.ofSeconds(6));

        assertThrows(io.github.iconiksdk.api.IconikClientException.class, () -> client.getAsset("a1"));
        assertThrows(IconikUnavailableException.class, () -> client.getAsset("a1"));

        assertEquals(before + 1, requests(), "one probe, then fail fast again");
        assertEquals(CircuitBreaker.State.OPEN, client.resilience().circuitBreaker("assets").getState());
    }

    @Test
    void whileIconikIsDown_manyCallers_sendOneProbePerFamilyPerOpenWait() throws Exception {
        server.stubFor(any(urlPathMatching("/API/.*")).willReturn(aResponse().withStatus(500)));
        IconikClient client = breakerBuilder().build();
        for (int i = 0; i < 10; i++) {
            attempt(() -> client.getAsset("a1"));
            attempt(() -> client.getJob("j1"));
        }
        int before = requests();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            for (int window = 0; window < 6; window++) {
                breakerClock.advance(Duration.ofSeconds(5).plusMillis(1));
                List<Future<?>> calls = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    calls.add(callers.submit(() -> {
                        for (int k = 0; k < 25; k++) {
                            attempt(() -> client.getAsset("a1"));
                            attempt(() -> client.getJob("j1"));
                        }
                    }));
                }
                for (Future<?> f : calls) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            callers.shutdownNow();
        }
        // 6 open waits × 2 families × 1 probe, whatever 8 callers × 50 calls per wait tried
        assertEquals(before + 12, requests());
    }

    @Test
    void a429orA404_neverOpensIt_andScatteredFailuresDoNotEither() {
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/busy/")).willReturn(aResponse().withStatus(429)));
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/gone/")).willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/flaky/")).willReturn(aResponse().withStatus(502)));
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/ok/")).willReturn(okJson("{\"id\":\"ok\"}")));
        IconikClient client = breakerBuilder().build();

        for (int i = 0; i < 30; i++) {
            assertThrows(RateLimitedException.class, () -> client.getJob("busy"));
            assertThrows(NotFoundException.class, () -> client.getJob("gone"));
        }
        for (int i = 0; i < 100; i++) {
            // 4 of 5 attempts fail: iconik is struggling, not down
            attempt(() -> client.getJob("flaky"));
            attempt(() -> client.getJob("flaky"));
            attempt(() -> client.getJob("flaky"));
            attempt(() -> client.getJob("flaky"));
            client.getJob("ok");
        }

        assertEquals(CircuitBreaker.State.CLOSED, client.resilience().circuitBreaker("jobs").getState());
        assertTrue(events.stream().noneMatch(e -> e.type() == ResilienceEvent.Type.CIRCUIT_OPENED));
    }

    @Test
    void familiesHaveBreakersOfTheirOwn_andAnOpenOneRefusesACreateWithoutAnUnknownOutcome() {
        server.stubFor(any(urlPathMatching("/API/assets/.*")).willReturn(aResponse().withStatus(503)));
        server.stubFor(get(urlPathEqualTo("/API/jobs/v1/jobs/j1/")).willReturn(okJson("{\"id\":\"j1\"}")));
        IconikClient client = breakerBuilder().build();
        for (int i = 0; i < 10; i++) {
            attempt(() -> client.getAsset("a1"));
        }

        IconikServiceException refused = assertThrows(IconikServiceException.class,
                () -> client.createAsset(AssetCreate.of("clip")));
        assertInstanceOf(IconikUnavailableException.class, refused, "nothing was sent: not an unknown outcome");
        assertEquals("j1", client.getJob("j1").id(), "the jobs family is unaffected");
        assertEquals(CircuitBreaker.State.CLOSED, client.resilience().circuitBreaker("jobs").getState());
    }

    @Test
    void retriesStopAtAnOpenBreaker_insteadOfWaitingOutTheirBudget() {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withStatus(503)));
        IconikClient client = breakerBuilder().retry(RetryOptions.builder().maxAttempts(50)
                .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(100)).jitter(0)
                .maxTotalTime(Duration.ofHours(1)).build()).build();

        IconikUnavailableException e = assertThrows(IconikUnavailableException.class, () -> client.getAsset("a1"));

        assertEquals(5, requests(), "the breaker opened after 5 failed attempts; the 6th was refused unsent");
        assertTrue(e.getMessage().contains("after 5 attempts"), e.getMessage());
        assertEquals(5, sleeper.waits.size());
    }

    @Test
    void aUsersRegistry_holdsTheBreakers_namedByFamily() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(okJson("{\"id\":\"a1\"}")));
        IconikClient client = breakerBuilder().circuitBreakerRegistry(registry).build();

        client.getAsset("a1");

        assertSame(client.resilience().circuitBreaker("assets"), registry.find("iconik-assets").orElseThrow());
        assertEquals(1, registry.find("iconik-assets").orElseThrow().getMetrics().getNumberOfSuccessfulCalls());
    }

    @Test
    void theFamily_isTheSegmentAfterApi() {
        assertEquals("assets", io.github.iconiksdk.core.resilience.ClientResilience.family("/API/assets/v1/x/"));
        assertEquals("files", io.github.iconiksdk.core.resilience.ClientResilience.family("/API/files"));
        assertEquals("other", io.github.iconiksdk.core.resilience.ClientResilience.family("/elsewhere/"));
        assertEquals("other", io.github.iconiksdk.core.resilience.ClientResilience.family("/API//x"));
    }
}
