// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of the fake: a status, a JSON body or raw bytes, and headers.
 *
 * @param status the HTTP status
 * @param body the JSON body, or null for none
 * @param raw a non-JSON body, or null
 * @param headers extra headers
 */
public record Reply(int status, JsonNode body, byte[] raw, Map<String, String> headers) {

    /**
     * A JSON answer.
     *
     * @param status the HTTP status
     * @param body the body
     * @return the reply
     */
    public static Reply json(int status, JsonNode body) {
        return new Reply(status, body, null, new LinkedHashMap<>());
    }

    /**
     * An answer with no body.
     *
     * @param status the HTTP status
     * @return the reply
     */
    public static Reply empty(int status) {
        return new Reply(status, null, null, new LinkedHashMap<>());
    }

    /**
     * An answer with a raw body.
     *
     * @param status the HTTP status
     * @param contentType its content type
     * @param raw the bytes
     * @return the reply
     */
    public static Reply raw(int status, String contentType, byte[] raw) {
        Reply r = new Reply(status, null, raw, new LinkedHashMap<>());
        r.headers.put("Content-Type", contentType);
        return r;
    }

    /**
     * Adds a header.
     *
     * @param name its name
     * @param value its value
     * @return this reply
     */
    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
