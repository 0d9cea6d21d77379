// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.iconiksdk.core.client.model.AssetUpdate;
import io.github.iconiksdk.core.client.model.CollectionCreate;
import io.github.iconiksdk.core.client.model.FileSetCreate;
import io.github.iconiksdk.core.client.model.FormatCreate;
import io.github.iconiksdk.core.client.model.GatewayReport;
import io.github.iconiksdk.core.client.model.JobCreate;
import io.github.iconiksdk.core.client.model.JobStatus;
import io.github.iconiksdk.core.client.model.JobType;
import io.github.iconiksdk.core.client.model.JobUpdate;
import io.github.iconiksdk.core.client.model.KeyframeCreate;
import io.github.iconiksdk.core.client.model.KeyframeType;
import io.github.iconiksdk.core.client.model.KeyframeUpdate;
import io.github.iconiksdk.core.client.model.ProxyCreate;
import io.github.iconiksdk.core.client.model.ProxyUpdate;
import io.github.iconiksdk.core.client.model.StoragePurpose;
import io.github.iconiksdk.core.client.model.StorageUpdate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each typed operation sends the method, path, query and body iconik's specification gives for it. */
class OperationPathsTest extends WireMockSupport {

    @BeforeEach
    void answerEverything() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"objects\":[]}")));
    }

    private LoggedRequest only(Consumer<IconikClient> call) {
        server.resetRequests();
        call.accept(client());
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertEquals(1, requests.size(), requests.toString());
        return requests.get(0);
    }

    private void expect(String method, String url, String body, Consumer<IconikClient> call) {
        LoggedRequest r = only(call);
        assertEquals(method + " " + url, r.getMethod().getName() + " " + r.getUrl());
        if (body != null) {
            assertEquals(body, r.getBodyAsString());
        }
    }

    @Test
    void storagesAndGateway() {
        expect("GET", "/API/files/v1/storages/s/", null, c -> c.getStorage("s"));
        expect("GET", "/API/files/v1/storages/?per_page=100", null, c -> c.listStorages().iterator().hasNext());
        expect("PATCH", "/API/files/v1/storages/s/", "{\"scanner_status\":\"ACTIVE\"}",
                c -> c.updateStorage("s", new StorageUpdate("ACTIVE", null, null, null, null)));
        expect("GET", "/API/files/v1/storages/matching/PROXIES/", null, c -> c.matchingStorage(StoragePurpose.PROXIES));
        expect("PUT", "/API/files/v1/storages/s/gateway/status/", "{\"status\":\"LIVE\"}",
                c -> c.putGatewayStatus("s", "LIVE"));
        expect("PUT", "/API/files/v1/storages/s/gateway/report/",
                "{\"status\":\"LIVE\",\"total_files_number\":3}",
                c -> c.putGatewayReport("s", new GatewayReport("LIVE", null, null, null, null, null, null, null,
                        null, new GatewayReport.Counts(3, null, null, null, null, null, null, null, null, null, null,
                        null, null))));
    }

    @Test
    void assetsFormatsFileSets() {
        expect("PATCH", "/API/assets/v1/assets/a/", "{\"title\":\"New\"}",
                c -> c.updateAsset("a", new AssetUpdate("New", null, null, null, null)));
        expect("POST", "/API/files/v1/assets/a/formats/", "{\"name\":\"ORIGINAL\",\"storage_methods\":[\"FILE\"]}",
                c -> c.createFormat("a", new FormatCreate("ORIGINAL", List.of("FILE"), null, null, null, null)));
        expect("GET", "/API/files/v1/assets/a/formats/?per_page=100", null,
                c -> c.listFormats("a").iterator().hasNext());
        expect("POST", "/API/files/v1/assets/a/file_sets/",
                "{\"name\":\"clip.mov\",\"format_id\":\"f\",\"base_dir\":\"A\",\"component_ids\":[]}",
                c -> c.createFileSet("a", FileSetCreate.of("clip.mov", "f", "A", List.of())));
        expect("GET", "/API/files/v1/assets/a/file_sets/?per_page=100", null,
                c -> c.listFileSets("a").iterator().hasNext());
        expect("GET", "/API/files/v1/files/checksum/abc/?per_page=100", null,
                c -> c.filesByChecksum("abc").iterator().hasNext());
        expect("GET", "/API/files/v1/storages/s/files/?directory_path=My%20Dir&per_page=100", null,
                c -> c.storageFiles("s", "My Dir", null).iterator().hasNext());
    }

    @Test
    void proxiesAndKeyframes() {
        expect("POST", "/API/files/v1/assets/a/proxies/", "{\"storage_id\":\"p\",\"filename\":\"proxy.mp4\"}",
                c -> c.createProxy("a", new ProxyCreate("p", null, "proxy.mp4", null, null, null, null, null, null,
                        null, null)));
        expect("PATCH", "/API/files/v1/assets/a/proxies/x/", "{\"status\":\"CLOSED\"}",
                c -> c.updateProxy("a", "x",
                        new ProxyUpdate(io.github.iconiksdk.core.client.model.FileRecordStatus.CLOSED, null, null)));
        expect("GET", "/API/files/v1/assets/a/proxies/?generate_signed_url=false&per_page=100", null,
                c -> c.listProxies("a").iterator().hasNext());
        expect("POST", "/API/files/v1/assets/a/keyframes/", "{\"type\":\"POSTER\"}",
                c -> c.createKeyframe("a", KeyframeCreate.of(KeyframeType.POSTER)));
        expect("PATCH", "/API/files/v1/assets/a/keyframes/k/", "{\"size\":10}",
                c -> c.updateKeyframe("a", "k", new KeyframeUpdate(null, 10L)));
        expect("GET", "/API/files/v1/assets/a/keyframes/?generate_signed_url=false&per_page=100", null,
                c -> c.listKeyframes("a").iterator().hasNext());
    }

    @Test
    void metadataCollectionsJobs() {
        expect("GET", "/API/metadata/v1/views/", null, IconikClient::listMetadataViews);
        expect("GET", "/API/metadata/v1/views/v/?merge_fields=true", null, c -> c.getMetadataView("v"));
        expect("GET", "/API/metadata/v1/fields/?per_page=100", null, c -> c.listMetadataFields().iterator().hasNext());
        expect("POST", "/API/assets/v1/collections/", "{\"title\":\"Dailies\",\"parent_id\":\"p\"}",
                c -> c.createCollection(new CollectionCreate("Dailies", "p", null, null, null, null)));
        expect("GET", "/API/assets/v1/collections/c/contents/?per_page=100", null,
                c -> c.collectionContents("c").iterator().hasNext());
        LoggedRequest add = only(c -> c.addToCollection("c", "a", "assets"));
        assertEquals("/API/assets/v1/collections/c/contents/", add.getUrl());
        assertTrue(add.getBodyAsString().contains("\"object_type\":\"assets\""), add.getBodyAsString());
        expect("POST", "/API/jobs/v1/jobs/", "{\"title\":\"Ingest\",\"type\":\"CUSTOM\",\"status\":\"STARTED\"}",
                c -> c.createJob(JobCreate.of("Ingest", JobType.CUSTOM, JobStatus.STARTED)));
        expect("PATCH", "/API/jobs/v1/jobs/j/", "{\"status\":\"FINISHED\",\"progress_processed\":5}",
                c -> c.updateJob("j", new JobUpdate(JobStatus.FINISHED, null, null, null, 5L, null)));
    }

    @Test
    void matchingStorage_isEmptyWhenIconikHasNone() {
        server.stubFor(get(urlPathEqualTo("/API/files/v1/storages/matching/KEYFRAMES/")).willReturn(aResponse()
                .withStatus(404)));

        assertTrue(client().matchingStorage(StoragePurpose.KEYFRAMES).isEmpty());
    }
}
