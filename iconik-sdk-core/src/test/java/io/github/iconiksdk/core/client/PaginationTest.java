// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.core.client.model.AssetFile;
import io.github.iconiksdk.core.client.model.Storage;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaginationTest extends WireMockSupport {

    private static final String ASSETS = "/API/assets/v1/assets/";

    private static String objects(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "{\"id\":\"a" + i + "\",\"title\":\"t" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** Pages 1..pages of 10 assets each, chained by next_url (absolute, as iconik writes it). */
    private void pageStyle(int pages) {
        for (int p = 1; p <= pages; p++) {
            String next = p < pages ? "\"https://app.iconik.io" + ASSETS + "?page=" + (p + 1) + "&per_page=10\""
                    : "null";
            String body = "{\"objects\":" + objects((p - 1) * 10, 10) + ",\"page\":" + p + ",\"pages\":" + pages
                    + ",\"per_page\":10,\"total\":" + pages * 10 + ",\"next_url\":" + next + "}";
            var request = get(urlPathEqualTo(ASSETS));
            request = p == 1 ? request.withQueryParam("page", absent()) : request.withQueryParam("page",
                    equalTo(Integer.toString(p)));
            server.stubFor(request.willReturn(okJson(body)));
        }
    }

    @Test
    void pageStyle_followsNextUrlAcrossManyPages_inOrder_onTheClientsOwnHost() {
        pageStyle(60);

        List<String> ids = client().paginate(ASSETS, java.util.Map.class).stream()
                .map(m -> (String) m.get("id")).collect(Collectors.toList());

        assertEquals(600, ids.size());
        assertEquals("a0", ids.get(0));
        assertEquals("a599", ids.get(599));
        assertEquals(600, ids.stream().distinct().count());
        server.verify(60, getRequestedFor(urlPathEqualTo(ASSETS)));
    }

    @Test
    void pages_areFetchedOnlyWhenIterationReachesThem() {
        pageStyle(50);

        Iterator<String> it = client().paginate(ASSETS).iterator();
        for (int i = 0; i < 10; i++) {
            it.next();
        }

        server.verify(1, getRequestedFor(urlPathEqualTo(ASSETS)));
        it.next();
        server.verify(2, getRequestedFor(urlPathEqualTo(ASSETS)));
    }

    @Test
    void rawPaginate_yieldsEachObjectAsCompactJson() {
        pageStyle(2);

        List<String> lines = client().paginate(ASSETS).stream().collect(Collectors.toList());

        assertEquals("{\"id\":\"a0\",\"title\":\"t0\"}", lines.get(0));
        assertEquals(20, lines.size());
    }

    @Test
    void pageStyle_withoutNextUrl_usesPageAndPages() {
        server.stubFor(get(urlPathEqualTo("/API/files/v1/storages/")).withQueryParam("page", absent())
                .willReturn(okJson("{\"objects\":[{\"id\":\"s1\"}],\"page\":1,\"pages\":2}")));
        server.stubFor(get(urlPathEqualTo("/API/files/v1/storages/")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("{\"objects\":[{\"id\":\"s2\"}],\"page\":2,\"pages\":2}")));

        List<String> ids = client().listStorages().stream().map(Storage::id).collect(Collectors.toList());

        assertEquals(List.of("s1", "s2"), ids);
    }

    @Test
    void cursorStyle_asksForTheNextPageAfterTheLastId_untilAShortPage() {
        String path = "/API/files/v1/assets/a1/files/";
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("last_id", absent())
                .willReturn(okJson(filesPage(0, 100))));
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("last_id", equalTo("f99"))
                .willReturn(okJson(filesPage(100, 100))));
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("last_id", equalTo("f199"))
                .willReturn(okJson(filesPage(200, 7))));

        List<AssetFile> files = client().listFiles("a1").stream().collect(Collectors.toList());

        assertEquals(207, files.size());
        assertEquals("f206", files.get(206).id());
        server.verify(3, getRequestedFor(urlPathEqualTo(path)).withQueryParam("per_page", equalTo("100"))
                .withQueryParam("generate_signed_url", equalTo("false")));
    }

    private static String filesPage(int from, int count) {
        String objs = IntStream.range(from, from + count).mapToObj(i -> "{\"id\":\"f" + i + "\",\"status\":\"CLOSED\"}")
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"objects\":" + objs + ",\"per_page\":100}";
    }

    @Test
    void listAnsweredWith404_isEmpty() {
        server.stubFor(get(urlPathEqualTo("/API/files/v1/files/checksum/abc/")).willReturn(aResponse()
                .withStatus(404).withBody("{\"errors\":[\"Files don't exist\"]}")));

        assertFalse(client().filesByChecksum("abc").iterator().hasNext());
    }

    @Test
    void nextUrlPointingBackToAPageAlreadyFetched_stopsWithAnError() {
        server.stubFor(get(urlPathEqualTo(ASSETS)).willReturn(okJson("{\"objects\":[{\"id\":\"a\"}],"
                + "\"next_url\":\"" + ASSETS + "\"}")));

        Iterator<String> it = client().paginate(ASSETS).iterator();
        it.next();

        assertThrows(IconikClientException.class, it::next);
    }

    @Test
    void rawPaginateOfASingleObject_yieldsThatObject() {
        server.stubFor(get(urlPathEqualTo(ASSETS + "a1/")).willReturn(okJson("{\"id\":\"a1\"}")));

        assertEquals(List.of("{\"id\":\"a1\"}"), client().paginate(ASSETS + "a1/").stream()
                .collect(Collectors.toList()));
    }

    @Test
    void emptyObjects_endTheList() {
        server.stubFor(get(urlPathEqualTo(ASSETS)).willReturn(okJson("{\"objects\":[],\"next_url\":\"" + ASSETS
                + "?page=2\"}")));

        assertEquals(0, client().paginate(ASSETS).stream().count());
        server.verify(1, getRequestedFor(urlPathEqualTo(ASSETS)));
    }

    @Test
    void retriesApplyToEveryPage() {
        server.stubFor(get(urlPathEqualTo(ASSETS)).withQueryParam("page", absent())
                .willReturn(okJson("{\"objects\":[{\"id\":\"a\"}],\"next_url\":\"" + ASSETS + "?page=2\"}")));
        server.stubFor(get(urlPathEqualTo(ASSETS)).withQueryParam("page", equalTo("2")).inScenario("p2")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(503)));
        server.stubFor(get(urlPathEqualTo(ASSETS)).withQueryParam("page", equalTo("2")).inScenario("p2")
                .whenScenarioStateIs("ok").willReturn(okJson("{\"objects\":[{\"id\":\"b\"}]}")));

        assertEquals(2, client().paginate(ASSETS).stream().count());
    }
}
