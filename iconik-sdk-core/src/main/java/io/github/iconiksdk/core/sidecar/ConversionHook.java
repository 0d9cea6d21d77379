// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarException;
import io.github.iconiksdk.core.sidecar.internal.JsonSidecarCodec;
import io.github.iconiksdk.core.sidecar.internal.SidecarNames;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The storage's {@code metadata_conversion_url}: a sidecar in a foreign format is POSTed, raw, to a service that
 * answers with iconik's metadata JSON ({@code {"metadata_values": …}}). Uses the JDK's {@link HttpClient}.
 *
 * <p>The request carries the configured headers (iconik's {@code metadata_conversion_url_headers}) and a
 * {@code Content-Type} from the sidecar's extension; the answer must be a 2xx status with a JSON body of at most
 * {@value #MAX_ANSWER_BYTES} bytes. Error messages name the sidecar and the URL without its query or user info, and
 * never a header value (headers often carry a token). Immutable and thread-safe.
 */
public final class ConversionHook {

    /** The largest answer accepted. */
    public static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final URI url;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final HttpClient client;

    private ConversionHook(Builder b) {
        this.url = b.url;
        this.headers = Map.copyOf(b.headers);
        this.timeout = b.timeout;
        if (b.client != null) {
            this.client = b.client;
        } else {
            HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (b.proxy != null) {
                http.proxy(b.proxy);
            }
            this.client = http.build();
        }
    }

    /** @return a builder; the URL is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the URL sidecars are POSTed to */
    public URI url() {
        return url;
    }

    @Override
    public String toString() {
        return "ConversionHook{url=" + safeUrl() + ", headers=" + headers.keySet() + "}";
    }

    private String safeUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /**
     * Converts one sidecar.
     *
     * @param sidecar the sidecar file (for the content type and messages)
     * @param content its raw bytes, sent unchanged
     * @return the tree the service answered
     * @throws SidecarException if the service cannot be reached, times out, answers a non-2xx status, or answers
     *                          something that is not iconik's metadata JSON
     */
    public MetadataValues convert(Path sidecar, byte[] content) {
        Objects.requireNonNull(sidecar, "sidecar");
        Objects.requireNonNull(content, "content");
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", contentType(sidecar))
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content));
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            throw fail(sidecar, "timed out after " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw fail(sidecar, "could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(sidecar, "interrupted", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip();
            throw fail(sidecar, "answered HTTP " + status + (text.isEmpty() ? "" : ": " + text), null);
        }
        if (body.length > MAX_ANSWER_BYTES) {
            throw fail(sidecar, "answered more than " + MAX_ANSWER_BYTES + " bytes", null);
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw fail(sidecar, "answered a body that is not UTF-8", e);
        }
        try {
            return JsonSidecarCodec.parse(sidecar, json);
        } catch (SidecarException e) {
            String where = e.line().isPresent() ? " (line " + e.line().getAsInt()
                    + e.column().stream().mapToObj(c -> ", column " + c).findFirst().orElse("") + " of the answer)"
                    : "";
            throw fail(sidecar, "answered something that is not iconik metadata JSON" + where + ": " + e.reason(), e);
        }
    }

    private SidecarException fail(Path sidecar, String what, Throwable cause) {
        return new SidecarException(sidecar, -1, -1, "conversion URL " + safeUrl() + " " + what, cause);
    }

    private static String contentType(Path sidecar) {
        Path name = sidecar.getFileName();
        String format = name == null ? "" : SidecarNames.formatOf(name.toString())
                .map(f -> f.extension()).orElse("");
        switch (format) {
            case "json": return "application/json";
            case "xml": return "application/xml";
            case "csv": return "text/csv";
            default: return "application/octet-stream";
        }
    }

    /**
     * Parses iconik's {@code metadata_conversion_url_headers} string: either a JSON object of header names to
     * values, or one {@code Name: value} per line (blank lines ignored).
     *
     * @param text the setting, may be null or blank
     * @return the headers, in order
     * @throws IllegalArgumentException if it is neither form; the message names the line, never a value
     */
    public static Map<String, String> parseHeaders(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return headers;
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            JsonNode node;
            try {
                node = new ObjectMapper().readTree(trimmed);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("metadata_conversion_url_headers: malformed JSON at line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("metadata_conversion_url_headers: expected a JSON object");
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getValue().isValueNode()) {
                    throw new IllegalArgumentException("metadata_conversion_url_headers: header \"" + e.getKey()
                            + "\" must have a text value");
                }
                headers.put(checkName(e.getKey()), e.getValue().asText());
            }
            return headers;
        }
        String[] lines = trimmed.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("metadata_conversion_url_headers: line " + (i + 1)
                        + " is not \"Name: value\"");
            }
            headers.put(checkName(line.substring(0, colon).strip()), line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static String checkName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            throw new IllegalArgumentException("metadata_conversion_url_headers: \"" + name
                    + "\" is not a valid header name");
        }
        return name;
    }

    /** Builds a {@link ConversionHook}; not thread-safe. */
    public static final class Builder {
        private URI url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(60);
        private HttpClient client;
        private java.net.ProxySelector proxy;

        private Builder() {
        }

        /**
         * Sets the URL (http or https).
         *
         * @param url the storage's {@code metadata_conversion_url}
         * @return this builder
         * @throws IllegalArgumentException if it is not an absolute http(s) URL
         */
        public Builder url(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("metadata_conversion_url must be an http or https URL with a"
                        + " host, got scheme \"" + scheme + "\"");
            }
            this.url = url;
            return this;
        }

        /**
         * Sets the URL from text.
         *
         * @param url the storage's {@code metadata_conversion_url}
         * @return this builder
         * @throws IllegalArgumentException if it is not an absolute http(s) URL
         */
        public Builder url(String url) {
            return url(URI.create(Objects.requireNonNull(url, "url").strip()));
        }

        /**
         * Adds a header sent with every request.
         *
         * @param name  the header name
         * @param value its value (never logged)
         * @return this builder
         * @throws IllegalArgumentException if the name is not a valid header name
         */
        public Builder header(String name, String value) {
            headers.put(checkName(Objects.requireNonNull(name, "name")), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds headers, for example from {@link #parseHeaders}.
         *
         * @param all header names to values
         * @return this builder
         * @throws IllegalArgumentException if a name is not a valid header name
         */
        public Builder headers(Map<String, String> all) {
            all.forEach(this::header);
            return this;
        }

        /**
         * Sets the connect timeout (default 10 s); ignored when a client is given.
         *
         * @param connectTimeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets the time allowed for the whole request (default 60 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * Sends requests through a proxy, for example the iconik client's
         * ({@link io.github.iconiksdk.core.client.IconikClient#proxy()}); ignored when a client is given.
         *
         * @param proxy the proxy selector
         * @return this builder
         */
        public Builder proxy(java.net.ProxySelector proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * Uses a given HTTP client (proxy settings, TLS), instead of a new one.
         *
         * @param client the client
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }

        /**
         * Builds the hook.
         *
         * @return the hook
         * @throws IllegalStateException if no URL was given
         */
        public ConversionHook build() {
            if (url == null) {
                throw new IllegalStateException("a conversion hook needs a URL");
            }
            return new ConversionHook(this);
        }
    }
}
