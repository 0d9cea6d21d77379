// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake's HTTP control surface under {@code /__fake/}, and its Java counterparts. */
class ControlSurfaceTest {

    private static final String A = "/API/assets/v1";

    private FakeIconik fake;
    private Http http;
    private Http control;

    @BeforeEach
    void start() {
        fake = FakeIconik.builder().seed(3).build().start();
        http = Http.of(fake);
        control = new Http(fake.url(), Map.of());
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private long count(String query) {
        Http.Answer a = control.get("/__fake/requests/count" + query);
        assertEquals(200, a.status(), a.body());
        return a.json().get("count").asLong();
    }

    @Test
    void requestCount_filtersByMethodPathRegexAndStatus() {
        http.post(A + "/assets/", Map.of("title", "a"));
        http.post(A + "/assets/", Map.of("title", "b"));
        http.get(A + "/assets/");
        http.get(A + "/assets/" + java.util.UUID.randomUUID() + "/");
        control.get(A + "/assets/");

        assertEquals(5, count(""));
        assertEquals(2, count("?method=POST"));
        assertEquals(2, count("?method=post&path=/API/assets/v1/assets/?"));
        assertEquals(3, count("?method=GET"));
        assertEquals(1, count("?status=404"));
        assertEquals(1, count("?status=401&path=.*/assets/"));
        assertEquals(0, count("?method=DELETE"));
        assertEquals(3, fake.requestCount("GET", null, null));
        assertEquals(2, fake.requestCount(null, "/API/assets/v1/assets/", 201));
        assertEquals(5, count(""), "control requests are never counted");
    }

    @Test
    void clearingRequests_emptiesJournalAndCounters() {
        http.get(A + "/assets/");
        assertEquals(1, fake.requests().size());
        assertEquals(204, control.delete("/__fake/requests").status());
        assertEquals(0, count(""));
        assertEquals(0, fake.requests().size());
        http.get(A + "/assets/");
        fake.clearRequests();
        assertEquals(0, fake.requestCount(null, null, null));
    }

    @Test
    void putFaults_takesIconikDown_andDeleteBringsItBack() {
        Http.Answer set = control.put("/__fake/faults", Map.of("5xx", 1));
        assertEquals(200, set.status(), set.body());
        for (int i = 0; i < 5; i++) {
            int status = http.get(A + "/assets/").status();
            assertTrue(status >= 500 && status <= 503, "answered " + status);
        }
        assertEquals(5, count("?path=/API/.*") - count("?status=200"));
        assertEquals(204, control.delete("/__fake/faults").status());
        assertEquals(200, http.get(A + "/assets/").status());
    }

    @Test
    void putFaults_withMethodAndPath_failsOnlyThatEndpoint() {
        assertEquals(200, control.put("/__fake/faults", Map.of("429", 1, "method", "POST",
                "path", "/API/assets/v1/assets/?")).status());
        Http.Answer post = http.post(A + "/assets/", Map.of("title", "a"));
        assertEquals(429, post.status());
        assertEquals("1", post.header("Retry-After"));
        assertEquals(200, http.get(A + "/assets/").status());
        assertEquals(201, http.post(A + "/collections/", Map.of("title", "c")).status());
        assertEquals(0, fake.assets().size());
    }

    @Test
    void putFaults_replacesEarlierFaults() {
        control.put("/__fake/faults", Map.of("5xx", 1));
        control.put("/__fake/faults", Map.of("latency_ms", 1));
        assertEquals(200, http.get(A + "/assets/").status());
    }

    @Test
    void badFaults_areRefusedNamingTheKey() {
        Http.Answer tooHigh = control.put("/__fake/faults", Map.of("5xx", 2));
        assertEquals(400, tooHigh.status());
        assertTrue(tooHigh.body().contains("5xx"), tooHigh.body());
        Http.Answer unknown = control.put("/__fake/faults", Map.of("timeout", 1));
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().contains("timeout"), unknown.body());
        Http.Answer sum = control.put("/__fake/faults", Map.of("5xx", 0.6, "reset", 0.6));
        assertEquals(400, sum.status());
        Http.Answer regex = control.put("/__fake/faults", Map.of("5xx", 1, "path", "(("));
        assertEquals(400, regex.status());
        assertTrue(regex.body().contains("path"), regex.body());
        assertEquals(400, control.get("/__fake/requests/count?path=((").status());
        assertEquals(400, control.get("/__fake/requests/count?colour=red").status());
        assertEquals(200, http.get(A + "/assets/").status(), "a refused PUT changes nothing");
    }

    @Test
    void uploaded_listsWhatArrivedThroughUploadUrls() throws Exception {
        String assetId = http.post(A + "/assets/", Map.of("title", "clip")).json().get("id").asText();
        JsonNode proxy = http.post("/API/files/v1/assets/" + assetId + "/proxies/", Map.of("name", "p.mp4")).json();
        byte[] bytes = "proxy bytes".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, http.raw("PUT", proxy.get("upload_url").asText(), bytes, Map.of()).status());

        JsonNode objects = control.get("/__fake/uploaded").json().get("objects");
        assertEquals(1, objects.size());
        JsonNode o = objects.get(0);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        assertEquals(proxy.get("id").asText(), o.get("object_id").asText());
        assertEquals(fake.defaultStorageId("PROXIES"), o.get("storage_id").asText());
        assertEquals(bytes.length, o.get("size").asLong());
        assertEquals(md5, o.get("md5").asText());
        assertEquals(List.of(new UploadedObject(proxy.get("id").asText(), fake.defaultStorageId("PROXIES"),
                bytes.length, md5)), fake.uploaded());
        assertEquals(1, fake.requestCount("PUT", "/__fake/upload/.*", 200), "upload URLs are counted");
    }

    @Test
    void unknownControlPath_answers404_andUploadUrlsAreNoControlPaths() {
        assertEquals(404, control.get("/__fake/nothing").status());
        assertEquals(405, control.post("/__fake/faults", Map.of()).status());
        assertEquals(404, control.raw("PUT", fake.url() + "/__fake/upload/0123/", new byte[1], Map.of()).status(),
                "upload URLs are served on a port of their own, not the control surface's");
    }

    @Test
    void resumableSession_takesTheWholeObjectInOnePutWithoutContentRange_asGcsDoes() {
        String assetId = http.post(A + "/assets/", Map.of("title", "clip")).json().get("id").asText();
        JsonNode proxy = http.post("/API/files/v1/assets/" + assetId + "/proxies/", Map.of("name", "p.mp4")).json();
        Http.Answer start = http.raw("POST", proxy.get("upload_url").asText(), new byte[0],
                Map.of("x-goog-resumable", "start"));
        assertEquals(201, start.status(), start.body());
        String session = start.header("Location");
        assertEquals(308, http.raw("PUT", session, new byte[0], Map.of()).status(), "an empty PUT asks the status");
        byte[] bytes = new byte[3000];
        assertEquals(200, http.raw("PUT", session, bytes, Map.of()).status());
        assertEquals(3000, fake.uploaded().get(0).size());
    }
}
