// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.AuthenticationException;
import io.github.iconiksdk.api.ConflictException;
import io.github.iconiksdk.api.IconikServiceException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.RateLimitedException;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns an error answer into the SDK's exception tree. iconik's error body is {@code {"errors": ["…"]}} or
 * {@code {"errors": {"field": "…"}}}; some endpoints use {@code message} or {@code error_description}. A body that
 * is not JSON (an HTML page from a proxy, say) is summarised by its content type and size, never echoed whole.
 */
public final class ErrorMapper {

    private static final List<String> REQUEST_ID_HEADERS =
            List.of("x-request-id", "request-id", "x-iconik-request-id", "x-amzn-requestid", "x-cloud-trace-context");
    private static final Set<String> HIDDEN_HEADERS = Set.of("set-cookie", "auth-token", "authorization",
            "proxy-authorization", "cookie");

    private ErrorMapper() {
    }

    /**
     * Builds the exception for an error answer.
     *
     * @param method     the HTTP method
     * @param path       the path (no query)
     * @param status     the status
     * @param headers    the response headers
     * @param body       the response body
     * @param attempts   how many attempts were made
     * @param retryAfter iconik's Retry-After, or {@code null}
     * @param secret     a value to scrub from any text taken from the answer (the token), or {@code null}
     * @return the exception to throw
     */
    public static IconikServiceException map(String method, String path, int status, HttpHeaders headers,
                                             byte[] body, int attempts, Duration retryAfter, String secret) {
        List<String> errors = new ArrayList<>();
        String bodyNote = readErrors(headers, body, errors);
        errors.replaceAll(e -> Redaction.scrub(e, secret));
        Map<String, List<String>> visible = visibleHeaders(headers);
        String requestId = requestId(visible);
        StringBuilder msg = new StringBuilder().append(method).append(' ').append(path).append(" -> ").append(status);
        if (!errors.isEmpty()) {
            msg.append(": ").append(String.join("; ", errors));
        } else if (bodyNote != null) {
            msg.append(": ").append(bodyNote);
        }
        if (attempts > 1) {
            msg.append(" (after ").append(attempts).append(" attempts)");
        }
        if (requestId != null) {
            msg.append(" [request id ").append(requestId).append(']');
        }
        String message = Redaction.scrub(msg.toString(), secret);
        return switch (status) {
            case 401, 403 -> new AuthenticationException(message, status, errors, requestId, visible);
            case 404 -> new NotFoundException(message, status, errors, requestId, visible);
            case 409 -> new ConflictException(message, status, errors, requestId, visible);
            case 429 -> new RateLimitedException(message, errors, requestId, visible, retryAfter);
            default -> new IconikServiceException(message, status, errors, requestId, visible);
        };
    }

    /** @return the headers by lower-case name, without cookies or credentials */
    static Map<String, List<String>> visibleHeaders(HttpHeaders headers) {
        Map<String, List<String>> out = new TreeMap<>();
        headers.map().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!HIDDEN_HEADERS.contains(key) && !key.startsWith(":")) {
                out.put(key, List.copyOf(values));
            }
        });
        return out;
    }

    private static String requestId(Map<String, List<String>> headers) {
        for (String name : REQUEST_ID_HEADERS) {
            List<String> v = headers.get(name);
            if (v != null && !v.isEmpty() && !v.get(0).isBlank()) {
                return v.get(0);
            }
        }
        return null;
    }

    /** Fills {@code errors} from a JSON body; returns a note describing a body it could not read, or null. */
    private static String readErrors(HttpHeaders headers, byte[] body, List<String> errors) {
        if (body == null || body.length == 0) {
            return null;
        }
        String type = headers.firstValue("content-type").orElse("no content type");
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            return "unreadable error body (" + type + ", " + body.length + " bytes" + htmlTitle(body) + ")";
        }
        if (root == null || !root.isObject()) {
            return "unexpected error body (" + type + ", " + body.length + " bytes)";
        }
        JsonNode list = root.get("errors");
        if (list != null && list.isArray()) {
            list.forEach(e -> errors.add(e.isTextual() ? e.asText() : e.toString()));
        } else if (list != null && list.isObject()) {
            for (Map.Entry<String, JsonNode> f : list.properties()) {
                JsonNode v = f.getValue();
                String text = v.isTextual() ? v.asText()
                        : v.isArray() && v.size() == 1 && v.get(0).isTextual() ? v.get(0).asText() : v.toString();
                errors.add(f.getKey() + ": " + text);
            }
        } else if (list != null && list.isTextual()) {
            errors.add(list.asText());
        }
        for (String key : List.of("message", "error_description", "error")) {
            JsonNode v = root.get(key);
            if (errors.isEmpty() && v != null && v.isTextual() && !v.asText().isBlank()) {
                errors.add(v.asText());
            }
        }
        return errors.isEmpty() ? "error body without an errors list (" + body.length + " bytes)" : null;
    }

    private static String htmlTitle(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
        String lower = text.toLowerCase(Locale.ROOT);
        int start = lower.indexOf("<title>");
        int end = lower.indexOf("</title>");
        if (start >= 0 && end > start) {
            String title = text.substring(start + 7, end).strip().replaceAll("\\s+", " ");
            if (title.length() > 120) {
                title = title.substring(0, 120) + "…";
            }
            return ", title \"" + title + "\"";
        }
        return "";
    }
}
