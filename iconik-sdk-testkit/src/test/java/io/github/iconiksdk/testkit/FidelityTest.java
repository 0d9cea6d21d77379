// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives every endpoint the fake serves, then validates every answer in the journal against the schema iconik's
 * spec names for that operation and status, and checks that no served endpoint was left out.
 */
class FidelityTest {

    private static final String F = "/API/files/v1";
    private static final String A = "/API/assets/v1";
    private static final String M = "/API/metadata/v1";
    private static final String J = "/API/jobs/v1";

    private static FakeIconik fake;
    private static Http http;
    private static SpecValidator validator;

    @BeforeAll
    static void start() {
        fake = FakeIconik.builder().seed(1).build().start();
        http = Http.of(fake);
        validator = new SpecValidator();
    }

    @AfterAll
    static void stop() {
        fake.stop();
    }

    private static JsonNode ok(Http.Answer a, int status) {
        assertEquals(status, a.status(), () -> "unexpected answer " + a.body() + " to " + a.raw().request());
        return a.json();
    }

    @Test
    void everyAnswerOfEveryServedEndpoint_validatesAgainstIconikSpecs() {
        driveEveryEndpoint();
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (RecordedRequest r : fake.requests()) {
            if (r.route() == null || !r.route().startsWith("/API/")) {
                continue;
            }
            if (r.status() >= 200 && r.status() < 300) {
                covered.add(r.method() + " " + r.route());
            }
            for (String p : validator.validate(r.method(), r.route(), r.status(), r.responseBody())) {
                problems.add(r.method() + " " + r.path() + " -> " + r.status() + ": " + p);
            }
        }
        assertEquals(List.of(), problems);
        Set<String> served = new TreeSet<>();
        fake.routes().stream().filter(r -> r.contains(" /API/")).forEach(served::add);
        served.removeAll(covered);
        assertEquals(Set.of(), served, "served endpoints the test did not drive to a 2xx");
        assertTrue(covered.size() >= 90, "covered only " + covered.size());
    }

    @Test
    void validator_rejectsAnswersThatBreakTheSpec() {
        assertFalse(validator.validate("GET", A + "/assets/{asset_id}/", 200,
                "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"title\":\"t\",\"status\":\"BOGUS\"}").isEmpty());
        assertFalse(validator.validate("GET", A + "/assets/", 200,
                "{\"objects\":[],\"prev_url\":null}").isEmpty(), "null for a never-null field");
        assertFalse(validator.validate("GET", F + "/storages/{storage_id}/", 200, "{\"name\":\"x\"}").isEmpty(),
                "missing required fields");
        assertFalse(validator.validate("GET", F + "/storages/{storage_id}/", 418, "{}").isEmpty(),
                "undocumented status");
        assertFalse(validator.validate("GET", F + "/assets/{asset_id}/formats/{format_id}/", 200,
                "{\"name\":\"ORIGINAL\",\"date_created\":\"2026-11-22T22:13:03\"}").isEmpty(),
                "a date-time without zone");
        assertFalse(validator.validate("GET", F + "/assets/{asset_id}/formats/{format_id}/", 200,
                "{\"name\":\"ORIGINAL\",\"id\":\"not-a-uuid\"}").isEmpty(), "an id that is no uuid");
    }

    /** The multipart endpoints of each cloud FILES storage method (GCS parts, S3, B2), driven to 2xx. */
    private static void driveMultipartEndpoints(String a, String formatId) {
        Http plain = new Http("", Map.of());
        for (String method : List.of("GCS", "S3", "B2")) {
            String storageId = fake.storages().stream().filter(st -> "FILES".equals(st.path("purpose").asText())
                    && method.equals(st.path("method").asText())).findFirst().orElseThrow().path("id").asText();
            JsonNode set = ok(http.post(a + "/file_sets/", m("format_id", formatId, "name", "mp-" + method,
                    "storage_id", storageId)), 201);
            String f = a + "/files/" + ok(http.post(a + "/files/", m("original_name", "big.mov", "file_set_id",
                    set.get("id").asText(), "size", 2)), 201).get("id").asText();
            switch (method) {
                case "GCS" -> {
                    JsonNode parts = ok(http.get(f + "/multipart_url/part/?parts_num=2"), 200).get("objects");
                    for (JsonNode p : parts) {
                        assertEquals(200, plain.raw("PUT", p.get("url").asText(), new byte[] {7}, Map.of())
                                .status());
                    }
                    ok(http.post(f + "/multipart/gcs/compose_url/", m("content_type", "video/quicktime")), 200);
                    ok(http.post(f + "/multipart/", m("parts_range", List.of("1-2"))), 200);
                    ok(http.post(f + "/multipart/cleanup/", m("parts_number", 2)), 200);
                    assertEquals("2:" + md5(new byte[] {7, 7}), fake.uploadedDigest(f.substring(f.lastIndexOf('/')
                            + 1)).orElseThrow());
                }
                case "S3" -> {
                    ok(http.get(f + "/multipart_url/?upload_id=u1"), 200);
                    ok(http.get(f + "/multipart_url/part/?upload_id=u1&parts_num=2"), 200);
                    ok(http.post(f + "/multipart_url/s3/part/", m("upload_id", "u1", "parts",
                            List.of(m("part_number", 1)))), 200);
                    ok(http.post(f + "/multipart/cleanup/", m("upload_id", "u1", "abort_upload", true)), 200);
                }
                default -> {
                    String id = ok(http.post(f + "/multipart/b2/start/", m()), 200).get("upload_file_id").asText();
                    ok(http.post(f + "/multipart/b2/start/", m("upload_file_id", id)), 200);
                    ok(http.post(f + "/multipart/b2/cancel/", m("upload_file_id", id)), 200);
                    String other = ok(http.post(f + "/multipart/b2/start/", m()), 200).get("upload_file_id")
                            .asText();
                    assertEquals(400, http.post(f + "/multipart/b2/finish/", m("upload_file_id", other,
                            "sha1_list", List.of())).status());
                    JsonNode started = ok(http.post(f + "/multipart/b2/start/", m("upload_file_id", other)), 200);
                    byte[] part = new byte[5_000_000];
                    String sha1a = sha1(part);
                    for (int n = 1; n <= 2; n++) {
                        byte[] body = n == 1 ? part : new byte[] {1};
                        assertEquals(200, plain.raw("POST", started.get("upload_url").asText(), body,
                                Map.of("Authorization", started.get("authorization_token").asText(),
                                        "X-Bz-Part-Number", String.valueOf(n), "X-Bz-Content-Sha1",
                                        sha1(body))).status());
                    }
                    ok(http.post(f + "/multipart/b2/finish/", m("upload_file_id", other, "sha1_list",
                            List.of(sha1a, sha1(new byte[] {1})))), 200);
                }
            }
        }
    }

