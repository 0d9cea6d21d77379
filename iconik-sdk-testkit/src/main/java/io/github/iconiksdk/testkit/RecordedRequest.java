// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import java.time.Instant;

/**
 * One request the fake iconik received, as its journal keeps it. Header values are not kept (they carry the
 * Auth-Token).
 *
 * @param time when it arrived
 * @param method the HTTP method
 * @param path the path as sent, without the query
 * @param query the query string, or empty
 * @param route the iconik route template that served it ({@code /API/files/v1/storages/{storage_id}/}), or null
 *     when none matched
 * @param status the status answered, or 0 when the connection was reset
 * @param fault the fault injected, or null
 * @param applied whether the request's change (if any) was made
 * @param requestBody the request body as text (empty for none or for binary uploads)
 * @param responseBody the response body as text (empty for none)
 */
public record RecordedRequest(Instant time, String method, String path, String query, String route, int status,
                              FaultKind fault, boolean applied, String requestBody, String responseBody) {
}
