// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import java.util.Objects;

/**
 * One request to iconik.
 *
 * @param method       the HTTP method, upper case
 * @param pathAndQuery the path from the endpoint root, starting {@code /API/}, with an optional query
 * @param body         the JSON body, or {@code null}
 * @param idempotent   whether sending it twice has the same effect as once (decides what may be retried)
 */
public record ApiRequest(String method, String pathAndQuery, byte[] body, boolean idempotent) {

    /** @throws NullPointerException if method or path is null */
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    }

    /**
     * A request with the usual idempotency of its method: everything but POST. PATCH counts as idempotent
     * because iconik's PATCH sets the fields given to the values given; callers mark the exceptions.
     *
     * @param method       the method
     * @param pathAndQuery the path and query
     * @param body         the body or null
     * @return the request
     */
    public static ApiRequest of(String method, String pathAndQuery, byte[] body) {
        return new ApiRequest(method, pathAndQuery, body, !method.equals("POST"));
    }

    /** @return the path without its query, for messages */
    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    @Override
    public String toString() {
        return method + " " + path();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiRequest r && r.method.equals(method) && r.pathAndQuery.equals(pathAndQuery)
                && java.util.Arrays.equals(r.body, body) && r.idempotent == idempotent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, pathAndQuery, java.util.Arrays.hashCode(body), idempotent);
    }
}
