// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

/**
 * How a list endpoint pages. Whatever the style, a non-empty {@code next_url} in the answer is followed first.
 *
 * @param cursorParam the query parameter carrying the cursor, or {@code null} for page-numbered lists
 * @param cursorField the field of the last object whose value is the next cursor
 * @param auto        whether to guess: cursor paging only when the answer has no {@code pages}
 */
public record PageStyle(String cursorParam, String cursorField, boolean auto) {

    /** {@code page}/{@code per_page} lists: follow {@code next_url}, else {@code page + 1} while below {@code pages}. */
    public static final PageStyle PAGE = new PageStyle(null, null, false);
    /** {@code per_page}/{@code last_id} lists: the next page starts after the last object's id. */
    public static final PageStyle LAST_ID = new PageStyle("last_id", "id", false);
    /** Metadata fields: {@code last_field_name} after the last field's name. */
    public static final PageStyle LAST_FIELD_NAME = new PageStyle("last_field_name", "name", false);
    /** Unknown endpoints (the {@code api} command): page style, or {@code last_id} when there is no {@code pages}. */
    public static final PageStyle AUTO = new PageStyle("last_id", "id", true);
}