    private static String md5(byte[] b) {
        return digest("MD5", b);
    }

    private static String sha1(byte[] b) {
        return digest("SHA-1", b);
    }

    private static String digest(String algorithm, byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm).digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private static void driveEveryEndpoint() {
        String storageId = fake.storageId();
        // storages
        ok(http.get(F + "/storages/?purpose=FILES"), 200);
        JsonNode created = ok(http.post(F + "/storages/", m("name", "NAS", "method", "FILE", "purpose", "FILES",
                "settings", m("mount_point", "/mnt/nas", "scan", true))), 201);
        ok(http.get(F + "/storages/" + storageId + "/"), 200);
        ok(http.patch(F + "/storages/" + created.get("id").asText() + "/", m("settings", m("scan", false))), 200);
        ok(http.put(F + "/storages/" + created.get("id").asText() + "/", m("name", "NAS 2", "method", "FILE",
                "purpose", "FILES", "settings", m("mount_point", "/mnt/nas2"))), 200);
        ok(http.get(F + "/storages/PROXIES/default/"), 200);
        ok(http.get(F + "/storages/matching/KEYFRAMES/"), 200);
        ok(http.get(F + "/storages/matching/FILES/method/FILE/"), 200);
        ok(http.put(F + "/storages/" + storageId + "/gateway/status/", m("status", "ACTIVE")), 200);
        ok(http.put(F + "/storages/" + storageId + "/gateway/report/", m("status", "LIVE", "version", "0.1",
                "log_lines", List.of("started"), "total_files_number", 3, "last_scan_time", 12)), 200);
        ok(http.get(F + "/storages/" + storageId + "/gateway/report/"), 200);
        ok(http.get(F + "/storages/isg/latest_version/"), 200);
        JsonNode event = ok(http.post(F + "/storages/" + storageId + "/gateway/events/", m("type", "RESTART")), 201);
        JsonNode event2 = ok(http.post(F + "/storages/" + storageId + "/gateway/events/", m("type", "TRANSCODE",
                "data", m("asset_id", "x"))), 201);
        JsonNode events = ok(http.get(F + "/storages/" + storageId + "/gateway/events/"), 201);
        assertEquals(2, events.get("objects").size());
        assertEquals(1, ok(http.get(F + "/storages/" + storageId + "/gateway/events/?last_id="
                + event.get("id").asText()), 201).get("objects").size());
        ok(http.delete(F + "/storages/" + storageId + "/gateway/events/" + event.get("id").asText() + "/"), 204);
        ok(http.post(F + "/storages/" + storageId + "/gateway/events/purge/", m("event_ids",
                List.of(event2.get("id").asText()))), 204);
        assertEquals(0, ok(http.get(F + "/storages/" + storageId + "/gateway/events/"), 201).get("objects").size());
        // assets and collections
        JsonNode collection = ok(http.post(A + "/collections/", m("title", "Root")), 201);
        String colId = collection.get("id").asText();
        JsonNode child = ok(http.post(A + "/collections", m("title", "Child", "parent_id", colId)), 201);
        ok(http.get(A + "/collections/?is_root=true"), 200);
        ok(http.get(A + "/collections/" + colId + "/"), 200);
        ok(http.patch(A + "/collections/" + child.get("id").asText() + "/", m("title", "Child 2")), 200);
        ok(http.put(A + "/collections/" + child.get("id").asText() + "/", m("title", "Child 3",
                "parent_id", colId)), 200);
        JsonNode asset = ok(http.post(A + "/assets/?assign_to_collection=true", m("title", "clip.mov",
                "external_id", "ext-1", "collection_id", colId, "date_created", "2026-11-22T22:13:03.593004",
                "date_deleted", "2026-11-22T22:13:03.593004", "unknown_field", 1)), 201);
        String assetId = asset.get("id").asText();
        ok(http.get(A + "/assets/"), 200);
        ok(http.get(A + "/assets/" + assetId + "/"), 200);
        ok(http.patch(A + "/assets/" + assetId + "/", m("category", "video")), 200);
        ok(http.put(A + "/assets/" + assetId + "/", m("title", "clip.mov", "external_id", "ext-1")), 200);
        ok(http.post(A + "/collections/" + colId + "/contents", m("object_id", assetId, "object_type", "assets")),
                201);
        ok(http.post(A + "/assets/" + assetId + "/history/", m("operation_type", "ADD_FORMAT",
                "operation_description", "original registered")), 201);
        JsonNode history = ok(http.get(A + "/assets/" + assetId + "/history/"), 200);
        ok(http.get(A + "/assets/" + assetId + "/history/" + history.get("objects").get(0).get("id").asText()
                + "/"), 201);
        ok(http.get(A + "/collections/" + colId + "/contents/"), 200);
        JsonNode other = ok(http.post(A + "/assets", m("title", "other")), 201);
        ok(http.post(A + "/collections/" + colId + "/contents/", m("object_id", other.get("id").asText(),
                "object_type", "assets")), 201);
        ok(http.delete(A + "/collections/" + colId + "/contents/assets/" + other.get("id").asText() + "/"), 204);
        ok(http.delete(A + "/assets/" + other.get("id").asText() + "/"), 204);
        ok(http.delete(A + "/collections/" + child.get("id").asText() + "/"), 202);
        // formats, components, file sets, files
        String a = F + "/assets/" + assetId;
        JsonNode format = ok(http.post(a + "/formats/", m("name", "ORIGINAL")), 201);
        String formatId = format.get("id").asText();
        ok(http.get(a + "/formats/"), 200);
        ok(http.get(a + "/formats/ORIGINAL/"), 200);
        ok(http.get(a + "/formats/" + formatId + "/"), 200);
        ok(http.patch(a + "/formats/" + formatId + "/", m("storage_methods", List.of("FILE"),
                "metadata", List.of(m("codec", "prores", "width", 1920)))), 200);
        ok(http.put(a + "/formats/" + formatId + "/", m("name", "ORIGINAL", "storage_methods", List.of("FILE"))),
                200);
        ok(http.post(a + "/formats/" + formatId + "/components/", m("name", "video", "type", "VIDEO")), 200);
        JsonNode components = ok(http.get(a + "/formats/" + formatId + "/components/"), 200);
        ok(http.get(a + "/formats/" + formatId + "/components/" + components.get("objects").get(0).get("id")
                .asText() + "/"), 200);
        JsonNode spare = ok(http.post(a + "/formats/", m("name", "SPARE")), 201);
        ok(http.delete(a + "/formats/" + spare.get("id").asText() + "/"), 204);
        JsonNode fileSet = ok(http.post(a + "/file_sets/", m("format_id", formatId, "name", "clip.mov",
                "storage_id", storageId)), 201);
        String fsId = fileSet.get("id").asText();
        ok(http.get(a + "/file_sets/"), 200);
        ok(http.get(a + "/file_sets/" + fsId + "/"), 200);
        ok(http.patch(a + "/file_sets/" + fsId + "/", m("base_dir", "media")), 200);
        ok(http.put(a + "/file_sets/" + fsId + "/", m("format_id", formatId, "name", "clip.mov",
                "base_dir", "media", "component_ids", List.of())), 200);
        JsonNode file = ok(http.post(a + "/files/", m("original_name", "clip.mov", "directory_path", "media",
                "file_set_id", fsId, "size", 10, "status", "OPEN", "storage_id", storageId,
                "file_date_modified", "2026-11-22T22:13:03")), 201);
        String fileId = file.get("id").asText();
        ok(http.get(a + "/files/"), 200);
        ok(http.get(a + "/files/" + fileId + "/"), 200);
        ok(http.patch(a + "/files/" + fileId + "/", m("status", "CLOSED", "checksum", "abc123", "size", 10)), 200);
        ok(http.put(a + "/files/" + fileId + "/", m("original_name", "clip.mov", "directory_path", "media",
                "file_set_id", fsId, "type", "FILE", "status", "CLOSED", "checksum", "abc123")), 200);
        ok(http.get(a + "/file_sets/" + fsId + "/files/"), 200);
        String mediainfoJob = ok(http.post(a + "/files/" + fileId + "/mediainfo/", m("priority", 3)), 200)
                .get("job_id").asText();
        assertEquals("MEDIAINFO", ok(http.get(J + "/jobs/" + mediainfoJob + "/"), 200).get("type").asText());
        ok(http.post(a + "/files/" + fileId + "/keyframes/", m()), 200);
        assertEquals(400, http.post(a + "/files/" + fileId + "/keyframes/", m("priority", 11)).status());
        ok(http.get(F + "/files/checksum/abc123/"), 200);
        // a file set deleted without keep_source queues its gateway files for deletion
        JsonNode doomedSet = ok(http.post(a + "/file_sets/", m("format_id", formatId, "name", "doomed",
                "storage_id", storageId)), 201);
        for (String name : List.of("d1.mov", "d2.mov")) {
            ok(http.post(a + "/files/", m("original_name", name, "directory_path", "old",
                    "file_set_id", doomedSet.get("id").asText(), "storage_id", storageId)), 201);
        }
        ok(http.delete(a + "/file_sets/" + doomedSet.get("id").asText() + "/"), 204);
        JsonNode deletions = ok(http.get(F + "/storages/" + storageId + "/deletions_from/"), 200);
        assertEquals(2, deletions.get("objects").size());
        ok(http.delete(F + "/storages/" + storageId + "/deletions/" + deletions.get("objects").get(0).get("id")
                .asText() + "/"), 204);
        ok(http.delete(F + "/files/" + deletions.get("objects").get(1).get("file_id").asText() + "/deletions_from/"
                + storageId + "/"), 204);
        assertEquals(0, ok(http.get(F + "/storages/" + storageId + "/deletions_from/"), 200).get("objects").size());
        String deleteJob = deletions.get("objects").get(0).get("job_id").asText();
        assertEquals("FINISHED", ok(http.get(J + "/jobs/" + deleteJob + "/"), 200).get("status").asText());
        ok(http.get(F + "/storages/" + storageId + "/files/?path=media/clip.mov"), 200);
        ok(http.post(F + "/storages/" + storageId + "/files/", m("original_name", "folder", "type", "DIRECTORY",
                "directory_path", "")), 201);
        ok(http.patch(F + "/storages/" + storageId + "/files/", m("original_name", "folder", "directory_path", "",
                "status", "MISSING")), 200);
        ok(http.put(F + "/storages/" + storageId + "/files/", m("original_name", "folder", "directory_path", "",
                "type", "DIRECTORY", "status", "CLOSED")), 200);
        ok(http.post(F + "/files/storages/" + storageId + "/?get_file_size=true", m("directory_path", "media",
                "file_name", "clip.mov")), 200);
        JsonNode cloudSet = ok(http.post(a + "/file_sets/", m("format_id", formatId, "name", "cloud",
                "storage_id", fake.defaultStorageId("FILES"))), 201);
        JsonNode cloudFile = ok(http.post(a + "/files/", m("original_name", "clip.mov", "file_set_id",
                cloudSet.get("id").asText(), "size", 3)), 201);
        ok(http.get(a + "/files/" + cloudFile.get("id").asText() + "/?generate_signed_post_url=true"), 200);
        driveMultipartEndpoints(a, formatId);
        ok(http.delete(a + "/files/" + cloudFile.get("id").asText() + "/"), 204);
        ok(http.delete(a + "/file_sets/" + cloudSet.get("id").asText() + "/"), 204);
        JsonNode versions = ok(http.post(A + "/assets/" + assetId + "/versions/", m("source_version_id",
                asset.get("versions").get(0).get("id").asText(), "copy_metadata", true)), 200);
        assertEquals(2, versions.get("versions").size());
        // proxies and keyframes
        JsonNode proxy = ok(http.post(a + "/proxies/", m("name", "proxy.mp4", "filename", "proxy.mp4",
                "codec", "h264", "frame_rate", "25", "resolution", m("width", 640, "height", 360), "size", 3)), 201);
        String proxyId = proxy.get("id").asText();
        ok(http.post(a + "/method/GCS/proxies/", m("name", "second.mp4")), 201);
        ok(http.get(a + "/proxies/"), 200);
        ok(http.get(a + "/proxies/" + proxyId + "/"), 200);
        ok(http.patch(a + "/proxies/" + proxyId + "/", m("status", "CLOSED")), 200);
        ok(http.post(a + "/proxies/" + proxyId + "/keyframes/", m()), 200);
        ok(http.put(a + "/proxies/" + proxyId + "/", m("status", "CLOSED", "size", 3)), 200);
        JsonNode kf = ok(http.post(a + "/keyframes/", m("type", "POSTER", "filename", "poster.jpg",
                "time_code", m("frames_number", 10, "time_base", m("numerator", 1, "denominator", 25)))), 201);
        ok(http.post(a + "/method/GCS/keyframes/", m("type", "KEYFRAME")), 201);
        ok(http.get(a + "/keyframes/"), 200);
        ok(http.patch(a + "/keyframes/" + kf.get("id").asText() + "/", m("status", "CLOSED")), 200);
        ok(http.put(a + "/keyframes/" + kf.get("id").asText() + "/", m("type", "POSTER", "status", "CLOSED")), 200);
        JsonNode extra = ok(http.post(a + "/proxies/", m("name", "x")), 201);
        ok(http.delete(a + "/proxies/" + extra.get("id").asText() + "/"), 204);
        JsonNode extraKf = ok(http.post(a + "/keyframes/", m("type", "KEYFRAME")), 201);
        ok(http.delete(a + "/keyframes/" + extraKf.get("id").asText() + "/"), 204);
        // metadata
        ok(http.post(M + "/fields/", m("name", "scene", "label", "Scene", "field_type", "string")), 201);
        ok(http.post(M + "/fields/", m("name", "rating", "label", "Rating", "field_type", "drop_down",
                "options", List.of(m("label", "Good", "value", "good"), m("label", "Bad", "value", "bad")))), 201);
        ok(http.post(M + "/fields/", m("name", "tmp", "label", "Tmp", "field_type", "integer")), 201);
        ok(http.get(M + "/fields/"), 200);
        ok(http.get(M + "/fields/scene/"), 200);
        ok(http.patch(M + "/fields/scene/", m("description", "The scene")), 200);
        ok(http.put(M + "/fields/tmp/", m("label", "Tmp", "field_type", "integer")), 200);
        ok(http.delete(M + "/fields/tmp/"), 204);
        JsonNode view = ok(http.post(M + "/views/", m("name", "Ingest", "view_fields",
                List.of(m("name", "scene"), m("name", "rating", "required", true)))), 201);
        String viewId = view.get("id").asText();
        ok(http.get(M + "/views/"), 200);
        ok(http.get(M + "/views/" + viewId + "/"), 200);
        ok(http.patch(M + "/views/" + viewId + "/", m("description", "for ingest")), 200);
        JsonNode spareView = ok(http.post(M + "/views/", m("name", "Spare", "view_fields", List.of())), 201);
        ok(http.put(M + "/views/" + spareView.get("id").asText() + "/", m("name", "Spare", "view_fields",
                List.of(m("name", "scene")))), 200);
        ok(http.delete(M + "/views/" + spareView.get("id").asText() + "/"), 204);
        assertEquals(404, http.get(M + "/assets/" + assetId + "/views/" + viewId + "/").status());
        ok(http.put(M + "/assets/" + assetId + "/views/" + viewId + "/", m("metadata_values", m(
                "scene", m("field_values", List.of(m("value", "12A"))),
                "rating", m("field_values", List.of(m("value", "good")), "mode", "overwrite")))), 200);
        ok(http.get(M + "/assets/" + assetId + "/views/" + viewId + "/"), 200);
        ok(http.get(M + "/assets/" + assetId + "/"), 200);
        assertEquals(400, http.put(M + "/assets/" + assetId + "/views/" + viewId + "/", m("metadata_values", m(
                "rating", m("field_values", List.of(m("value", "awful")))))).status());
        // jobs
        JsonNode job = ok(http.post(J + "/jobs/", m("title", "Ingest clip.mov", "type", "TRANSFER",
                "status", "STARTED", "object_type", "assets", "object_id", assetId,
                "related_objects", List.of(m("object_type", "assets", "object_id", assetId)),
                "action_context", m("ABORT", m("bulk", false)))), 201);
        String jobId = job.get("id").asText();
        ok(http.get(J + "/jobs/?status=STARTED"), 200);
        ok(http.get(J + "/jobs/" + jobId + "/"), 200);
        ok(http.patch(J + "/jobs/" + jobId, m("progress_processed", 5, "progress_total", 10,
                "metadata", m("a", 1))), 200);
        ok(http.put(J + "/jobs/" + jobId + "/?merge_metadata=true", m("title", "Ingest clip.mov", "type", "TRANSFER",
                "status", "FINISHED", "metadata", m("b", 2))), 200);
        ok(http.patch(J + "/jobs/" + jobId + "/steps/", m("steps", List.of(m("label", "upload",
                "status", "DONE")))), 200);
        ok(http.put(J + "/jobs/" + jobId + "/steps/", m("steps", List.of(m("label", "verify",
                "status", "IN_PROGRESS")))), 200);
        JsonNode tmpJob = ok(http.post(J + "/jobs/", m("title", "t", "type", "CUSTOM", "status", "READY")), 201);
        ok(http.delete(J + "/jobs/" + tmpJob.get("id").asText() + "/"), 204);
        // group ACLs
        String acl = "/API/acls/v1/groups/" + java.util.UUID.randomUUID() + "/acl/assets/" + assetId + "/";
        ok(http.put(acl, m("permissions", List.of("read"))), 201);
        ok(http.put(acl, m("permissions", List.of("read", "write"))), 200);
        ok(http.get(acl), 200);
        ok(http.delete(acl), 204);
        assertEquals(404, http.get(acl).status());
        // search
        ok(http.post("/API/search/v1/search/", m("doc_types", List.of("assets"), "filter", m("operator", "AND",
                "terms", List.of(m("name", "external_id", "value", "ext-1"))))), 200);
        // errors, validated against the default error schema
        assertEquals(404, http.get(A + "/assets/" + java.util.UUID.randomUUID() + "/").status());
        assertEquals(400, http.post(A + "/assets/", m("type", "ASSET")).status());
        assertEquals(401, new Http(fake.url(), Map.of()).get(A + "/assets/").status());
        byte[] notJson = "{".getBytes(StandardCharsets.UTF_8);
        assertEquals(400, http.post(A + "/assets/", new String(notJson, StandardCharsets.UTF_8)).status());
        driveUsersAclsAndTheRest(assetId, colId, viewId, storageId, fileId, proxyId, formatId);
        driveGatewayQueues(storageId);
        driveVersionContentsDeleteQueuesAndDirectMetadata(storageId, viewId);
        // the collection's DELETE last, so that earlier answers still see it
        ok(http.delete(A + "/collections/" + colId + "/"), 202);
    }

