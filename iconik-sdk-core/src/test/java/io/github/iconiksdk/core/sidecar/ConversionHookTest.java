// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.api.sidecar.SidecarReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConversionHookTest {

    static WireMockServer server;

    @TempDir
    Path dir;

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
    }

    private ConversionHook hook(Duration timeout) {
        return ConversionHook.builder().url(server.baseUrl() + "/convert?key=s3cret")
                .header("X-Api-Key", "token-value-123").timeout(timeout).build();
    }

    @Test
    void postsRawSidecarWithHeaders_andReadsIconikJsonBack() throws IOException {
        byte[] foreign = "<clip><reel>A001</reel></clip>".getBytes(StandardCharsets.UTF_8);
        Path clip = Files.write(dir.resolve("a.MOV"), new byte[] {1});
        Files.write(dir.resolve("a.MOV.xml"), foreign);
        server.stubFor(post(urlEqualTo("/convert?key=s3cret")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"metadata_values\": {\"reel\": {\"field_values\": [{\"value\": \"A001\"}]}}}")));
        SidecarReader reader = Sidecars.reader(hook(Duration.ofSeconds(5)));

        MetadataValues values = reader.readFor(clip).orElseThrow();

        assertEquals(MetadataValues.builder().add("reel", "A001").build(), values);
        server.verify(postRequestedFor(urlEqualTo("/convert?key=s3cret"))
                .withHeader("X-Api-Key", equalTo("token-value-123"))
                .withHeader("Content-Type", equalTo("application/xml"))
                .withRequestBody(binaryEqualTo(foreign)));
    }

    @Test
    void errorStatus_isASidecarExceptionWithoutSecrets() throws IOException {
        Path sidecar = Files.writeString(dir.resolve("a.json"), "{}");
        server.stubFor(post(urlEqualTo("/convert?key=s3cret"))
                .willReturn(aResponse().withStatus(502).withBody("upstream down")));

        SidecarException e = assertThrows(SidecarException.class,
                () -> hook(Duration.ofSeconds(5)).convert(sidecar, Files.readAllBytes(sidecar)));

        assertEquals(sidecar, e.file());
        assertTrue(e.getMessage().contains("HTTP 502") && e.getMessage().contains("upstream down"), e.getMessage());
        assertTrue(e.getMessage().contains(server.baseUrl() + "/convert"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret") || e.getMessage().contains("token-value-123"), e.getMessage());
    }

    @Test
    void answerThatIsNotIconikJson_namesThePositionInTheAnswer() throws IOException {
        Path sidecar = Files.writeString(dir.resolve("a.csv"), "x\n1\n");
        server.stubFor(post(urlEqualTo("/convert?key=s3cret"))
                .willReturn(aResponse().withStatus(200).withBody("{\"metadata_values\":\n [1]}")));

        SidecarException e = assertThrows(SidecarException.class,
                () -> hook(Duration.ofSeconds(5)).convert(sidecar, Files.readAllBytes(sidecar)));

        assertTrue(e.getMessage().contains("line 2, column 2 of the answer"), e.getMessage());
    }

    @Test
    void slowService_timesOut() throws IOException {
        Path sidecar = Files.writeString(dir.resolve("a.json"), "{}");
        server.stubFor(post(urlEqualTo("/convert?key=s3cret"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2000).withBody("{}")));

        SidecarException e = assertThrows(SidecarException.class,
                () -> hook(Duration.ofMillis(300)).convert(sidecar, Files.readAllBytes(sidecar)));

        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void resetConnection_isASidecarException() throws IOException {
        Path sidecar = Files.writeString(dir.resolve("a.json"), "{}");
        server.stubFor(post(urlEqualTo("/convert?key=s3cret"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        SidecarException e = assertThrows(SidecarException.class,
                () -> hook(Duration.ofSeconds(5)).convert(sidecar, Files.readAllBytes(sidecar)));

        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
    }

    @Test
    void headersSetting_parsesJsonOrLines_andToStringHidesValues() {
        assertEquals(Map.of("X-Key", "abc", "X-Other", "d: e"),
                ConversionHook.parseHeaders("{\"X-Key\": \"abc\", \"X-Other\": \"d: e\"}"));
        assertEquals(Map.of("X-Key", "abc", "Authorization", "Bearer z"),
                ConversionHook.parseHeaders("X-Key: abc\n\nAuthorization: Bearer z\n"));
        assertEquals(Map.of(), ConversionHook.parseHeaders(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConversionHook.parseHeaders("X-Key abc-secret"));
        assertFalse(e.getMessage().contains("abc-secret"), e.getMessage());
        assertFalse(hook(Duration.ofSeconds(1)).toString().contains("token-value-123"));
        assertThrows(IllegalArgumentException.class, () -> ConversionHook.builder().url("file:///etc/passwd"));
    }

    /** Issue 16 item 6: the proxy the gateway is configured with carries the conversion requests too. */
    @Test
    void throughAProxy_theRequestReachesTheServiceByTheProxy() throws IOException {
        Path clip = Files.write(dir.resolve("p.MOV"), new byte[] {1});
        Files.writeString(dir.resolve("p.MOV.xml"), "<clip/>");
        server.stubFor(post(urlEqualTo("/convert")).willReturn(aResponse().withStatus(200)
                .withBody("{\"metadata_values\": {\"reel\": {\"field_values\": [{\"value\": \"B7\"}]}}}")));
        // The host does not resolve (RFC 2606): the request can only arrive by way of the proxy.
        ConversionHook hook = ConversionHook.builder().url("http://conversion.invalid/convert")
                .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1", server.port())))
                .timeout(Duration.ofSeconds(5)).build();

        MetadataValues values = Sidecars.reader(hook).readFor(clip).orElseThrow();

        assertEquals(MetadataValues.builder().add("reel", "B7").build(), values);
        server.verify(postRequestedFor(urlEqualTo("/convert"))
                .withHeader("Host", equalTo("conversion.invalid")));
    }
}
