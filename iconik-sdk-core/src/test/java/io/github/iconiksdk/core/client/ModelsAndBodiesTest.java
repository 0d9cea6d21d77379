// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.core.client.internal.Json;
import io.github.iconiksdk.core.client.model.AssetCreate;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.FileCreate;
import io.github.iconiksdk.core.client.model.FileSetCreate;
import io.github.iconiksdk.core.client.model.FileRecordStatus;
import io.github.iconiksdk.core.client.model.FileType;
import io.github.iconiksdk.core.client.model.FileUpdate;
import io.github.iconiksdk.core.client.model.GatewayReport;
import io.github.iconiksdk.core.client.model.Storage;
import io.github.iconiksdk.core.client.model.StorageMethod;
import io.github.iconiksdk.core.client.model.TransferFromStorage;
import io.github.iconiksdk.core.client.model.TransferToStorage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelsAndBodiesTest extends WireMockSupport {

    @Test
    void fileRecord_toleratesUnknownFieldsNullsNewEnumValuesAndZonelessDates() {
        server.stubFor(get(urlPathEqualTo("/API/files/v1/assets/a1/files/f1/")).willReturn(okJson("""
                {"id":"f1","status":"HIBERNATING","type":"SEQUENCE","size":null,"checksum":null,
                 "brand_new_field":{"x":[1,2]},"storage_method":"FILE",
                 "date_created":"2026-09-11T02:18:29.708000+00:00","date_modified":"2026-11-22T22:13:03.593004",
                 "file_date_modified":"2006-01-02 15:04:05","file_date_created":""}""")));

        AssetFile f = client().getFile("a1", "f1");

        assertSame(FileRecordStatus.UNKNOWN, f.status());
        assertEquals(FileType.SEQUENCE, f.type());
        assertEquals(StorageMethod.FILE, f.storageMethod());
        assertNull(f.size());
        assertEquals(Instant.parse("2026-09-11T02:18:29.708Z"), f.dateCreated());
        assertEquals(Instant.parse("2026-11-22T22:13:03.593004Z"), f.dateModified());
        assertEquals(Instant.parse("2006-01-02T15:04:05Z"), f.fileDateModified());
        assertNull(f.fileDateCreated());
    }

    @Test
    void storageSettings_readAsFileSettings_withAbsentKeysLeftNull() {
        server.stubFor(get(urlPathEqualTo("/API/files/v1/storages/s1/")).willReturn(okJson("""
                {"id":"s1","name":"NAS","method":"FILE","purpose":"FILES","default":false,
                 "settings":{"mount_point":"/mnt/nas","scan_ignore":["*.tmp"],"growing_files_threshold":10,
                             "prio_dirs":[{"directory":"a","priority":1}],"something_new":true,
                             "metadata_conversion_url":"https://conv.example/x",
                             "metadata_conversion_url_headers":"X-Key: abc"}}""")));

        Storage s = client().getStorage("s1");

        var settings = s.fileSettings();
        assertEquals("/mnt/nas", settings.mountPoint());
        assertEquals(List.of("*.tmp"), settings.scanIgnore());
        assertEquals(10, settings.growingFilesThreshold());
        assertNull(settings.uploadFiles());
        assertEquals("a", settings.prioDirs().get(0).directory());
        assertEquals(Boolean.FALSE, s.isDefault());
        assertEquals("https://conv.example/x", settings.metadataConversionUrl());
        assertEquals("X-Key: abc", settings.metadataConversionUrlHeaders());
    }

    @Test
    void transfers_readTheSharedFieldsAsStorageTransfer_andWriteTheSameFlatJsonBack() throws Exception {
        TransferToStorage in = Json.mapper().readValue("""
                {"id":"t1","asset_id":"a1","format_id":"f1","file_set_id":"fs1","local_storage_id":"s1",
                 "destination_directory_path":"in","destination_filename":"x.mov","overwrite":true,
                 "delete_remote_file_set_after_download":false,"job_id":"j1","brand_new_field":[1]}""",
                TransferToStorage.class);
        TransferFromStorage out = Json.mapper().readValue("""
                {"id":"t2","asset_id":"a2","original_file_set_id":"fs2","destination_storage_id":"cloud",
                 "destination_storage_method":"GCS","delete_local_file_set_after_upload":true,"export_proxy":false,
                 "component_ids":["c1"],"something_new":{"x":1}}""", TransferFromStorage.class);

        assertEquals(List.of("t1", "a1", "f1", "in", "x.mov", "j1"), List.of(in.transfer().id(),
                in.transfer().assetId(), in.transfer().formatId(), in.transfer().destinationDirectoryPath(),
                in.transfer().destinationFilename(), in.transfer().jobId()));
        assertEquals(Boolean.TRUE, in.transfer().overwrite());
        assertEquals(List.of("fs1", "s1"), List.of(in.fileSetId(), in.localStorageId()));
        assertEquals(Boolean.FALSE, in.deleteRemoteFileSetAfterDownload());
        assertEquals(List.of("t2", "a2", "fs2", "cloud", "GCS"), List.of(out.transfer().id(),
                out.transfer().assetId(), out.originalFileSetId(), out.destinationStorageId(),
                out.destinationStorageMethod()));
        assertEquals(List.of("c1"), out.transfer().componentIds());
        assertEquals(Boolean.FALSE, out.transfer().exportProxy());
        assertEquals(Boolean.TRUE, out.deleteLocalFileSetAfterUpload());

        // the command journal keeps items as the JSON written here: flat, iconik's names, read back the same
        JsonNode written = Json.mapper().valueToTree(in);
        assertFalse(written.has("transfer"), written.toString());
        assertEquals("fs1", written.get("file_set_id").asText());
        assertEquals("in", written.get("destination_directory_path").asText());
        assertEquals(in, Json.mapper().treeToValue(written, TransferToStorage.class));
        assertEquals(out, Json.mapper().readValue(Json.mapper().writeValueAsString(out), TransferFromStorage.class));
    }

    @Test
    void patchBody_carriesOnlyTheFieldsSet() {
        server.stubFor(patch(urlPathEqualTo("/API/files/v1/assets/a1/files/f1/")).willReturn(okJson("{}")));

        client().updateFile("a1", "f1", new FileUpdate(FileRecordStatus.CLOSED, 5L, null, null, null, null, null));

        server.verify(patchRequestedFor(urlPathEqualTo("/API/files/v1/assets/a1/files/f1/"))
                .withRequestBody(equalToJson("{\"status\":\"CLOSED\",\"size\":5}", false, false))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void bodies_leaveNullComponentsOut_andUseIconiksWireNames() {
        assertEquals("{}", new String(bytesOf(new FileUpdate(null, null, null, null, null, null, null))));
        assertEquals("{\"original_name\":\"a.mov\",\"directory_path\":\"\",\"type\":\"FILE\"}",
                new String(bytesOf(FileCreate.of("a.mov", "", FileType.FILE))));
    }

    @Test
    void gatewayReport_sendsItsCountersAsFieldsOfTheReport() {
        GatewayReport.Counts counts = new GatewayReport.Counts(null, 7, 5, null, 4, 1, null, null, null, null, null,
                2, null);
        GatewayReport report = new GatewayReport("LIVE", null, null, null, null, null, null, null, 12, counts);

        assertEquals("{\"status\":\"LIVE\",\"last_scan_time\":12,\"scanned_files_number\":7,"
                + "\"ingested_files_number\":5,\"ingested_files_uploads_number\":4,\"faulty_files_number\":1,"
                + "\"waiting_transcode_jobs_number\":2}", new String(bytesOf(report)));
    }

    @Test
    void requiredFields_areCheckedByName() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new FileSetCreate("n", null, "", List.of(), null, null, null, null));
        assertEquals("formatId", e.getMessage());
    }

    private static byte[] bytesOf(Object body) {
        try {
            return io.github.iconiksdk.core.client.internal.Json.mapper().writeValueAsBytes(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void createAssetInACollection_asksIconikToAssignIt() {
        server.stubFor(post(urlPathEqualTo("/API/assets/v1/assets/")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":\"a1\",\"title\":\"clip.mov\",\"external_id\":\"x1\",\"type\":\"ASSET\"}")));

        var asset = client().createAsset(new AssetCreate("clip.mov", "x1", null, "c1", null, null, null));

        assertEquals("x1", asset.externalId());
        server.verify(postRequestedFor(urlEqualTo("/API/assets/v1/assets/?assign_to_collection=true"))
                .withRequestBody(equalToJson("{\"title\":\"clip.mov\",\"external_id\":\"x1\",\"collection_id\":\"c1\"}")));
    }

    @Test
    void metadataValues_roundTripInIconikShape() {
        String path = "/API/metadata/v1/assets/a1/views/v1/";
        server.stubFor(put(urlPathEqualTo(path)).willReturn(okJson("""
                {"metadata_values":{"tags":{"field_values":[{"value":"drone"},{"value":"sea","score":0.9}]},
                 "empty":{"field_values":[]}}}""")));

        MetadataValues back = client().putMetadataValues("a1", "v1",
                MetadataValues.builder().add("tags", "drone").add("tags", "sea").build(), MetadataWriteMode.OVERWRITE);

        server.verify(putRequestedFor(urlPathEqualTo(path)).withRequestBody(equalToJson("""
                {"metadata_values":{"tags":{"field_values":[{"value":"drone"},{"value":"sea"}],"mode":"overwrite"}}}""")));
        assertEquals(2, back.fields().get("tags").size());
        assertEquals(0.9, back.fields().get("tags").get(1).score());
        assertTrue(back.fields().get("empty").isEmpty());
    }

    @Test
    void metadataValues_ofAnAssetWithNoneInTheView_areEmpty() {
        server.stubFor(get(urlPathEqualTo("/API/metadata/v1/assets/a1/views/v1/")).willReturn(aResponse()
                .withStatus(404)));

        assertTrue(client().getMetadataValues("a1", "v1").isEmpty());
    }

    @Test
    void idsInPaths_arePercentEncoded() {
        server.stubFor(get(urlEqualTo("/API/files/v1/assets/a1/formats/MY%20FORMAT/")).willReturn(okJson(
                "{\"name\":\"MY FORMAT\"}")));

        assertEquals("MY FORMAT", client().findFormat("a1", "MY FORMAT").orElseThrow().name());
    }
}