    /** An asset whose ORIGINAL is one closed file on a storage (uploaded when the storage is a cloud one). */
    private static String[] closedOriginal(String storageId, String name, boolean upload) {
        String assetId = ok(http.post(A + "/assets/", m("title", name)), 201).get("id").asText();
        String a = F + "/assets/" + assetId;
        String formatId = ok(http.post(a + "/formats/", m("name", "ORIGINAL")), 201).get("id").asText();
        String setId = ok(http.post(a + "/file_sets/", m("format_id", formatId, "name", name, "storage_id",
                storageId)), 201).get("id").asText();
        String fileId = ok(http.post(a + "/files/", m("original_name", name, "directory_path", "q", "file_set_id",
                setId, "storage_id", storageId, "size", 2)), 201).get("id").asText();
        if (upload) {
            String url = ok(http.get(a + "/files/" + fileId + "/?generate_signed_post_url=true"), 200)
                    .get("upload_url").asText();
            http.raw("PUT", url, new byte[]{4, 2}, Map.of());
        }
        ok(http.patch(a + "/files/" + fileId + "/", m("status", "CLOSED")), 200);
        return new String[]{assetId, setId, fileId};
    }

    /**
     * What pythonik's everyday calls read and write beyond the rest: a version's formats, file sets, files,
     * proxies and keyframes; a version made from another asset; the delete queues of assets, collections, formats
     * and file sets; bulk deletes; metadata written directly and on segments.
     */
    private static void driveVersionContentsDeleteQueuesAndDirectMetadata(String storageId, String viewId) {
        String[] target = closedOriginal(storageId, "v1.mov", false);
        String[] source = closedOriginal(storageId, "v2.mov", false);
        String a = F + "/assets/" + target[0];
        ok(http.post(a + "/proxies/", m("name", "v1.mp4")), 201);
        ok(http.post(a + "/keyframes/", m("type", "KEYFRAME")), 201);
        String first = ok(http.get(A + "/assets/" + target[0] + "/"), 200).get("versions").get(0).get("id").asText();
        String v = a + "/versions/" + first;
        assertEquals(1, ok(http.get(v + "/formats/"), 200).get("objects").size());
        assertEquals(1, ok(http.get(v + "/file_sets/"), 200).get("objects").size());
        assertEquals(target[2], ok(http.get(v + "/files/"), 200).get("objects").get(0).get("id").asText());
        assertEquals(1, ok(http.get(v + "/proxies/"), 200).get("objects").size());
        assertEquals(1, ok(http.get(v + "/keyframes/"), 200).get("objects").size());
        ok(http.post(A + "/assets/" + target[0] + "/versions/from/assets/" + source[0] + "/",
                m("copy_previous_version_segments", true)), 202);
        String second = last(ok(http.get(A + "/assets/" + target[0] + "/"), 200).get("versions"));
        assertEquals(source[2], ok(http.get(a + "/versions/" + second + "/files/"), 200).get("objects").get(0)
                .get("id").asText());
        assertEquals(404, http.get(A + "/assets/" + source[0] + "/").status());
        // delete queues: the source asset is in it; restore, delete again, purge
        String q = A + "/delete_queue";
        assertTrue(ok(http.get(q + "/assets/?per_page=100"), 200).get("objects").toString().contains(source[0]));
        ok(http.delete(q + "/assets/", m("ids", List.of(source[0]))), 204);
        ok(http.get(A + "/assets/" + source[0] + "/"), 200);
        ok(http.post(q + "/assets/", m("ids", List.of(source[0]))), 204);
        ok(http.put(A + "/assets/" + source[0] + "/restore/", m()), 204);
        ok(http.post(q + "/bulk/", m("object_type", "assets", "object_ids", List.of(source[0]))), 202);
        ok(http.post(q + "/assets/purge/", m("ids", List.of(source[0]))), 204);
        assertEquals(404, http.put(A + "/assets/" + source[0] + "/restore/", m()).status());
        String[] spare = closedOriginal(storageId, "v3.mov", false);
        ok(http.delete(A + "/assets/" + spare[0] + "/"), 204);
        ok(http.post(q + "/assets/restore/all/", m()), 204);
        ok(http.delete(A + "/assets/" + spare[0] + "/"), 204);
        ok(http.post(q + "/assets/purge/all/", m()), 204);
        String colA = ok(http.post(A + "/collections/", m("title", "Bin A")), 201).get("id").asText();
        String colB = ok(http.post(A + "/collections/", m("title", "Bin B")), 201).get("id").asText();
        ok(http.post(q + "/collections/", m("ids", List.of(colA, colB))), 201);
        String queued = ok(http.get(q + "/collections/?per_page=100"), 200).get("objects").toString();
        assertTrue(queued.contains(colA) && queued.contains(colB), queued);
        ok(http.delete(q + "/collections/", m("ids", List.of(colA))), 201);
        ok(http.put(A + "/collections/" + colB + "/restore/", m()), 201);
        ok(http.post(q + "/bulk/", m("object_type", "collections", "object_ids", List.of(colA, colB),
                "content_only", false)), 202);
        ok(http.post(q + "/collections/purge/", m("ids", List.of(colA))), 201);
        ok(http.post(q + "/collections/restore/all/", m()), 204);
        ok(http.post(q + "/collections/", m("ids", List.of(colB))), 201);
        ok(http.post(q + "/collections/purge/all/", m()), 204);
        ok(http.post(q + "/purge/all/", m()), 204);
        // formats and file sets in the files service's delete queues
        String fq = F + "/delete_queue";
        String[] media = closedOriginal(storageId, "v4.mov", false);
        String ma = F + "/assets/" + media[0];
        String formatId = ok(http.get(ma + "/formats/ORIGINAL/"), 200).get("id").asText();
        ok(http.delete(ma + "/file_sets/" + media[1] + "/?keep_source=true"), 204);
        assertTrue(ok(http.get(fq + "/file_sets/?per_page=100"), 200).get("objects").toString().contains(media[1]));
        ok(http.delete(fq + "/file_sets/", m("ids", List.of(media[1]))), 204);
        ok(http.get(ma + "/file_sets/" + media[1] + "/"), 200);
        ok(http.delete(ma + "/file_sets/" + media[1] + "/?keep_source=true"), 204);
        ok(http.post(fq + "/file_sets/purge/", m("ids", List.of(media[1]))), 204);
        ok(http.post(fq + "/file_sets/purge/all/", m()), 204);
        ok(http.delete(ma + "/formats/" + formatId + "/"), 204);
        assertTrue(ok(http.get(fq + "/formats/?per_page=100"), 200).get("objects").toString().contains(formatId));
        ok(http.delete(fq + "/formats/", m("ids", List.of(formatId))), 204);
        ok(http.delete(ma + "/formats/" + formatId + "/"), 204);
        ok(http.post(fq + "/formats/purge/", m("ids", List.of(formatId))), 204);
        ok(http.post(fq + "/formats/purge/all/", m()), 204);
        // metadata written directly, and on a segment through its asset
        JsonNode direct = ok(http.put(M + "/assets/" + target[0] + "/", m("metadata_values", m("scene",
                m("field_values", List.of(m("value", "7B")))))), 200);
        assertEquals("7B", direct.at("/metadata_values/scene/field_values/0/value").asText());
        assertEquals(400, http.put(M + "/assets/" + target[0] + "/", m("metadata_values", m("no_such_field",
                m("field_values", List.of(m("value", "x")))))).status());
        String segId = ok(http.post(A + "/assets/" + target[0] + "/segments/", m("segment_type", "MARKER",
                "time_start_milliseconds", 0)), 201).get("id").asText();
        String segValues = M + "/assets/" + target[0] + "/segments/" + segId + "/views/" + viewId + "/";
        ok(http.put(segValues, m("metadata_values", m("scene", m("field_values", List.of(m("value", "S1")))))),
                200);
        assertEquals("S1", ok(http.get(segValues), 200).at("/metadata_values/scene/field_values/0/value").asText());
        assertEquals("S1", ok(http.get(M + "/segments/" + segId + "/views/" + viewId + "/"), 200)
                .at("/metadata_values/scene/field_values/0/value").asText());
        // jobs in bulk and one step by id
        JsonNode job = ok(http.post(J + "/jobs/", m("title", "Export", "type", "EXPORT", "status", "STARTED")), 201);
        String jobUrl = J + "/jobs/" + job.get("id").asText() + "/";
        String stepId = ok(http.patch(jobUrl + "steps/", m("steps", List.of(m("label", "copy", "status",
                "IN_PROGRESS")))), 200).at("/steps/0/id").asText();
        assertEquals("DONE", ok(http.patch(jobUrl + "steps/" + stepId + "/", m("status", "DONE")), 200)
                .at("/steps/0/status").asText());
        ok(http.put(jobUrl + "steps/" + stepId + "/", m("label", "copy", "status", "DONE", "message", "ok")), 200);
        List<String> ids = List.of(job.get("id").asText());
        ok(http.put(J + "/jobs/priority/", m("job_ids", ids, "priority", 9)), 201);
        assertEquals(9, ok(http.get(jobUrl), 200).get("priority").asInt());
        ok(http.put(J + "/jobs/state/", m("job_ids", ids, "action", "PAUSE")), 201);
        assertEquals("PAUSED", ok(http.get(jobUrl), 200).get("status").asText());
        ok(http.delete(J + "/jobs/", m("job_ids", ids)), 204);
        assertEquals(404, http.get(jobUrl).status());
        // where a collection sits
        String top = ok(http.post(A + "/collections/", m("title", "Projects")), 201).get("id").asText();
        String mid = ok(http.post(A + "/collections/", m("title", "2026", "parent_id", top)), 201).get("id").asText();
        String leaf = ok(http.post(A + "/collections/", m("title", "Dailies", "parent_id", mid)), 201).get("id")
                .asText();
        JsonNode ancestors = ok(http.get(A + "/collections/" + leaf + "/ancestors/"), 200).get("objects");
        assertEquals(List.of(top, mid), List.of(ancestors.get(0).get("id").asText(), ancestors.get(1).get("id")
                .asText()));
        assertEquals("Projects/2026/Dailies", ok(http.get(A + "/collections/" + leaf + "/full/path/"), 200)
                .asText());
    }

