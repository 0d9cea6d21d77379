// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.iconiksdk.core.client.model.AssetCreate;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the client through success, retries, every error path and pagination with logging at TRACE (see
 * {@code simplelogger.properties}), and checks that the token appears in none of: the log, exception messages and
 * stack traces, and the {@code toString()} of client, builder and credentials. iconik echoing the token back in
 * an error body is included: the client must scrub it.
 */
class TokenNeverPrintedTest extends WireMockSupport {

    @Test
    void token_isInNoLogLineExceptionOrToString() {
        server.stubFor(get(urlPathEqualTo("/API/assets/v1/assets/ok/")).willReturn(okJson("{\"id\":\"ok\"}")));
        server.stubFor(get(urlPathEqualTo("/API/assets/v1/assets/echo/")).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":[\"bad token " + TOKEN + "\"]}")));
        server.stubFor(get(urlPathEqualTo("/API/assets/v1/assets/busy/")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "1")));
        server.stubFor(get(urlPathEqualTo("/API/assets/v1/assets/html/")).willReturn(aResponse().withStatus(502)
                .withBody("<html><title>" + TOKEN + "</title></html>")));
        server.stubFor(get(urlPathEqualTo("/API/assets/v1/assets/reset/")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(post(urlPathEqualTo("/API/assets/v1/assets/")).willReturn(aResponse().withStatus(503)));
        server.stubFor(get(urlPathEqualTo("/API/files/v1/storages/")).willReturn(okJson(
                "{\"objects\":[{\"id\":\"s\"}],\"page\":1,\"pages\":1}")));
        server.stubFor(any(urlPathMatching("/API/jobs/.*")).willReturn(aResponse().withStatus(429)));

        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<Throwable> thrown = new ArrayList<>();
        IconikClient.Builder builder = builder();
        IconikClient client;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            System.setOut(capture);
            client = builder.build();
            client.getAsset("ok");
            client.listStorages().forEach(s -> { });
            for (String id : List.of("echo", "busy", "html", "reset")) {
                try {
                    client.getAsset(id);
                } catch (RuntimeException e) {
                    thrown.add(e);
                }
            }
            try {
                client.createAsset(AssetCreate.of("t"));
            } catch (RuntimeException e) {
                thrown.add(e);
            }
            try {
                client.getJob("j");
            } catch (RuntimeException e) {
                thrown.add(e);
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("GET /API/assets/v1/assets/busy/"), "the client logged its flow:\n" + log);
        assertFalse(log.contains(TOKEN), "token in the log:\n" + log);
        assertTrue(thrown.size() >= 6, "every failing call threw: " + thrown);
        for (Throwable t : thrown) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            assertFalse(trace.toString().contains(TOKEN), "token in " + trace);
            if (t instanceof io.github.iconiksdk.api.IconikServiceException s) {
                assertFalse(s.errors().toString().contains(TOKEN), "token in errors of " + s);
                assertFalse(s.headers().toString().contains(TOKEN), "token in headers of " + s);
            }
        }
        assertFalse(client.toString().contains(TOKEN), client.toString());
        assertFalse(builder.toString().contains(TOKEN), builder.toString());
        assertFalse(Credentials.of(APP_ID, TOKEN).toString().contains(TOKEN));
    }
}
