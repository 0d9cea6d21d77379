// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiCommandTest {

    private static final String TOKEN = "tok-api-command-secret";
    private static final String ASSETS = "/API/assets/v1/assets/";
    private static WireMockServer server;

    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        env.put("ICONIK_URL", "http://127.0.0.1:" + server.port());
        env.put("APP_ID", "app-1");
        env.put("AUTH_TOKEN", TOKEN);
    }

    private int run(String... args) {
        CommandLine cl = GatewayMain.commandLine();
        ((ApiCommand) cl.getSubcommands().get("api").getCommand()).env = env;
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void get_printsTheJsonBody() {
        server.stubFor(get(urlPathEqualTo(ASSETS + "a1/")).withHeader("Auth-Token", equalTo(TOKEN))
                .willReturn(okJson("{\"id\":\"a1\",\"title\":\"clip\"}")));

        assertEquals(0, run("api", "GET", ASSETS + "a1/"));
        assertEquals("{\"id\":\"a1\",\"title\":\"clip\"}", out.toString().strip());
    }

    @Test
    void paginate_printsEveryObjectOncePerLine_throughFaults() {
        server.stubFor(get(urlPathEqualTo(ASSETS)).withQueryParam("page", absent()).willReturn(okJson(
                "{\"objects\":[{\"id\":\"a1\"},{\"id\":\"a2\"}],\"page\":1,\"pages\":3,\"next_url\":\"" + ASSETS
                        + "?page=2\"}")));
        server.stubFor(get(urlPathEqualTo(ASSETS)).withQueryParam("page", equalTo("2")).inScenario("f")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("reset").willReturn(aResponse().withStatus(503)));
        server.stubFor(get(urlPathEqualTo(ASSETS)).withQueryParam("page", equalTo("2")).inScenario("f")
                .whenScenarioStateIs("reset").willSetStateTo("ok")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get(urlPathEqualTo(ASSETS)).withQueryParam("page", equalTo("2")).inScenario("f")
                .whenScenarioStateIs("ok").willReturn(okJson(
                        "{\"objects\":[{\"id\":\"a3\"}],\"page\":2,\"pages\":3,\"next_url\":\"" + ASSETS
                                + "?page=3\"}")));
        server.stubFor(get(urlPathEqualTo(ASSETS)).withQueryParam("page", equalTo("3")).willReturn(okJson(
                "{\"objects\":[{\"id\":\"a4\"}],\"page\":3,\"pages\":3}")));

        assertEquals(0, run("api", "--paginate", "GET", ASSETS));
        assertEquals(List.of("{\"id\":\"a1\"}", "{\"id\":\"a2\"}", "{\"id\":\"a3\"}", "{\"id\":\"a4\"}"),
                out.toString().lines().toList());
    }

    @Test
    void notFound_printsIconiksMessageAndStatus_exits1() {
        server.stubFor(get(urlPathEqualTo(ASSETS + "nope/")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[\"Asset not found\"]}")));

        assertEquals(1, run("api", "GET", ASSETS + "nope/"));
        assertTrue(err.toString().contains("404"), err.toString());
        assertTrue(err.toString().contains("Asset not found"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void post_sendsTheDataAsJson() {
        server.stubFor(post(urlPathEqualTo(ASSETS)).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":\"new\"}")));

        assertEquals(0, run("api", "POST", ASSETS, "--data", "{\"title\":\"x\"}"));
        server.verify(postRequestedFor(urlPathEqualTo(ASSETS)).withRequestBody(equalToJson("{\"title\":\"x\"}")));
        assertEquals("{\"id\":\"new\"}", out.toString().strip());
    }

    @Test
    void flags_winOverTheEnvironment() {
        server.stubFor(get(urlPathEqualTo(ASSETS + "a1/")).withHeader("App-ID", equalTo("flag-app"))
                .willReturn(okJson("{}")));

        assertEquals(0, run("api", "--app-id", "flag-app", "GET", ASSETS + "a1/"));
    }

    @Test
    void missingCredentials_exit2NamingThem() {
        env.remove("AUTH_TOKEN");

        assertEquals(2, run("api", "GET", ASSETS));
        assertTrue(err.toString().contains("--auth-token (or AUTH_TOKEN"), err.toString());
    }

    @Test
    void configFile_suppliesWhatFlagsAndEnvironmentLeaveOut(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        env.remove("APP_ID");
        java.nio.file.Path ini = dir.resolve("config.ini");
        java.nio.file.Files.writeString(ini, "[main]\napp-id = from-file\n");
        server.stubFor(get(urlPathEqualTo(ASSETS + "a1/")).withHeader("App-ID", equalTo("from-file"))
                .willReturn(okJson("{}")));

        assertEquals(0, run("api", "--config", ini.toString(), "GET", ASSETS + "a1/"));
    }

    @Test
    void badUrl_exit2NamingIt() {
        env.put("ICONIK_URL", "ftp://example");

        assertEquals(2, run("api", "GET", ASSETS));
        assertTrue(err.toString().contains("iconik-url"), err.toString());
    }

    @Test
    void badData_exit2() {
        assertEquals(2, run("api", "POST", ASSETS, "--data", "{not json"));
        assertTrue(err.toString().contains("--data"), err.toString());
    }

    @Test
    void theTokenIsNeverPrinted_evenWhenIconikEchoesIt() {
        server.stubFor(get(urlPathEqualTo(ASSETS)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":[\"token " + TOKEN + " is invalid\"]}")));

        assertEquals(1, run("api", "GET", ASSETS));
        assertFalse(err.toString().contains(TOKEN), err.toString());
        assertFalse(out.toString().contains(TOKEN));
        assertTrue(err.toString().contains("401"));
    }
}
