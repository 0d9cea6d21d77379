// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A plain HTTP client for tests, speaking to the fake as any iconik client would (JDK HttpClient, JSON). */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, parsed JSON body (null when empty) and headers. */
    record Answer(int status, JsonNode json, String body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final Map<String, String> headers;

    Http(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    static Http of(FakeIconik fake) {
        return new Http(fake.url(), Map.of("App-ID", fake.appId(), "Auth-Token", fake.authToken()));
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    Answer put(String path, Object body) {
        return send("PUT", path, body);
    }

    Answer patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    Answer delete(String path, Object body) {
        return send("DELETE", path, body);
    }

    Answer send(String method, String path, Object body) {
        try {
            return sendChecked(method, path, body, Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e, e);
        }
    }

    Answer sendChecked(String method, String path, Object body, Duration timeout) throws IOException {
        String url = path.startsWith("http") ? path : base + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        headers.forEach(b::header);
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body instanceof byte[] bytes) {
            publisher = HttpRequest.BodyPublishers.ofByteArray(bytes);
        } else if (body != null) {
            b.header("Content-Type", "application/json");
            publisher = HttpRequest.BodyPublishers.ofString(body instanceof String s ? s
                    : JSON.writeValueAsString(body));
        }
        b.method(method, publisher);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            return new Answer(r.statusCode(), json, r.body(), r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Sends a request with extra headers and a raw body (uploads). */
    Answer raw(String method, String url, byte[] body, Map<String, String> extra) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        extra.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() || !r.headers().firstValue("Content-Type").orElse("")
                    .contains("json") ? null : JSON.readTree(r.body());
            return new Answer(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
