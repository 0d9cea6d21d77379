// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.iconiksdk.api.IconikServiceException;

import java.io.IOException;
import java.util.List;

/** Reads 2xx bodies; an answer that is not the JSON expected becomes an {@link IconikServiceException}. */
public final class Bodies {

    private Bodies() {
    }

    /**
     * @param request  what was sent
     * @param response the 2xx answer
     * @return the JSON tree, {@link MissingNode} for an empty body
     * @throws IconikServiceException if the body is not JSON
     */
    public static JsonNode tree(ApiRequest request, ApiResponse response) {
        if (response.bodyIsEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw unreadable(request, response, e);
        }
    }

    /**
     * @param request  what was sent
     * @param response the 2xx answer
     * @param type     the type to read
     * @param <T>      the type
     * @return the value, or null for an empty body
     * @throws IconikServiceException if the body is not JSON of that shape
     */
    public static <T> T read(ApiRequest request, ApiResponse response, Class<T> type) {
        if (type == Void.class || response.bodyIsEmpty()) {
            return null;
        }
        try {
            return Json.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw unreadable(request, response, e);
        }
    }

    /**
     * @param request what was sent
     * @param node    one JSON object of the answer
     * @param type    the type to read
     * @param <T>     the type
     * @return the value
     * @throws IconikServiceException if the object does not have that shape
     */
    public static <T> T convert(ApiRequest request, JsonNode node, Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IconikServiceException(request + ": iconik's answer does not match " + type.getSimpleName()
                    + ": " + firstLine(e.getMessage()), 200, List.of(), null, java.util.Map.of());
        }
    }

    private static IconikServiceException unreadable(ApiRequest request, ApiResponse response, Exception e) {
        String type = response.headers().firstValue("content-type").orElse("no content type");
        return new IconikServiceException(request + " -> " + response.status() + ": the answer is not the JSON"
                + " expected (" + type + ", " + response.body().length + " bytes): " + firstLine(e.getMessage()),
                response.status(), List.of(), null, ErrorMapper.visibleHeaders(response.headers()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
