// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.metadata;

/**
 * Where metadata views come from: iconik's {@code GET /API/metadata/v1/views/{view_id}/?merge_fields=true} through
 * the REST client, a cache in front of it, or a fixed view in tests. Implementations are thread-safe.
 */
@FunctionalInterface
public interface MetadataViewSource {

    /**
     * Fetches a view with its fields.
     *
     * @param viewId the view's id
     * @return the view
     * @throws io.github.iconiksdk.api.NotFoundException if there is no such view
     * @throws io.github.iconiksdk.api.IconikException   if it cannot be fetched
     */
    MetadataView view(String viewId);
}
