// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.core.client.model.FileDeletion;
import io.github.iconiksdk.core.client.model.GatewayEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewayQueuesTest extends WireMockSupport {

    @Test
    void gatewayEvents_acceptIconiks201AnswerToAGet() {
        server.stubFor(get(urlPathEqualTo("/API/files/v1/storages/s/gateway/events/")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody(
                        "{\"objects\":[{\"id\":\"e1\",\"type\":\"RESTART\",\"data\":{}},"
                                + "{\"id\":\"e2\",\"type\":\"SOMETHING_NEW\",\"data\":{\"file_id\":\"f\"}}]}")));

        List<GatewayEvent> events = client().gatewayEvents("s").stream().collect(Collectors.toList());

        assertEquals(List.of("RESTART", "SOMETHING_NEW"), events.stream().map(GatewayEvent::type).toList());
        assertEquals("f", events.get(1).data().get("file_id"));
    }

    @Test
    void acknowledgeGatewayEvent_deletesIt() {
        server.stubFor(delete(urlPathEqualTo("/API/files/v1/storages/s/gateway/events/e1/"))
                .willReturn(aResponse().withStatus(204)));

        client().acknowledgeGatewayEvent("s", "e1");

        server.verify(deleteRequestedFor(urlPathEqualTo("/API/files/v1/storages/s/gateway/events/e1/")));
    }

    @Test
    void pendingDeletions_pageByLastId() {
        String path = "/API/files/v1/storages/s/deletions_from/";
        StringBuilder first = new StringBuilder("{\"per_page\":100,\"objects\":[");
        for (int i = 0; i < 100; i++) {
            first.append(i == 0 ? "" : ",").append("{\"id\":\"d").append(i).append("\",\"filename\":\"x\"}");
        }
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("last_id", absent())
                .willReturn(okJson(first.append("]}").toString())));
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("last_id", equalTo("d99"))
                .willReturn(okJson("{\"objects\":[{\"id\":\"d100\",\"keep_source\":true}]}")));

        List<FileDeletion> all = client().pendingDeletions("s").stream().collect(Collectors.toList());

        assertEquals(101, all.size());
        assertEquals(Boolean.TRUE, all.get(100).keepSource());
    }
}
