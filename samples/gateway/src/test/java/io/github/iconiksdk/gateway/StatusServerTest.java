package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusServerTest {

    private final GatewayStatus status = new GatewayStatus("s-1", "1.0", Clock.systemUTC());
    private final HttpClient http = HttpClient.newHttpClient();
    private StatusServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusJson_isTheCurrentSnapshot_andGrowsWithTheCounters() throws Exception {
        server = StatusServer.start(0, status::snapshot);
        status.storageRead("s-1", "Studio NAS");
        HttpResponse<String> r = get("/status.json");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertEquals("Studio NAS", json.at("/storage/name").asText());
        assertEquals("Inactive", json.at("/scanner/label").asText());
        assertEquals(0, json.at("/files/registered").asInt());
        status.fileRegistered("a", RegistrationOutcome.CREATED);
        status.fileRegistered("b", RegistrationOutcome.CREATED);
        assertEquals(2, new ObjectMapper().readTree(get("/status.json").body()).at("/files/registered").asInt());
    }

    @Test
    void root_servesThePage_otherPathsAre404_andWritesAre405() throws Exception {
        server = StatusServer.start(0, status::snapshot);
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("fetch(\"/status.json\""), "the page reads /status.json");
        assertEquals(404, get("/admin").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/status.json")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        server = StatusServer.start(0, status::snapshot);
        InetAddress other = null;
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    other = a;
                }
            }
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertTrue(s.isConnected());
        }
        if (other != null) {
            InetAddress address = other;
            assertThrows(ConnectException.class, () -> new Socket(address, server.port()).close(),
                    "the status page must not answer on " + address);
        }
    }

    @Test
    void aPortInUse_isAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> StatusServer.start(taken.getLocalPort(), status::snapshot));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }
}
