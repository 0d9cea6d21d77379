// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.iconiksdk.core.client.model.AssetCreate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted server: each request takes the next fault from the script (none left: the request is applied and
 * answered). Faults either refuse the request before applying it (429, 5xx, reset) or apply it and lose the answer.
 */
class RetryPropertiesTest {

    enum Fault { TOO_MANY_REQUESTS, BAD_GATEWAY, UNAVAILABLE, GATEWAY_TIMEOUT, RESET_BEFORE, RESET_AFTER_APPLYING }

    private static HttpServer server;
    private static final Deque<Fault> SCRIPT = new ArrayDeque<>();
    private static final Map<String, String> STATE = new ConcurrentHashMap<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger CREATED = new AtomicInteger();

    @BeforeContainer
    static void start() throws IOException {
        // The JDK server otherwise writes headers and body in two packets that meet delayed ACKs (~40 ms a call).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/API/", RetryPropertiesTest::handle);
        server.start();
    }

    @AfterContainer
    static void stop() {
        server.stop(0);
    }

    private static void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        REQUESTS.incrementAndGet();
        Fault fault;
        synchronized (SCRIPT) {
            fault = SCRIPT.pollFirst();
        }
        if (fault != null) {
            switch (fault) {
                case TOO_MANY_REQUESTS -> { respond(ex, 429, "{\"errors\":[\"slow down\"]}"); return; }
                case BAD_GATEWAY -> { respond(ex, 502, ""); return; }
                case UNAVAILABLE -> { respond(ex, 503, ""); return; }
                case GATEWAY_TIMEOUT -> { respond(ex, 504, ""); return; }
                case RESET_BEFORE -> { ex.close(); return; }
                case RESET_AFTER_APPLYING -> { apply(ex, body); ex.close(); return; }
                default -> throw new IllegalStateException();
            }
        }
        respond(ex, ex.getRequestMethod().equals("POST") ? 201 : 200, apply(ex, body));
    }

    private static String apply(HttpExchange ex, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (ex.getRequestMethod().equals("POST")) {
            int n = CREATED.incrementAndGet();
            return "{\"id\":\"asset-" + n + "\"}";
        }
        STATE.put(ex.getRequestURI().getPath(), text);
        return text;
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    private static IconikClient client() {
        RecordingSleeper sleeper = new RecordingSleeper();
        return IconikClient.builder()
                .endpoint("http://127.0.0.1:" + server.getAddress().getPort())
                .credentials("app", "secret-token")
                .retry(RetryOptions.builder().maxAttempts(5).jitter(0).build())
                .rateLimit(RateLimitOptions.disabled())
                .sleeper(sleeper)
                .clock(Clock.systemUTC(), sleeper::nanoTime)
                .build();
    }

    private static void reset(List<Fault> faults) {
        synchronized (SCRIPT) {
            SCRIPT.clear();
            SCRIPT.addAll(faults);
        }
        STATE.clear();
        REQUESTS.set(0);
        CREATED.set(0);
    }

    @Provide
    Arbitrary<List<Fault>> fewerFaultsThanAttempts() {
        return Arbitraries.of(Fault.class).list().ofMaxSize(4);
    }

    @Property(tries = 60)
    void idempotentCall_withFewerFaultsThanAttempts_succeedsWithTheEffectOfOneCall(
            @ForAll("fewerFaultsThanAttempts") List<Fault> faults) {
        reset(faults);
        String path = "/API/jobs/v1/jobs/j1/";

        String answer = client().send("PUT", path, "{\"status\":\"FINISHED\"}");

        assertEquals("{\"status\":\"FINISHED\"}", answer);
        assertEquals(Map.of(path, "{\"status\":\"FINISHED\"}"), STATE);
        assertEquals(faults.size() + 1, REQUESTS.get());
    }

    @Provide
    Arbitrary<List<Fault>> rateLimitsOnly() {
        return Arbitraries.just(Fault.TOO_MANY_REQUESTS).list().ofMaxSize(4);
    }

    @Property(tries = 10)
    void create_answered429FewerTimesThanAttempts_createsExactlyOnce(
            @ForAll("rateLimitsOnly") List<Fault> faults) {
        reset(faults);

        assertEquals("asset-1", client().createAsset(AssetCreate.of("t")).id());
        assertEquals(1, CREATED.get());
        assertEquals(faults.size() + 1, REQUESTS.get());
    }

    @Provide
    Arbitrary<Fault> outcomeOpeningFault() {
        return Arbitraries.of(Fault.BAD_GATEWAY, Fault.UNAVAILABLE, Fault.GATEWAY_TIMEOUT,
                Fault.RESET_AFTER_APPLYING);
    }

    @Property(tries = 12)
    void create_whoseOutcomeIsOpen_isSentOnce_andReportedUnknown(@ForAll("outcomeOpeningFault") Fault fault) {
        reset(List.of(fault));

        OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class,
                () -> client().createAsset(AssetCreate.of("t")));

        assertTrue(e.mayHaveBeenApplied());
        assertEquals(1, REQUESTS.get());
        assertTrue(CREATED.get() <= 1);
        assertEquals(fault == Fault.RESET_AFTER_APPLYING ? 1 : 0, CREATED.get());
    }
}
