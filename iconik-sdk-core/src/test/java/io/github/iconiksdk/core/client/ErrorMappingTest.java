// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import io.github.iconiksdk.api.AuthenticationException;
import io.github.iconiksdk.api.ConflictException;
import io.github.iconiksdk.api.IconikServiceException;
import io.github.iconiksdk.api.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorMappingTest extends WireMockSupport {

    private static final String JOB = "/API/jobs/v1/jobs/j1/";

    private void answer(int status, String contentType, String body) {
        server.stubFor(get(urlPathEqualTo(JOB)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", contentType).withHeader("X-Request-Id", "req-42").withBody(body)));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void unauthorisedAndForbidden_areAuthenticationErrors(int status) {
        answer(status, "application/json", "{\"errors\":[\"Invalid token\"]}");

        AuthenticationException e = assertThrows(AuthenticationException.class, () -> client().getJob("j1"));

        assertEquals(status, e.status());
        assertEquals(List.of("Invalid token"), e.errors());
    }

    @Test
    void notFound_carriesIconikMessageStatusRequestIdAndHeaders() {
        answer(404, "application/json", "{\"errors\":[\"Job not found\"]}");

        NotFoundException e = assertThrows(NotFoundException.class, () -> client().getJob("j1"));

        assertEquals(404, e.status());
        assertEquals(List.of("Job not found"), e.errors());
        assertEquals("req-42", e.requestId().orElseThrow());
        assertEquals(List.of("application/json"), e.headers().get("content-type"));
        assertEquals("GET /API/jobs/v1/jobs/j1/ -> 404: Job not found [request id req-42]", e.getMessage());
    }

    @Test
    void conflict_isAConflictException() {
        answer(409, "application/json", "{\"errors\":[\"exists\"]}");

        assertThrows(ConflictException.class, () -> client().getJob("j1"));
    }

    @Test
    void errorsAsAFieldMap_becomeFieldPrefixedMessages() {
        answer(400, "application/json", "{\"errors\":{\"title\":[\"Missing data for required field.\"],"
                + "\"type\":\"Not a valid choice.\"}}");

        IconikServiceException e = assertThrows(IconikServiceException.class, () -> client().getJob("j1"));

        assertEquals(List.of("title: Missing data for required field.", "type: Not a valid choice."), e.errors());
    }

    @Test
    void messageField_isUsedWhenThereIsNoErrorsList() {
        answer(400, "application/json", "{\"message\":\"Bad thing\"}");

        IconikServiceException e = assertThrows(IconikServiceException.class, () -> client().getJob("j1"));

        assertEquals(List.of("Bad thing"), e.errors());
    }

    @Test
    void htmlErrorPage_isAClearServiceErrorWithoutThePage() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body>" + "x".repeat(5000)
                + "</body></html>";
        answer(500, "text/html", page);

        IconikServiceException e = assertThrows(IconikServiceException.class, () -> client().getJob("j1"));

        assertEquals(500, e.status());
        assertTrue(e.errors().isEmpty());
        assertTrue(e.getMessage().contains("text/html"), e.getMessage());
        assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
        assertFalse(e.getMessage().contains("xxxxxxxx"), "the page itself is not echoed");
    }

    @Test
    void malformedJsonInASuccessfulAnswer_isAServiceError() {
        answer(200, "application/json", "{\"id\": \"j1\", \"title\": ");

        IconikServiceException e = assertThrows(IconikServiceException.class, () -> client().getJob("j1"));

        assertEquals(200, e.status());
        assertTrue(e.getMessage().contains("not the JSON expected"), e.getMessage());
    }

    @Test
    void successfulHtmlAnswer_isAServiceError() {
        answer(200, "text/html", "<html>login</html>");

        IconikServiceException e = assertThrows(IconikServiceException.class, () -> client().getJob("j1"));

        assertTrue(e.getMessage().contains("text/html"), e.getMessage());
    }

    @Test
    void responseCookies_areNotKeptInTheException() {
        server.stubFor(get(urlPathEqualTo(JOB)).willReturn(aResponse().withStatus(404)
                .withHeader("Set-Cookie", "session=abc")));

        NotFoundException e = assertThrows(NotFoundException.class, () -> client().getJob("j1"));

        assertFalse(e.headers().containsKey("set-cookie"));
    }
}
