// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The work the fake queues for a gateway through iconik's own endpoints, and how the gateway acknowledges it. */
class GatewayQueuesTest {

    private static final String F = "/API/files/v1";
    private static final String A = "/API/assets/v1";
    private static final String J = "/API/jobs/v1";

    private FakeIconik fake;
    private Http http;
    private String gateway;
    private String cloud;

    @BeforeEach
    void start() {
        fake = FakeIconik.builder().build().start();
        http = Http.of(fake);
        gateway = fake.storageId();
        cloud = fake.defaultStorageId("FILES");
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

    /** An asset whose ORIGINAL is one closed file on a storage; returns {asset id, file set id, file id}. */
    private String[] asset(String storageId, String dir, String name, byte[] bytes) {
        String assetId = ok(http.post(A + "/assets/", m("title", name)), 201).get("id").asText();
        String a = F + "/assets/" + assetId;
        String formatId = ok(http.post(a + "/formats/", m("name", "ORIGINAL")), 201).get("id").asText();
        String setId = ok(http.post(a + "/file_sets/", m("format_id", formatId, "name", name, "storage_id",
                storageId, "base_dir", dir)), 201).get("id").asText();
        String fileId = ok(http.post(a + "/files/", m("original_name", name, "directory_path", dir, "file_set_id",
                setId, "storage_id", storageId, "size", bytes.length, "type", "FILE")), 201).get("id").asText();
        if (!storageId.equals(gateway)) {
            String url = ok(http.get(a + "/files/" + fileId + "/?generate_signed_post_url=true"), 200)
                    .get("upload_url").asText();
            assertTrue(http.raw("PUT", url, bytes, Map.of()).status() < 300);
        }
        ok(http.patch(a + "/files/" + fileId + "/", m("status", "CLOSED")), 200);
        return new String[]{assetId, setId, fileId};
    }

    @Test
    void manualScan_queuesAScanEventWithThePaths_andTheGatewayDeletesIt() {
        ok(http.post(F + "/storages/" + gateway + "/scan/", m("paths", List.of("media/new"), "files",
                List.of("media/a.mov"))), 201);
        List<JsonNode> events = fake.gatewayEvents(gateway);
        assertEquals(1, events.size());
        assertEquals("SCAN", events.get(0).get("type").asText());
        assertEquals("media/new", events.get(0).get("data").get("paths").get(0).asText());
        assertEquals("media/a.mov", events.get(0).get("data").get("files").get(0).asText());
        JsonNode listed = ok(http.get(F + "/storages/" + gateway + "/gateway/events/"), 201);
        assertEquals(events.get(0).get("id").asText(), listed.get("objects").get(0).get("id").asText());
        ok(http.delete(F + "/storages/" + gateway + "/gateway/events/" + events.get(0).get("id").asText() + "/"),
                204);
        assertTrue(fake.gatewayEvents(gateway).isEmpty());
        assertEquals(400, http.post(F + "/storages/" + gateway + "/scan/", m("paths", "not-a-list")).status());
    }

    @Test
    void manualScan_ofAStorageWithScanningOff_is400() {
        ok(http.patch(F + "/storages/" + gateway + "/", m("settings", m("scan", false))), 200);
        Http.Answer a = http.post(F + "/storages/" + gateway + "/scan/", m());
        assertEquals(400, a.status());
        assertTrue(a.body().contains("Scanning is disabled"), a.body());
        assertTrue(fake.gatewayEvents(gateway).isEmpty());
    }

    @Test
    void copyFromCloudToGateway_queuesATransferTo_withADownloadUrlServingTheBytes() {
        byte[] bytes = "cloud bytes".getBytes(StandardCharsets.UTF_8);
        String[] cloudAsset = asset(cloud, "in/cloud", "clip.mov", bytes);
        ok(http.post(F + "/storages/" + gateway + "/bulk/", m("object_ids", List.of(cloudAsset[0]), "object_type",
                "assets", "file_path", "from-cloud", "overwrite", true)), 202);
        JsonNode page = ok(http.get(F + "/storages/" + gateway + "/transfers_to/"), 200);
        assertEquals(1, page.get("objects").size());
        JsonNode t = page.get("objects").get(0);
        assertEquals(cloudAsset[0], t.get("asset_id").asText());
        assertEquals(cloudAsset[1], t.get("file_set_id").asText());
        assertEquals("from-cloud", t.get("destination_directory_path").asText());
        assertEquals("clip.mov", t.get("destination_filename").asText());
        assertTrue(t.get("overwrite").asBoolean());
        Http.Answer download = http.raw("GET", t.get("original_url").asText(), null, Map.of());
        assertEquals(200, download.status());
        assertEquals("cloud bytes", download.body());
        String again = ok(http.post(F + "/transfers/" + t.get("id").asText() + "/urls/", null), 200).get("url")
                .asText();
        assertEquals("cloud bytes", http.raw("GET", again, null, Map.of()).body());
        ok(http.get(F + "/storages/" + gateway + "/transfers_to/" + t.get("id").asText() + "/"), 200);
        // asked twice: not queued twice
        ok(http.post(F + "/storages/" + gateway + "/bulk/", m("object_ids", List.of(cloudAsset[0]), "object_type",
                "assets")), 202);
        assertEquals(1, fake.pendingTransfersTo(gateway).size());
        ok(http.delete(F + "/storages/" + gateway + "/transfers_to/" + t.get("id").asText() + "/?completed=true"),
                204);
        assertTrue(fake.pendingTransfersTo(gateway).isEmpty());
        assertEquals("FINISHED", ok(http.get(J + "/jobs/" + t.get("job_id").asText() + "/"), 200).get("status")
                .asText());
        assertEquals(404, http.delete(F + "/storages/" + gateway + "/transfers_to/" + t.get("id").asText() + "/")
                .status());
    }

    @Test
    void copyFromGatewayToCloud_queuesATransferFrom_failedAcknowledgementFailsTheJob() {
        String[] local = asset(gateway, "media", "local.mov", new byte[]{1, 2, 3});
        ok(http.post(F + "/storages/" + cloud + "/bulk/", m("object_ids", List.of(local[0]), "object_type",
                "assets", "delete_original", true)), 202);
        assertTrue(fake.pendingTransfersTo(gateway).isEmpty());
        JsonNode t = ok(http.get(F + "/storages/" + gateway + "/transfers_from/"), 200).get("objects").get(0);
        assertEquals(local[1], t.get("original_file_set_id").asText());
        assertEquals(cloud, t.get("destination_storage_id").asText());
        assertEquals("GCS", t.get("destination_storage_method").asText());
        assertEquals("media", t.get("destination_directory_path").asText());
        assertTrue(t.get("delete_local_file_set_after_upload").asBoolean());
        ok(http.delete(F + "/file_sets/" + local[1] + "/transfers_from/" + gateway + "/?failed=true"), 204);
        assertTrue(fake.pendingTransfersFrom(gateway).isEmpty());
        assertEquals("FAILED", ok(http.get(J + "/jobs/" + t.get("job_id").asText() + "/"), 200).get("status")
                .asText());
    }

    @Test
    void copy_refusesBadBodies_andCloudToCloud() {
        String[] cloudAsset = asset(cloud, "", "c.mov", new byte[]{9});
        assertEquals(400, http.post(F + "/storages/" + gateway + "/bulk/", m("object_ids", List.of(),
                "object_type", "assets")).status());
        assertEquals(400, http.post(F + "/storages/" + gateway + "/bulk/", m("object_ids", List.of(cloudAsset[0])))
                .status());
        assertEquals(400, http.post(F + "/storages/" + fake.defaultStorageId("PROXIES") + "/bulk/",
                m("object_ids", List.of(cloudAsset[0]), "object_type", "assets")).status());
        assertEquals(404, http.post(F + "/transfers/" + java.util.UUID.randomUUID() + "/urls/", null).status());
    }

    @Test
    void purge_queuesADeletion_onlyWhenTheStorageAllowsDelete() {
        String[] kept = asset(gateway, "media", "kept.mov", new byte[]{1});
        assertEquals(400, http.delete(A + "/assets/" + kept[0] + "/purge/").status());
        ok(http.delete(A + "/assets/" + kept[0] + "/"), 204);
        ok(http.delete(A + "/assets/" + kept[0] + "/purge/"), 204);
        assertTrue(fake.pendingDeletions(gateway).isEmpty(), "delete is off on the ready-made storage");
        assertTrue(fake.asset(kept[0]).isEmpty());
        assertTrue(fake.files(kept[0]).isEmpty());

        ok(http.patch(F + "/storages/" + gateway + "/", m("settings", m("delete", true))), 200);
        String[] gone = asset(gateway, "media", "gone.mov", new byte[]{2});
        ok(http.delete(A + "/assets/" + gone[0] + "/"), 204);
        ok(http.delete(A + "/assets/" + gone[0] + "/purge/"), 204);
        List<JsonNode> deletions = fake.pendingDeletions(gateway);
        assertEquals(1, deletions.size());
        assertEquals(gone[2], deletions.get(0).get("file_id").asText());
        assertEquals("media", deletions.get(0).get("directory_path").asText());
        assertEquals("gone.mov", deletions.get(0).get("filename").asText());
        ok(http.delete(F + "/files/" + gone[2] + "/deletions_from/" + gateway + "/"), 204);
        assertTrue(fake.pendingDeletions(gateway).isEmpty());
        assertEquals(404, http.delete(A + "/assets/" + gone[0] + "/purge/").status());
    }

    @Test
    void keyframesRequest_forAGatewayAsset_queuesATranscodeEvent_andForACloudAsset_runsAJob() {
        String[] local = asset(gateway, "media", "k.mov", new byte[]{1});
        String[] cloudAsset = asset(cloud, "", "c.mov", new byte[]{2});
        ok(http.post(F + "/assets/bulk/keyframes/", m("object_ids", List.of(local[0], cloudAsset[0]),
                "object_type", "assets", "priority", 3)), 200);
        List<JsonNode> events = fake.gatewayEvents(gateway);
        assertEquals(1, events.size());
        JsonNode e = events.get(0);
        assertEquals("TRANSCODE", e.get("type").asText());
        assertEquals(local[0], e.get("data").get("asset_id").asText());
        assertEquals(local[2], e.get("data").get("file_id").asText());
        assertEquals(3, e.get("data").get("priority").asInt());
        assertFalse(fake.jobs().stream().noneMatch(j -> "TRANSCODE".equals(j.get("type").asText())
                && cloudAsset[0].equals(j.get("object_id").asText())));
        assertEquals(400, http.post(F + "/assets/bulk/keyframes/", m("object_ids", List.of(local[0]),
                "object_type", "assets", "priority", 11)).status());
    }
}