    /** Manual scans, transfers to and from the gateway's storage, purges and keyframes requests. */
    private static void driveGatewayQueues(String storageId) {
        String cloud = fake.defaultStorageId("FILES");
        ok(http.post(F + "/storages/" + storageId + "/scan/", m("paths", List.of("q"))), 201);
        String[] down = closedOriginal(cloud, "down.mov", true);
        String[] up = closedOriginal(storageId, "up.mov", false);
        ok(http.post(F + "/storages/" + storageId + "/bulk/", m("object_ids", List.of(down[0]), "object_type",
                "assets")), 202);
        ok(http.post(F + "/storages/" + cloud + "/bulk/", m("object_ids", List.of(up[0]), "object_type",
                "assets")), 202);
        JsonNode to = ok(http.get(F + "/storages/" + storageId + "/transfers_to/"), 200).get("objects").get(0);
        JsonNode from = ok(http.get(F + "/storages/" + storageId + "/transfers_from/"), 200).get("objects").get(0);
        ok(http.get(F + "/storages/" + storageId + "/transfers_to/" + to.get("id").asText() + "/"), 200);
        ok(http.get(F + "/storages/" + storageId + "/transfers_from/" + from.get("id").asText() + "/"), 200);
        ok(http.post(F + "/transfers/" + to.get("id").asText() + "/urls/", null), 200);
        ok(http.delete(F + "/storages/" + storageId + "/transfers_to/" + to.get("id").asText()
                + "/?completed=true"), 204);
        ok(http.delete(F + "/storages/" + storageId + "/transfers_from/" + from.get("id").asText()
                + "/?failed=true"), 204);
        ok(http.post(F + "/storages/" + storageId + "/bulk/", m("object_ids", List.of(down[0]), "object_type",
                "assets")), 202);
        ok(http.post(F + "/storages/" + cloud + "/bulk/", m("object_ids", List.of(up[0]), "object_type",
                "assets")), 202);
        ok(http.delete(F + "/file_sets/" + down[1] + "/transfers_to/" + storageId + "/"), 204);
        ok(http.delete(F + "/file_sets/" + up[1] + "/transfers_from/" + storageId + "/"), 204);
        ok(http.post(F + "/assets/bulk/keyframes/", m("object_ids", List.of(up[0], down[0]), "object_type",
                "assets")), 200);
        ok(http.delete(A + "/assets/" + up[0] + "/"), 204);
        ok(http.delete(A + "/assets/" + up[0] + "/purge/"), 204);
    }

