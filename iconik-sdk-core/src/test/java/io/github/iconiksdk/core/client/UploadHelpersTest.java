// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.core.client.model.PartUploadUrl;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadHelpersTest extends WireMockSupport {

    @Test
    void refreshUploadUrl_asksForASignedPostUrl() {
        server.stubFor(get(urlPathEqualTo("/API/files/v1/assets/a/files/f/"))
                .withQueryParam("generate_signed_post_url", equalTo("true"))
                .willReturn(okJson("{\"id\":\"f\",\"upload_url\":\"https://b2.example/up\",\"upload_method\":\"B2\"}")));

        assertEquals("https://b2.example/up", client().refreshUploadUrl("a", "f").uploadUrl());
    }

    @Test
    void multipartUrls_andPartUrls_forAFile() {
        String base = "/API/files/v1/assets/a/files/f/multipart_url/";
        server.stubFor(get(urlPathEqualTo(base)).withQueryParam("upload_id", equalTo("u 1")).willReturn(okJson(
                "{\"complete_url\":\"https://s3/complete\",\"abort_url\":\"https://s3/abort\"}")));
        server.stubFor(get(urlPathEqualTo(base + "part/")).withQueryParam("parts_num", equalTo("3"))
                .willReturn(okJson("{\"objects\":[{\"number\":1,\"url\":\"https://s3/1\"},{\"number\":2,"
                        + "\"url\":\"https://s3/2\"},{\"number\":3,\"url\":\"https://s3/3\"}]}")));

        assertEquals("https://s3/complete", client().multipartUrls("a", "f", "u 1").completeUrl());
        List<Long> numbers = client().multipartPartUrls("a", "f", "u 1", 3).stream().map(PartUploadUrl::number)
                .collect(Collectors.toList());
        assertEquals(List.of(1L, 2L, 3L), numbers);
        server.verify(getRequestedFor(urlPathEqualTo(base + "part/")).withQueryParam("upload_id", equalTo("u 1")));
        assertThrows(IllegalArgumentException.class, () -> client().multipartPartUrls("a", "f", "u", 0));
    }

    @Test
    void proxyMultipartUrls_useTheProxyPath() {
        server.stubFor(get(urlPathEqualTo("/API/files/v1/assets/a/proxies/p/multipart_url/")).willReturn(okJson(
                "{\"abort_url\":\"https://s3/abort\"}")));

        assertEquals("https://s3/abort", client().proxyMultipartUrls("a", "p", "u").abortUrl());
    }

    @Test
    void fileExistsOnStorage_isTrueOn200_falseOn404() {
        server.stubFor(post(urlPathEqualTo("/API/files/v1/files/storages/s/"))
                .withRequestBody(equalToJson("{\"directory_path\":\"A\",\"file_name\":\"x.mov\"}"))
                .willReturn(okJson("{}")));
        server.stubFor(post(urlPathEqualTo("/API/files/v1/files/storages/s/"))
                .withRequestBody(equalToJson("{\"directory_path\":\"A\",\"file_name\":\"gone.mov\"}"))
                .willReturn(aResponse().withStatus(404)));

        assertTrue(client().fileExistsOnStorage("s", "A", "x.mov"));
        assertFalse(client().fileExistsOnStorage("s", "A", "gone.mov"));
    }
}
