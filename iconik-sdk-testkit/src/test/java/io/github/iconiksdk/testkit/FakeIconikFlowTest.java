// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flows a gateway and MAM code run against the fake, and what they can rely on. */
class FakeIconikFlowTest {

    private static final String F = "/API/files/v1";
    private static final String A = "/API/assets/v1";
    private static final String M = "/API/metadata/v1";

    private FakeIconik fake;
    private Http http;

    @BeforeEach
    void start() {
        fake = FakeIconik.builder().seed(7).build().start();
        http = Http.of(fake);
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private static JsonNode ok(Http.Answer a, int status) {
        assertEquals(status, a.status(), () -> "unexpected answer " + a.body());
        return a.json();
    }

    @Test
    void requestsWithoutOrWithWrongCredentials_get401() {
        assertEquals(401, new Http(fake.url(), Map.of()).get(A + "/assets/").status());
        assertEquals(401, new Http(fake.url(), Map.of("App-ID", fake.appId(), "Auth-Token", "wrong"))
                .get(A + "/assets/").status());
        assertEquals(401, new Http(fake.url(), Map.of("App-ID", "wrong", "Auth-Token", fake.authToken()))
                .get(A + "/assets/").status());
        assertEquals(200, http.get(A + "/assets/").status());
        assertFalse(fake.toString().contains(fake.authToken()));
    }

    @Test
    void readyMadeFileStorage_hasTheSettingsIconikGivesANewOne() {
        JsonNode s = ok(http.get(F + "/storages/" + fake.storageId() + "/"), 200);
        JsonNode settings = s.get("settings");
        assertEquals("FILE", s.get("method").asText());
        assertTrue(settings.get("scan").asBoolean());
        assertEquals(10, settings.get("growing_files_threshold").asInt());
        assertEquals(5, settings.get("scan_interval_seconds").asInt());
        assertTrue(settings.get("local_proxy_creation").asBoolean());
        assertTrue(settings.get("local_keyframe_creation").asBoolean());
        assertFalse(settings.get("upload_files").asBoolean());
        assertFalse(settings.has("metadata_view_id"));
        assertTrue(settings.get("scan_ignore").toString().contains("*.fcpcache"));
        for (String purpose : List.of("FILES", "PROXIES", "KEYFRAMES")) {
            JsonNode d = ok(http.get(F + "/storages/" + purpose + "/default/"), 200);
            assertEquals(purpose, d.get("purpose").asText());
            assertTrue(d.get("default").asBoolean());
            assertEquals(d.get("id"), ok(http.get(F + "/storages/matching/" + purpose + "/"), 200).get("id"));
        }
    }

    @Test
    void storageSettingsFromTheBuilder_overrideTheDefaults() {
        try (FakeIconik other = FakeIconik.builder().mountPoint("/mnt/media").storageSetting("upload_files", "true")
                .storageSetting("metadata_view_id", "\"6f1c3c2e-2d57-4a36-9d0b-6b2a3f3b1c11\"").build().start()) {
            JsonNode settings = Http.of(other).get(F + "/storages/" + other.storageId() + "/").json().get("settings");
            assertEquals("/mnt/media", settings.get("mount_point").asText());
            assertTrue(settings.get("upload_files").asBoolean());
            assertEquals("6f1c3c2e-2d57-4a36-9d0b-6b2a3f3b1c11", settings.get("metadata_view_id").asText());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> FakeIconik.builder()
                .storageSetting("growing_files_threshold", "\"ten\"").build().start());
        assertTrue(bad.getMessage().contains("growing_files_threshold"), bad.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> FakeIconik.builder()
                .storageSetting("no_such_setting", "1").build().start());
        assertTrue(unknown.getMessage().contains("no_such_setting"), unknown.getMessage());
    }

    @Test
    void ingestFlow_assetFormatFileSetFileCloseMetadataCollectionProxyUpload() {
        JsonNode col = ok(http.post(A + "/collections", m("title", "Shoot")), 201);
        JsonNode asset = ok(http.post(A + "/assets", m("title", "clip.mov", "external_id", "/media/clip.mov")), 201);
        String assetId = asset.get("id").asText();
        String a = F + "/assets/" + assetId;
        JsonNode format = ok(http.post(a + "/formats/", m("name", "ORIGINAL")), 201);
        assertEquals(0, format.get("metadata").size());
        assertTrue(format.get("storage_methods").isArray());
        JsonNode fileSet = ok(http.post(a + "/file_sets/", m("format_id", format.get("id").asText(),
                "name", "clip.mov", "storage_id", fake.storageId())), 201);
        assertEquals("", fileSet.get("base_dir").asText());
        assertTrue(fileSet.get("component_ids").isArray());
        JsonNode file = ok(http.post(a + "/files/", m("original_name", "clip.mov", "file_set_id",
                fileSet.get("id").asText(), "size", 4, "status", "OPEN")), 201);
        assertEquals("", file.get("directory_path").asText());
        assertEquals("FILE", file.get("type").asText());
        assertNull(file.get("upload_url"), "a file on the gateway's own storage needs no upload");
        ok(http.patch(a + "/files/" + file.get("id").asText() + "/", m("status", "CLOSED", "checksum", "d41d8")),
                200);
        ok(http.post(M + "/fields/", m("name", "scene", "label", "Scene", "field_type", "string")), 201);
        JsonNode view = ok(http.post(M + "/views/", m("name", "Sidecar", "view_fields", List.of(m("name", "scene")))),
                201);
        ok(http.put(M + "/assets/" + assetId + "/views/" + view.get("id").asText() + "/", m("metadata_values",
                m("scene", m("field_values", List.of(m("value", "12A")))))), 200);
        ok(http.post(A + "/collections/" + col.get("id").asText() + "/contents", m("object_id", assetId,
                "object_type", "assets")), 201);
        JsonNode proxy = ok(http.post(a + "/proxies/", m("name", "proxy.mp4", "filename", "proxy.mp4")), 201);
        byte[] bytes = "proxy bytes".getBytes(StandardCharsets.UTF_8);
        Http.Answer put = new Http("", Map.of()).raw("PUT", proxy.get("upload_url").asText(), bytes, Map.of());
        assertEquals(200, put.status(), put.body());
        ok(http.patch(a + "/proxies/" + proxy.get("id").asText() + "/", m("status", "CLOSED")), 200);

        assertEquals(1, fake.assets().size());
        assertEquals("CLOSED", fake.files(assetId).get(0).get("status").asText());
        assertEquals("d41d8", fake.files(assetId).get(0).get("checksum").asText());
        assertEquals("12A", fake.metadata(assetId).get("scene").get("field_values").get(0).get("value").asText());
        assertEquals(List.of(assetId), fake.collectionAssets(col.get("id").asText()));
        assertArrayEquals(bytes, fake.uploadedBytes(proxy.get("id").asText()).orElseThrow());
        assertEquals("CLOSED", fake.proxies(assetId).get(0).get("status").asText());
        JsonNode again = ok(http.get(A + "/assets/" + assetId + "/"), 200);
        assertEquals(col.get("id").asText(), again.get("in_collections").get(0).asText());
    }

    @Test
    void keyframeUpload_resumableSessionInChunks() {
        String assetId = ok(http.post(A + "/assets/", m("title", "x")), 201).get("id").asText();
        JsonNode kf = ok(http.post(F + "/assets/" + assetId + "/keyframes/?use_google_resumable_upload=true",
                m("type", "KEYFRAME_MAP", "filename", "map.jpg")), 201);
        Http plain = new Http("", Map.of());
        Http.Answer start = plain.raw("POST", kf.get("upload_url").asText(), new byte[0],
                Map.of("x-goog-resumable", "start"));
        assertEquals(201, start.status());
        String session = start.header("Location");
        assertNotNull(start.header("X-GUploader-UploadID"));
        byte[] all = "0123456789".getBytes(StandardCharsets.UTF_8);
        Http.Answer first = plain.raw("PUT", session, java.util.Arrays.copyOfRange(all, 0, 6),
                Map.of("Content-Range", "bytes 0-5/10"));
        assertEquals(308, first.status());
        assertEquals("bytes=0-5", first.header("Range"));
        Http.Answer last = plain.raw("PUT", session, java.util.Arrays.copyOfRange(all, 6, 10),
                Map.of("Content-Range", "bytes 6-9/10"));
        assertEquals(200, last.status());
        assertArrayEquals(all, fake.uploadedBytes(kf.get("id").asText()).orElseThrow());
        assertEquals(403, plain.raw("PUT", kf.get("upload_url").asText().replaceAll("/__fake/upload/[^/]+/",
                "/__fake/upload/0000/"), all, Map.of()).status());
    }

    @Test
    void pagination_followsNextUrlAndLastId() {
        for (int i = 0; i < 25; i++) {
            ok(http.post(A + "/assets/", m("title", "asset " + i)), 201);
        }
        Set<String> seen = new HashSet<>();
        String next = A + "/assets/?per_page=10";
        int pages = 0;
        while (next != null) {
            JsonNode page = ok(http.get(next), 200);
            page.get("objects").forEach(o -> seen.add(o.get("id").asText()));
            assertEquals(25, page.get("total").asInt());
            assertEquals(3, page.get("pages").asInt());
            if (pages == 0) {
                assertFalse(page.has("prev_url"), "no prev_url on page 1, not null");
            }
            next = page.has("next_url") ? page.get("next_url").asText() : null;
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(25, seen.size());

        String assetId = fake.assets().get(0).get("id").asText();
        String a = F + "/assets/" + assetId;
        String formatId = ok(http.post(a + "/formats/", m("name", "ORIGINAL")), 201).get("id").asText();
        String fsId = ok(http.post(a + "/file_sets/", m("format_id", formatId, "name", "s")), 201).get("id")
                .asText();
        for (int i = 0; i < 16; i++) {
            ok(http.post(a + "/files/", m("original_name", "f" + i, "file_set_id", fsId)), 201);
        }
        Set<String> files = new HashSet<>();
        String lastId = null;
        int rounds = 0;
        do {
            JsonNode page = ok(http.get(a + "/files/?per_page=7" + (lastId == null ? "" : "&last_id=" + lastId)), 200);
            page.get("objects").forEach(o -> files.add(o.get("id").asText()));
            JsonNode objects = page.get("objects");
            lastId = page.has("next_url") ? objects.get(objects.size() - 1).get("id").asText() : null;
            rounds++;
        } while (lastId != null);
        assertEquals(3, rounds);
        assertEquals(16, files.size());
    }

    @Test
    void searchByExternalIdTitleOrId_findsTheAsset() {
        String id = ok(http.post(A + "/assets/", m("title", "Clip.MOV", "external_id", "card1/clip.mov")), 201)
                .get("id").asText();
        ok(http.post(A + "/assets/", m("title", "other", "external_id", "card1/other.mov")), 201);
        JsonNode byExternal = ok(http.post("/API/search/v1/search/", m("doc_types", List.of("assets"),
                "filter", m("operator", "AND", "terms", List.of(m("name", "external_id",
                        "value", "card1/clip.mov"))))), 200);
        assertEquals(1, byExternal.get("total").asInt());
        assertEquals(id, byExternal.get("objects").get(0).get("id").asText());
        JsonNode byTitle = ok(http.post("/API/search/v1/search", m("filter", m("operator", "AND",
                "terms", List.of(m("name", "title", "value", "clip.mov"))))), 200);
        assertEquals(id, byTitle.get("objects").get(0).get("id").asText());
        JsonNode byIds = ok(http.post("/API/search/v1/search/", m("filter", m("operator", "OR",
                "terms", List.of(m("name", "id", "value_in", List.of(id)))))), 200);
        assertEquals(1, byIds.get("objects").size());
        assertEquals(400, http.post("/API/search/v1/search/", m("filter", m("terms", List.of()))).status());
    }

    @Test
    void searchDelay_hidesNewAssetsFromSearchOnly_untilIndexed() throws InterruptedException {
        Map<String, Object> query = m("filter", m("operator", "AND", "terms",
                List.of(m("name", "external_id", "value", "late-1"))));
        try (FakeIconik lagging = FakeIconik.builder().searchDelay(Duration.ofHours(1)).build().start()) {
            Http h = Http.of(lagging);
            String id = ok(h.post(A + "/assets/", m("title", "late", "external_id", "late-1")), 201).get("id")
                    .asText();
            assertEquals(0, ok(h.post("/API/search/v1/search/", query), 200).get("objects").size(),
                    "not indexed yet");
            assertEquals(200, h.get(A + "/assets/" + id + "/").status(), "reads by id are never delayed");
            assertEquals(1, ok(h.get(A + "/assets/"), 200).get("objects").size(), "lists are never delayed");
        }
        try (FakeIconik lagging = FakeIconik.builder().searchDelay(Duration.ofMillis(200)).build().start()) {
            Http h = Http.of(lagging);
            ok(h.post(A + "/assets/", m("title", "late", "external_id", "late-1")), 201);
            JsonNode found = ok(h.post("/API/search/v1/search/", query), 200);
            for (int i = 0; i < 200 && found.get("objects").size() == 0; i++) {
                Thread.sleep(50);
                found = ok(h.post("/API/search/v1/search/", query), 200);
            }
            assertEquals(1, found.get("objects").size(), "indexed after the delay");
        }
    }

    @Test
    void requestsAreAcceptedAsRealClientsSendThem() {
        // both slash forms, never a redirect
        assertEquals(201, http.post(A + "/assets", m("title", "a")).status());
        assertEquals(200, http.get(A + "/assets").status());
        // zone-less date-times, unknown fields ignored, date_deleted on a create is no deletion
        JsonNode asset = ok(http.post(A + "/assets/", m("title", "b", "date_created", "2026-11-22T22:13:03.593004",
                "date_modified", "2026-11-22T22:13:03.593004", "date_deleted", "2026-11-22T22:13:03.593004",
                "no_such_field", List.of(1))), 201);
        assertEquals("ACTIVE", asset.get("status").asText());
        assertFalse(asset.has("no_such_field"));
        // wrong types are refused, naming the field
        Http.Answer bad = http.post(A + "/assets/", m("title", 5));
        assertEquals(400, bad.status());
        assertTrue(bad.json().get("errors").has("title"), bad.body());
        assertEquals(400, http.post(A + "/assets/", m("external_id", "x")).status());
        assertEquals(405, http.send("PATCH", A + "/assets/", m()).status());
        assertEquals(404, http.get("/API/assets/v1/nothing/here/").status());
    }

    @Test
    void metadataValues_areCheckedAgainstTheView() {
        String assetId = ok(http.post(A + "/assets/", m("title", "x")), 201).get("id").asText();
        ok(http.post(M + "/fields/", m("name", "count", "label", "Count", "field_type", "integer")), 201);
        ok(http.post(M + "/fields/", m("name", "outside", "label", "Outside", "field_type", "string")), 201);
        String viewId = ok(http.post(M + "/views/", m("name", "V", "view_fields", List.of(m("name", "count")))), 201)
                .get("id").asText();
        String values = M + "/assets/" + assetId + "/views/" + viewId + "/";
        assertEquals(404, http.get(values).status(), "no values in the view yet");
        assertEquals(400, http.put(values, m("metadata_values", m("outside", m("field_values",
                List.of(m("value", "x")))))).status(), "a field not in the view");
        assertEquals(400, http.put(values, m("metadata_values", m("count", m("field_values",
                List.of(m("value", "many")))))).status(), "not an integer");
        assertEquals(400, http.put(values, m("metadata_values", m("count", m("field_values",
                List.of(m("value", 1), m("value", 2)))))).status(), "two values in a single-value field");
        assertEquals(400, http.post(M + "/views/", m("name", "W", "view_fields", List.of(m("name", "nope"))))
                .status(), "a view naming a field that does not exist");
        ok(http.put(values, m("metadata_values", m("count", m("field_values", List.of(m("value", 3)))))), 200);
        assertEquals(3, ok(http.get(values), 200).get("metadata_values").get("count").get("field_values").get(0)
                .get("value").asInt());
        assertTrue(fake.metadata(assetId).containsKey("count"));
    }

    @Test
    void serverErrorAndRateLimit_applyNothing() {
        fake.failNext(FaultKind.SERVER_ERROR, "POST", A + "/assets/?", 1);
        Http.Answer e = http.post(A + "/assets/", m("title", "x"));
        assertTrue(e.status() >= 500 && e.status() < 600, "status " + e.status());
        assertTrue(e.json().get("errors").isArray());
        fake.failNext(FaultKind.RATE_LIMITED, "*", A + "/assets/?", 1);
        Http.Answer r = http.post(A + "/assets/", m("title", "x"));
        assertEquals(429, r.status());
        assertEquals("1", r.header("Retry-After"));
        assertEquals(0, fake.assets().size());
        assertEquals(201, http.post(A + "/assets/", m("title", "x")).status());
        assertEquals(1, fake.assets().size());
    }

    @Test
    void resetBeforeApply_losesTheRequest_resetAfterApply_losesOnlyTheAnswer() {
        fake.failNext(FaultKind.RESET_BEFORE_APPLY, "POST", A + "/assets/?", 1);
        assertThrows(IOException.class, () -> http.sendChecked("POST", A + "/assets/", m("title", "before",
                "external_id", "e-before"), Duration.ofSeconds(10)));
        assertEquals(0, fake.assets().size());

        fake.failNext(FaultKind.RESET_AFTER_APPLY, "POST", A + "/assets/?", 1);
        assertThrows(IOException.class, () -> http.sendChecked("POST", A + "/assets/", m("title", "after",
                "external_id", "e-after"), Duration.ofSeconds(10)));
        assertEquals(1, fake.assets().size(), "the change was made although the answer was lost");
        JsonNode found = ok(http.post("/API/search/v1/search/", m("filter", m("operator", "AND",
                "terms", List.of(m("name", "external_id", "value", "e-after"))))), 200);
        assertEquals(1, found.get("objects").size(), "a client finds the asset whose answer it lost");
        List<RecordedRequest> journal = fake.requests();
        assertTrue(journal.stream().anyMatch(q -> q.fault() == FaultKind.RESET_AFTER_APPLY && q.applied()
                && q.status() == 0));
        assertTrue(journal.stream().anyMatch(q -> q.fault() == FaultKind.RESET_BEFORE_APPLY && !q.applied()));
    }

    @Test
    void uploadUrls_takeTheSameFaults() {
        String assetId = ok(http.post(A + "/assets/", m("title", "x")), 201).get("id").asText();
        JsonNode proxy = ok(http.post(F + "/assets/" + assetId + "/proxies/", m("name", "p")), 201);
        fake.failNext(FaultKind.SERVER_ERROR, "PUT", "/__fake/upload/.*", 1);
        Http plain = new Http("", Map.of());
        assertTrue(plain.raw("PUT", proxy.get("upload_url").asText(), new byte[] {1}, Map.of()).status() >= 500);
        assertTrue(fake.uploadedBytes(proxy.get("id").asText()).isEmpty());
        assertEquals(200, plain.raw("PUT", proxy.get("upload_url").asText(), new byte[] {1}, Map.of()).status());
    }

    @Test
    void randomFaults_hitAboutTheirShare_andLatencyDelaysAnswers() {
        fake.faults(Faults.none().withRateLimitRate(0.5));
        int limited = 0;
        for (int i = 0; i < 200; i++) {
            if (http.get(A + "/assets/").status() == 429) {
                limited++;
            }
        }
        assertTrue(limited > 60 && limited < 140, "429s: " + limited);
        fake.clearFaults();
        fake.faults("GET", F + "/storages/.*", Faults.none().withLatency(Duration.ofMillis(1500)));
        assertThrows(HttpTimeoutException.class, () -> http.sendChecked("GET", F + "/storages/", null,
                Duration.ofMillis(200)));
        assertEquals(200, http.get(A + "/assets/").status(), "other endpoints are not delayed");
        assertThrows(IllegalArgumentException.class, () -> Faults.none().withServerErrorRate(0.7)
                .withResetRate(0.6));
    }

    @Test
    void concurrentCreatesUnderRandomFaults_journalMatchesWhatWasApplied() throws Exception {
        fake.faults(new Faults(0.1, 0.1, 0.3, Duration.ZERO));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        try {
                            http.sendChecked("POST", A + "/assets/", m("title", thread + "-" + i),
                                    Duration.ofSeconds(10));
                        } catch (IOException lost) {
                            // a reset: the asset may or may not have been made
                        }
                    }
                    return null;
                }));
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        fake.clearFaults();
        long applied = fake.requests().stream().filter(r -> r.method().equals("POST") && r.applied()).count();
        assertEquals(120, fake.requests().size());
        assertEquals(applied, fake.assets().size());
        assertTrue(fake.requests().stream().anyMatch(r -> r.fault() == FaultKind.RESET_AFTER_APPLY));
        assertTrue(fake.requests().stream().anyMatch(r -> r.fault() == null));
    }

    @Test
    void stateDir_keepsCredentialsAndEverythingAcrossARestart(@TempDir Path dir) throws IOException {
        String appId;
        String token;
        String assetId;
        String proxyId;
        try (FakeIconik first = FakeIconik.builder().stateDir(dir).build().start()) {
            Http h = Http.of(first);
            appId = first.appId();
            token = first.authToken();
            assetId = ok(h.post(A + "/assets/", m("title", "kept")), 201).get("id").asText();
            JsonNode proxy = ok(h.post(F + "/assets/" + assetId + "/proxies/", m("name", "p")), 201);
            proxyId = proxy.get("id").asText();
            new Http("", Map.of()).raw("PUT", proxy.get("upload_url").asText(), new byte[] {4, 2}, Map.of());
        }
        assertTrue(Files.isRegularFile(dir.resolve("state.json")));
        try (FakeIconik second = FakeIconik.builder().stateDir(dir).build().start()) {
            assertEquals(appId, second.appId());
            assertEquals(token, second.authToken());
            assertEquals("kept", ok(Http.of(second).get(A + "/assets/" + assetId + "/"), 200).get("title").asText());
            assertArrayEquals(new byte[] {4, 2}, second.uploadedBytes(proxyId).orElseThrow());
        }
    }

    @Test
    void stopAndStartAgain_keepsWhatItHeld() {
        String id = ok(http.post(A + "/assets/", m("title", "x")), 201).get("id").asText();
        fake.stop();
        fake.start();
        assertEquals(7, fake.storages().size(), "3 iconik storages, FILES on S3, B2 and Azure too, the gateway's");
        assertEquals("x", ok(Http.of(fake).get(A + "/assets/" + id + "/"), 200).get("title").asText());
        assertThrows(IllegalStateException.class, fake::start);
    }

    @Test
    void reset_forgetsWhatTestsMade_keepsCredentialsAndStorages() {
        String storage = fake.storageId();
        ok(http.post(A + "/assets/", m("title", "x")), 201);
        fake.reset();
        assertEquals(0, fake.assets().size());
        assertEquals(storage, fake.storageId());
        assertEquals(200, http.get(F + "/storages/" + storage + "/").status());
        assertEquals(1, fake.requests().size());
    }

    @Test
    void gatewayStatusAndReport_areKeptPerStorage() {
        String s = fake.storageId();
        ok(http.put(F + "/storages/" + s + "/gateway/status/", m("status", "ACTIVE")), 200);
        ok(http.put(F + "/storages/" + s + "/gateway/report/", m("status", "LIVE", "scanned_files_number", 12)), 200);
        assertEquals("ACTIVE", fake.gatewayStatus(s).orElseThrow().get("status").asText());
        assertEquals(12, fake.gatewayReport(s).orElseThrow().get("scanned_files_number").asInt());
        assertEquals(400, http.put(F + "/storages/" + s + "/gateway/report/", m("version", "v".repeat(101)))
                .status());
    }

    @Test
    void enforcedRateLimit_answers429WithRetryAfter_perTokenBucket() {
        try (FakeIconik limited = FakeIconik.builder().rateLimit(2, 2).build().start()) {
            Http h = Http.of(limited);
            assertEquals(200, h.get(A + "/assets/").status());
            assertEquals(200, h.get(A + "/assets/").status());
            Http.Answer third = h.get(A + "/assets/");
            assertEquals(429, third.status());
            assertEquals("1", third.header("Retry-After"));
            assertTrue(limited.requests().stream().anyMatch(r -> r.status() == 429));
        }
    }
}