    private static void driveUsersAclsAndTheRest(String assetId, String colId, String viewId, String storageId,
                                                 String fileId, String proxyId, String formatId) {
        String u = "/API/users/v1";
        String acl = "/API/acls/v1";
        String s = "/API/search/v1";
        // users, groups, current user
        JsonNode me = ok(http.get(u + "/users/current/"), 200);
        ok(http.patch(u + "/users/current/", m("phone", "555")), 200);
        ok(http.put(u + "/users/current/", m("first_name", "Fake", "type", "POWER")), 200);
        ok(http.get(u + "/users/current/roles/"), 200);
        JsonNode group = ok(http.post(u + "/groups/", m("name", "Editors", "roles", List.of("can_read_assets"))),
                201);
        String groupId = group.get("id").asText();
        ok(http.get(u + "/groups/"), 200);
        ok(http.get(u + "/groups/" + groupId + "/"), 200);
        ok(http.patch(u + "/groups/" + groupId + "/", m("description", "cutters")), 200);
        ok(http.put(u + "/groups/" + groupId + "/", m("name", "Editors", "roles", List.of("can_read_assets"))),
                200);
        JsonNode user = ok(http.post(u + "/users/", m("email", "ed@example.com", "first_name", "Ed",
                "type", "STANDARD")), 201);
        String userId = user.get("id").asText();
        ok(http.get(u + "/users/"), 200);
        ok(http.get(u + "/users/" + userId + "/"), 200);
        ok(http.patch(u + "/users/" + userId + "/", m("last_name", "Wood")), 200);
        ok(http.put(u + "/users/" + userId + "/", m("first_name", "Ed", "type", "STANDARD")), 200);
        ok(http.post(u + "/groups/" + groupId + "/users/" + userId + "/", m()), 201);
        ok(http.get(u + "/users/" + userId + "/roles/"), 200);
        JsonNode spareGroup = ok(http.post(u + "/groups/", m("name", "Spare")), 201);
        ok(http.post(u + "/groups/" + spareGroup.get("id").asText() + "/users/" + userId + "/", m()), 201);
        ok(http.delete(u + "/groups/" + spareGroup.get("id").asText() + "/users/" + userId + "/"), 200);
        ok(http.delete(u + "/groups/" + spareGroup.get("id").asText() + "/"), 204);
        JsonNode spareUser = ok(http.post(u + "/users/", m("email", "x@example.com", "first_name", "X",
                "type", "BROWSE_ONLY")), 201);
        ok(http.delete(u + "/users/" + spareUser.get("id").asText() + "/"), 204);
        // ACLs: user ACLs, many at once, bulk, combined, checks
        String userAcl = acl + "/users/" + userId + "/acl/collections/" + colId + "/";
        ok(http.put(userAcl, m("permissions", List.of("read"))), 201);
        ok(http.get(userAcl), 200);
        ok(http.put(acl + "/acl/assets/", m("object_keys", List.of(assetId), "group_ids", List.of(groupId),
                "permissions", List.of("read", "write"))), 200);
        ok(http.put(acl + "/acl/assets/bulk/", m("objects", List.of(m("object_keys", List.of(assetId),
                "user_ids", List.of(userId), "permissions", List.of("read"), "mode", "APPEND")))), 200);
        ok(http.get(acl + "/acl/assets/" + assetId + "/"), 200);
        ok(http.get(acl + "/acl/collections/" + colId + "/"), 200);
        ok(http.get(acl + "/acl/assets/" + assetId + "/permissions/"), 200);
        ok(http.get(acl + "/acl/assets/" + assetId + "/read/"), 200);
        ok(http.post(acl + "/acl/assets/write/", m("object_keys", List.of(assetId))), 200);
        ok(http.post(acl + "/acl/", m("objects", List.of(m("object_type", "assets", "object_keys",
                List.of(assetId), "permissions", List.of("read"))))), 200);
        ok(http.delete(acl + "/acl/assets/", m("object_keys", List.of(assetId), "user_ids", List.of(userId))),
                200);
        ok(http.delete(userAcl), 204);
        // shares and their users
        String shares = A + "/assets/" + assetId + "/shares/";
        JsonNode share = ok(http.post(shares, m("emails", List.of("client@example.com"), "allow_comments", true,
                "allow_download", false, "allow_approving_comments", false, "allow_setting_approve_status", false,
                "title", "Cut 1")), 202);
        String shareId = share.get("id").asText();
        ok(http.get(shares), 200);
        ok(http.get(shares + shareId + "/"), 200);
        ok(http.put(shares + shareId + "/", m("allow_comments", false, "allow_download", true,
                "allow_approving_comments", false, "allow_setting_approve_status", false)), 200);
        JsonNode shareUser = ok(http.post(shares + shareId + "/users/", m("email", "boss@example.com")), 201);
        String su = shares + shareId + "/users/" + shareUser.get("id").asText() + "/";
        ok(http.get(shares + shareId + "/users/"), 200);
        ok(http.get(su), 200);
        ok(http.patch(su, m("email", "boss2@example.com")), 200);
        ok(http.put(su, m("email", "boss3@example.com")), 200);
        ok(http.delete(su), 204);
        JsonNode spareShare = ok(http.post(A + "/collections/" + colId + "/shares/", m("emails", List.of()))
                , 202);
        ok(http.delete(A + "/collections/" + colId + "/shares/" + spareShare.get("id").asText() + "/"), 204);
        // segments
        String seg = A + "/assets/" + assetId + "/segments/";
        JsonNode marker = ok(http.post(seg, m("segment_type", "MARKER", "time_start_milliseconds", 1000,
                "time_end_milliseconds", 2000, "segment_text", "cut here")), 201);
        String markerId = marker.get("id").asText();
        ok(http.get(seg), 200);
        ok(http.get(seg + markerId + "/"), 200);
        ok(http.patch(seg + markerId + "/", m("segment_color", "red")), 200);
        ok(http.put(seg + markerId + "/", m("segment_type", "MARKER", "segment_text", "cut there")), 200);
        JsonNode bulk = ok(http.post(seg + "bulk/", m("objects", List.of(m("segment_type", "COMMENT",
                "segment_text", "a"), m("segment_type", "COMMENT", "segment_text", "b")))), 201);
        ok(http.put(seg + "bulk/", m("objects", List.of(m("id", bulk.get("objects").get(0).get("id").asText(),
                "segment_text", "a2")))), 201);
        ok(http.delete(seg + "bulk/", m("segment_type", "COMMENT")), 204);
        JsonNode tmpSeg = ok(http.post(seg, m("segment_type", "QC")), 201);
        ok(http.delete(seg + tmpSeg.get("id").asText() + "/"), 204);
        // saved searches
        JsonNode saved = ok(http.post(s + "/search/saved/", m("name", "clips", "criteria", m("doc_types",
                List.of("assets"), "query", "clip"))), 201);
        String savedId = saved.get("id").asText();
        ok(http.get(s + "/search/saved/"), 200);
        assertEquals(1, ok(http.get(s + "/search/saved/" + savedId + "/"), 200).get("objects").size());
        ok(http.patch(s + "/search/saved/" + savedId + "/", m("name", "clips 2")), 200);
        ok(http.put(s + "/search/saved/" + savedId + "/", m("name", "clips", "criteria", m("query", "clip"))),
                200);
        ok(http.delete(s + "/search/saved/" + savedId + "/"), 204);
        // metadata categories
        String cats = M + "/assets/categories/";
        ok(http.post(cats, m("name", "ingest", "label", "Ingest", "view_ids", List.of(viewId))), 201);
        assertEquals(409, http.post(cats, m("name", "ingest", "label", "Again")).status());
        ok(http.get(cats), 200);
        ok(http.get(cats + "ingest/"), 200);
        ok(http.get(cats + "ingest/views/"), 200);
        ok(http.put(cats + "ingest/", m("name", "ingest", "label", "Ingest 2", "view_ids", List.of(viewId))), 200);
        ok(http.delete(cats + "ingest/"), 204);
        // export locations
        JsonNode loc = ok(http.post(F + "/export_locations/", m("name", "Out", "path", "exports",
                "storage_id", storageId, "export_proxy", true)), 201);
        String locUrl = F + "/export_locations/" + loc.get("id").asText() + "/";
        ok(http.get(F + "/export_locations/"), 200);
        ok(http.get(locUrl), 200);
        ok(http.patch(locUrl, m("description", "for the client")), 200);
        ok(http.put(locUrl, m("name", "Out", "path", "exports2", "storage_id", storageId)), 200);
        ok(http.delete(locUrl), 204);
        // asset versions
        String v = A + "/assets/" + assetId + "/versions/";
        JsonNode versions = ok(http.get(A + "/assets/" + assetId + "/"), 200).get("versions");
        String first = versions.get(0).get("id").asText();
        ok(http.patch(v + first + "/", m("transcribed_languages", List.of("en"))), 200);
        ok(http.put(v + first + "/", m("is_online", true)), 200);
        ok(http.post(v + "from/versions/" + first + "/", m()), 202);
        ok(http.put(v + first + "/promote/", m()), 204);
        assertEquals(first, last(ok(http.get(A + "/assets/" + assetId + "/"), 200).get("versions")));
        JsonNode all = ok(http.get(A + "/assets/" + assetId + "/"), 200).get("versions");
        ok(http.delete(v + all.get(0).get("id").asText() + "/"), 204);
        JsonNode other = ok(http.post(A + "/assets/", m("title", "versioned")), 201);
        String o = A + "/assets/" + other.get("id").asText() + "/versions/";
        ok(http.post(o, m()), 200);
        ok(http.delete(o + "old/"), 204);
        // posters, keyframes by id, collection keyframes, content info, runs of the fake's own jobs
        String a = F + "/assets/" + assetId;
        JsonNode poster = ok(http.post(a + "/custom_keyframe/", m()), 201);
        String posterId = poster.get("id").asText();
        ok(http.get(a + "/keyframes/" + posterId + "/"), 200);
        ok(http.post(a + "/custom_keyframe/" + posterId + "/", m()), 201);
        JsonNode colKf = ok(http.post(F + "/collections/" + colId + "/custom_keyframe/" + posterId + "/", m()), 201);
        ok(http.get(F + "/collections/" + colId + "/keyframes/"), 200);
        ok(http.get(F + "/collections/" + colId + "/keyframes/" + colKf.get("id").asText() + "/"), 200);
        ok(http.delete(F + "/collections/" + colId + "/keyframes/" + colKf.get("id").asText() + "/"), 204);
        ok(http.get(A + "/collections/" + colId + "/content/info/"), 200);
        ok(http.post(a + "/files/" + fileId + "/keyframes/", m()), 200);
        fake.runJobs();
        ok(http.get(a + "/proxies/"), 200);
        ok(http.get(a + "/keyframes/"), 200);
        ok(http.get(a + "/formats/" + formatId + "/"), 200);
        ok(http.get(J + "/jobs/"), 200);
        assertTrue(me.get("is_admin").asBoolean());
        assertTrue(proxyId != null);
    }

    private static String last(JsonNode list) {
        return list.get(list.size() - 1).get("id").asText();
    }
}
