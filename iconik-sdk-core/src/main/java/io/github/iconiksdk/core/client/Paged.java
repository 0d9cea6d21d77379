// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy list from iconik: pages are fetched one at a time while the caller iterates, and only the current page
 * is held in memory. Each {@link #iterator()} call starts again from the first page. A list iconik answers with
 * 404 (its way of saying "none exist") is empty. Fetching a page can throw what any call throws
 * ({@link io.github.iconiksdk.api.IconikServiceException}, {@link io.github.iconiksdk.api.IconikClientException}),
 * from {@code hasNext()} or {@code next()}.
 *
 * @param <T> the item type
 */
public interface Paged<T> extends Iterable<T> {

    /** @return a sequential stream over every item, fetching pages as the stream is consumed */
    default Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
