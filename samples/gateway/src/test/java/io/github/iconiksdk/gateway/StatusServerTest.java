// SPDX-License-Identifier: Apache-2.0
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
import java.util.List;
import java.util.Optional;

import io.github.iconiksdk.api.upload.Registration;

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

    @Test
    void fileJson_answersOneFilesState_withALinkToItsAsset_404WhenUnknown_400ForAPathOutOfTheRoot()
            throws Exception {
        FileReports.Journal journal = new FileReports.Journal() {
            @Override
            public Optional<Registration> registration(String path) {
                return path.equals("day1/a b.mov") ? Optional.of(new Registration(path,
                        RegistrationOutcome.ALREADY_REGISTERED, "asset-1", "format-1", "set-1", "file-1"))
                        : Optional.empty();
            }

            @Override
            public List<String> pendingWork(String path) {
                return path.equals("day1/a b.mov") ? List.of("RENDITIONS") : List.of();
            }
        };
        server = StatusServer.start(0, status::snapshot,
                new FileReports(status, journal, URI.create("https://app.iconik.io/")));
        status.fileRegistered("day1/a b.mov", RegistrationOutcome.CREATED);
        status.uploaded("day1/a b.mov", 2048);
        status.fileFailed("day2/c.mov", "iconik answered 503");

        HttpResponse<String> r = get("/file.json?path=day1%2Fa%20b.mov");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode f = new ObjectMapper().readTree(r.body());
        assertEquals("day1/a b.mov", f.path("path").asText());
        assertTrue(f.path("registered").asBoolean());
        assertEquals("asset-1", f.path("asset_id").asText());
        assertEquals("https://app.iconik.io/asset/asset-1", f.path("asset_url").asText());
        assertTrue(f.path("renditions").asText().startsWith("pending"), f.toString());
        assertTrue(f.path("uploads").asText().startsWith("1 objects (2048 bytes)"), f.toString());
        assertEquals("uploaded 2048 bytes", f.at("/last_event/what").asText());

        JsonNode failed = new ObjectMapper().readTree(get("/file.json?path=./day2/c.mov").body());
        assertEquals(false, failed.path("registered").asBoolean());
        assertEquals(1, failed.path("failures").asInt());
        assertTrue(failed.path("asset_id").isNull());

        HttpResponse<String> unknown = get("/file.json?path=nowhere.mov");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("has not seen nowhere.mov"), unknown.body());
        HttpResponse<String> escape = get("/file.json?path=day1/../../etc/passwd");
        assertEquals(400, escape.statusCode());
        assertTrue(escape.body().contains(".. segment"), escape.body());
        assertEquals(400, get("/file.json").statusCode());
    }

    @Test
    void severalStorages_statusJsonListsEach_firstAtTheTop_andFileJsonTakesTheStorage() throws Exception {
        GatewayStatus second = new GatewayStatus("s-2", "1.0", Clock.systemUTC());
        status.storageRead("s-1", "Studio NAS");
        second.storageRead("s-2", "Archive SAN");
        status.fileRegistered("day1/a.mov", RegistrationOutcome.CREATED);
        second.fileRegistered("day9/b.mov", RegistrationOutcome.CREATED);
        FileReports.Journal none = new FileReports.Journal() {
            @Override
            public Optional<Registration> registration(String path) {
                return Optional.empty();
            }

            @Override
            public List<String> pendingWork(String path) {
                return List.of();
            }
        };
        URI ui = URI.create("https://app.iconik.io/");
        server = StatusServer.start(0, List.of(
                new StatusServer.Served("s-1", status::snapshot, new FileReports(status, none, ui)),
                new StatusServer.Served("s-2", second::snapshot, new FileReports(second, none, ui))));

        JsonNode json = new ObjectMapper().readTree(get("/status.json").body());
        assertEquals("s-1", json.at("/storage/id").asText(), "the first storage's object stays at the top");
        assertEquals(2, json.path("storages").size(), json.toString());
        assertEquals("Studio NAS", json.at("/storages/0/storage/name").asText());
        assertEquals("Archive SAN", json.at("/storages/1/storage/name").asText());
        assertEquals("INACTIVE", json.at("/storages/1/scanner/state").asText());

        assertEquals(404, get("/file.json?path=day9/b.mov").statusCode(), "the first storage by default");
        assertEquals(200, get("/file.json?path=day9/b.mov&storage=s-2").statusCode());
        assertEquals(200, get("/file.json?path=day1/a.mov&storage=s-1").statusCode());
        HttpResponse<String> unknown = get("/file.json?path=day1/a.mov&storage=s-3");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("no storage s-3") && unknown.body().contains("s-1, s-2"), unknown.body());
        assertThrows(IllegalArgumentException.class, () -> StatusServer.start(0, List.of(
                new StatusServer.Served("s-1", status::snapshot, null),
                new StatusServer.Served("s-1", second::snapshot, null))));
    }

    @Test
    void oneStorage_statusJsonHasNoStoragesList() throws Exception {
        server = StatusServer.start(0, status::snapshot);
        assertTrue(new ObjectMapper().readTree(get("/status.json").body()).path("storages").isMissingNode());
    }
}
