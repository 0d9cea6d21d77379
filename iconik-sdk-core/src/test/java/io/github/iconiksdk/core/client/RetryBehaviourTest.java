// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikServiceException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.RateLimitedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryBehaviourTest extends WireMockSupport {

    private static final String ASSET = "/API/assets/v1/assets/a1/";
    private static final String ASSETS = "/API/assets/v1/assets/";

    /** The first request to {@code path} answers {@code first}; later ones answer {@code then}. */
    private void firstThen(String method, String path,
                           com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first,
                           com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder then) {
        server.stubFor(any(urlPathEqualTo(path)).withHeader("X-Method-Guard", com.github.tomakehurst.wiremock
                        .client.WireMock.absent())
                .inScenario("s").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(first));
        server.stubFor(any(urlPathEqualTo(path)).inScenario("s").whenScenarioStateIs("answered").willReturn(then));
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void get_answeredWithTransientStatus_isRetriedAndSucceeds(int status) {
        firstThen("GET", ASSET, aResponse().withStatus(status), okJson("{\"id\":\"a1\",\"title\":\"T\"}"));

        var asset = client().getAsset("a1");

        assertEquals("T", asset.title());
        server.verify(2, getRequestedFor(urlPathEqualTo(ASSET)));
        assertEquals(1, sleeper.waits.size());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 409, 501})
    void get_answeredWithFinalStatus_isNotRetried(int status) {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"boom\"]}")));

        IconikServiceException e = assertThrows(IconikServiceException.class, () -> client().getAsset("a1"));

        assertEquals(status, e.status());
        assertEquals(java.util.List.of("boom"), e.errors());
        server.verify(1, getRequestedFor(urlPathEqualTo(ASSET)));
    }

    @Test
    void retryAfterInSeconds_isTheWait() {
        firstThen("GET", ASSET, aResponse().withStatus(429).withHeader("Retry-After", "7"), okJson("{}"));

        client().getAsset("a1");

        assertEquals(java.util.List.of(Duration.ofSeconds(7)), sleeper.waits);
    }

    @Test
    void retryAfterAsHttpDate_isMeasuredAgainstTheClock() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));
        firstThen("GET", ASSET, aResponse().withStatus(503).withHeader("Retry-After", date), okJson("{}"));

        builder().clock(Clock.fixed(now, ZoneOffset.UTC), sleeper::nanoTime).build().getAsset("a1");

        assertEquals(java.util.List.of(Duration.ofSeconds(30)), sleeper.waits);
    }

    @Test
    void retryAfterBeyondTheTimeBudget_throwsRateLimitedAtOnce() {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "600")));

        RateLimitedException e = assertThrows(RateLimitedException.class, () -> client().getAsset("a1"));

        assertEquals(Duration.ofSeconds(600), e.retryAfter().orElseThrow());
        assertTrue(sleeper.waits.isEmpty());
        server.verify(1, getRequestedFor(urlPathEqualTo(ASSET)));
    }

    @Test
    void persistentFailure_stopsAfterMaxAttempts_withTheLastStatus() {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withStatus(503)));

        IconikServiceException e = assertThrows(IconikServiceException.class, () -> client().getAsset("a1"));

        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
        server.verify(4, getRequestedFor(urlPathEqualTo(ASSET)));
        assertEquals(java.util.List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)),
                sleeper.waits);
    }

    @Test
    void persistent429_endsInRateLimitedException() {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withStatus(429)));

        assertThrows(RateLimitedException.class, () -> client().getAsset("a1"));

        server.verify(4, getRequestedFor(urlPathEqualTo(ASSET)));
    }

    @Test
    void totalTimeBudget_stopsRetriesBeforeMaxAttempts() {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withStatus(502)));
        IconikClient client = builder().retry(RetryOptions.builder().maxAttempts(100)
                .initialBackoff(Duration.ofMillis(400)).maxBackoff(Duration.ofMillis(400)).multiplier(1).jitter(0)
                .maxTotalTime(Duration.ofSeconds(1)).build()).build();

        assertThrows(IconikServiceException.class, () -> client.getAsset("a1"));

        // waits end at 0.4 s and 0.8 s; a third would end at 1.2 s, past the 1 s budget
        server.verify(3, getRequestedFor(urlPathEqualTo(ASSET)));
    }

    @Test
    void statusIsRecheckedOnEveryAttempt_a404AfterA503IsFinal() {
        firstThen("GET", ASSET, aResponse().withStatus(503), aResponse().withStatus(404)
                .withBody("{\"errors\":[\"Asset does not exist\"]}"));

        NotFoundException e = assertThrows(NotFoundException.class, () -> client().getAsset("a1"));

        assertTrue(e.getMessage().contains("Asset does not exist"), e.getMessage());
        server.verify(2, getRequestedFor(urlPathEqualTo(ASSET)));
    }

    @Test
    void post_answered429_isRetried() {
        firstThen("POST", ASSETS, aResponse().withStatus(429).withHeader("Retry-After", "1"),
                aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"new\",\"title\":\"clip\"}"));

        var asset = client().createAsset(io.github.iconiksdk.core.client.model.AssetCreate.of("clip"));

        assertEquals("new", asset.id());
        server.verify(2, postRequestedFor(urlPathEqualTo(ASSETS)));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void post_answered5xx_isNotRetried_andTheOutcomeIsUnknown(int status) {
        server.stubFor(post(urlPathEqualTo(ASSETS)).willReturn(aResponse().withStatus(status)));

        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> client().createAsset(io.github.iconiksdk.core.client.model.AssetCreate.of("c")));

        assertTrue(e.mayHaveBeenApplied());
        assertEquals(status, e.serviceError().orElseThrow().status());
        assertTrue(e.getMessage().contains("look it up"), e.getMessage());
        server.verify(1, postRequestedFor(urlPathEqualTo(ASSETS)));
    }

    @Test
    void post_whoseConnectionIsResetAfterSending_isNotRetried_andTheOutcomeIsUnknown() {
        server.stubFor(post(urlPathEqualTo(ASSETS)).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> client().createAsset(io.github.iconiksdk.core.client.model.AssetCreate.of("c")));

        assertTrue(e.serviceError().isEmpty());
        server.verify(1, postRequestedFor(urlPathEqualTo(ASSETS)));
    }

    @Test
    void get_whoseConnectionIsReset_isRetried() {
        // two resets in a row: the JDK's HttpClient resends a GET at most once by itself on a reset pooled
        // connection, so the second reset reaches the SDK's retry whatever the JDK does
        server.stubFor(get(urlPathEqualTo(ASSET)).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("reset once").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get(urlPathEqualTo(ASSET)).inScenario("r").whenScenarioStateIs("reset once")
                .willSetStateTo("ok").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get(urlPathEqualTo(ASSET)).inScenario("r").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"a1\"}")));

        assertEquals("a1", client().getAsset("a1").id());
        assertEquals(3, server.findAll(getRequestedFor(urlPathEqualTo(ASSET))).size());
        assertTrue(sleeper.waits.size() >= 1, "the SDK retried");
    }

    @Test
    void get_withAnEmptyAnswer_isRetried() {
        firstThen("GET", ASSET, aResponse().withFault(Fault.EMPTY_RESPONSE), okJson("{\"id\":\"a1\"}"));

        assertEquals("a1", client().getAsset("a1").id());
    }

    @Test
    void get_thatTimesOut_isRetried() {
        firstThen("GET", ASSET, okJson("{\"id\":\"slow\"}").withFixedDelay(1500), okJson("{\"id\":\"a1\"}"));
        // WireMock may move the scenario on only once the slow answer is written, so attempts made before that
        // time out too: allow enough attempts to outlast the slow answer.
        IconikClient client = builder().requestTimeout(Duration.ofMillis(500)).retry(RetryOptions.builder()
                .maxAttempts(10).initialBackoff(Duration.ofMillis(10)).jitter(0).build()).build();

        assertEquals("a1", client.getAsset("a1").id());
        assertTrue(server.findAll(getRequestedFor(urlPathEqualTo(ASSET))).size() >= 2);
    }

    @Test
    void post_thatTimesOut_isNotRetried_andTheOutcomeIsUnknown() {
        server.stubFor(post(urlPathEqualTo(ASSETS)).willReturn(okJson("{}").withStatus(201).withFixedDelay(3000)));
        IconikClient client = builder().requestTimeout(Duration.ofMillis(300)).build();

        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> client.createAsset(io.github.iconiksdk.core.client.model.AssetCreate.of("c")));

        assertTrue(e.getMessage().contains("no answer within 300 ms"), e.getMessage());
        server.verify(1, postRequestedFor(urlPathEqualTo(ASSETS)));
    }

    @Test
    void post_toARefusedConnection_isRetried_andReportedAsNotApplied() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        IconikClient client = builder().endpoint("http://127.0.0.1:" + closedPort).build();

        IconikClientException e = assertThrows(IconikClientException.class,
                () -> client.createAsset(io.github.iconiksdk.core.client.model.AssetCreate.of("c")));

        assertFalse(e instanceof OutcomeUnknownException);
        assertFalse(e.mayHaveBeenApplied());
        assertEquals(3, sleeper.waits.size(), "4 attempts, 3 waits");
        assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
    }

    @Test
    void search_isARead_soItsPostIsRetriedAfter503() {
        firstThen("POST", "/API/search/v1/search/", aResponse().withStatus(503),
                okJson("{\"objects\":[{\"id\":\"a1\",\"external_id\":\"ext-1\"},{\"id\":\"a2\","
                        + "\"external_id\":\"ext-10\"}]}"));

        var found = client().findAssetsByExternalId("ext-1");

        assertEquals(1, found.size());
        assertEquals("a1", found.get(0).id());
        server.verify(2, postRequestedFor(urlPathEqualTo("/API/search/v1/search/")));
    }

    @Test
    void everyRequest_carriesTheCredentialsAndNoRedirectIsFollowed() {
        server.stubFor(get(urlPathEqualTo(ASSET)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://example.invalid/steal")));

        IconikServiceException e = assertThrows(IconikServiceException.class, () -> client().getAsset("a1"));

        assertEquals(302, e.status());
        server.verify(1, getRequestedFor(urlPathEqualTo(ASSET)).withHeader("App-ID", equalTo(APP_ID))
                .withHeader("Auth-Token", equalTo(TOKEN)));
        assertInstanceOf(IconikServiceException.class, e);
    }
}
