// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.core.client.Paged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;

/**
 * A lazy list over one iconik list endpoint: holds one page at a time. The next page comes from, in order:
 * {@code next_url} (its path and query only, always sent to the client's own endpoint so the token never goes
 * elsewhere); for cursor lists, the cursor after the last object while pages come back full; for page lists,
 * {@code page + 1} while below {@code pages}. A 404 ends the list. A page among the last 64 fetched ends it with an
 * error rather than looping.
 *
 * @param <T> the item type
 */
public final class PagedList<T> implements Paged<T> {

    private static final Logger LOG = LoggerFactory.getLogger(PagedList.class);

    private final Transport transport;
    private final String firstPage;
    private final PageStyle style;
    private final int perPage;
    private final Function<JsonNode, T> reader;

    /**
     * @param transport the transport
     * @param firstPage the path and query of the first page (its {@code per_page} is set here)
     * @param style     how the endpoint pages
     * @param perPage   objects per page to ask for, or 0 to leave it to iconik
     * @param reader    turns one JSON object into an item
     */
    public PagedList(Transport transport, String firstPage, PageStyle style, int perPage,
                     Function<JsonNode, T> reader) {
        this.transport = transport;
        this.firstPage = perPage > 0 ? Query.with(firstPage, Map.of("per_page", Integer.toString(perPage)))
                : firstPage;
        this.style = style;
        this.perPage = perPage;
        this.reader = reader;
    }

    @Override
    public Iterator<T> iterator() {
        return new PageIterator();
    }

    private final class PageIterator implements Iterator<T> {
        private String next = firstPage;
        private Iterator<JsonNode> current = Collections.emptyIterator();
        /** The last pages fetched: enough to catch a server that loops, without growing with the list. */
        private final Set<String> fetched = Collections.newSetFromMap(new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > 64;
            }
        });

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (next == null) {
                    return false;
                }
                fetch();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return reader.apply(current.next());
        }

        private void fetch() {
            String path = next;
            next = null;
            if (!fetched.add(path)) {
                throw new IconikClientException("iconik sent page " + path + " twice; stopping the list rather than"
                        + " repeating it", null, false);
            }
            ApiRequest request = ApiRequest.of("GET", path, null);
            ApiResponse response;
            try {
                response = transport.execute(request);
            } catch (NotFoundException e) {
                LOG.debug("{} -> 404: end of list", request);
                current = Collections.emptyIterator();
                return;
            }
            JsonNode root = Bodies.tree(request, response);
            JsonNode objects = root.isArray() ? root : root.path("objects");
            if (!objects.isArray()) {
                // An unknown endpoint that answers one object (not a list): that object is the whole result.
                boolean single = style.auto() && root.isObject() && !root.has("objects");
                current = single ? List.of(root).iterator() : Collections.emptyIterator();
                return;
            }
            current = objects.elements();
            if (root.isArray() || objects.isEmpty()) {
                return;
            }
            next = nextPage(path, root, objects);
        }

        private String nextPage(String path, JsonNode root, JsonNode objects) {
            String nextUrl = root.path("next_url").asText("");
            if (!nextUrl.isBlank() && !root.path("next_url").isNull()) {
                return sameEndpoint(nextUrl, path);
            }
            boolean pageNumbered = root.hasNonNull("pages");
            if (style.cursorParam() != null && !(style.auto() && pageNumbered)) {
                int expected = root.path("per_page").asInt(perPage);
                JsonNode cursor = objects.get(objects.size() - 1).get(style.cursorField());
                if (expected > 0 && objects.size() >= expected && cursor != null && cursor.isValueNode()) {
                    return Query.with(path, Map.of(style.cursorParam(), cursor.asText()));
                }
                return null;
            }
            int page = root.path("page").asInt(0);
            int pages = root.path("pages").asInt(0);
            if (page > 0 && page < pages) {
                return Query.with(path, Map.of("page", Integer.toString(page + 1)));
            }
            return null;
        }
    }

    /** Keeps the path and query of {@code next_url}; a path outside /API/ gets the service prefix of the list. */
    static String sameEndpoint(String nextUrl, String listPath) {
        URI uri = URI.create(nextUrl.strip());
        String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!p.startsWith("/API/")) {
            String[] parts = listPath.split("/", 4);
            String prefix = parts.length >= 3 ? "/" + parts[1] + "/" + parts[2] : "";
            p = prefix + (p.startsWith("/") ? p : "/" + p);
        }
        return uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
    }
}
