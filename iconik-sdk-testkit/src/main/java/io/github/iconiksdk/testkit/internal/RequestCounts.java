// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How many requests the fake answered, per method, path and status: a counter that, unlike the journal, forgets
 * nothing. Distinct keys grow with distinct paths (one per object a client touched), not with requests.
 * Thread-safe.
 */
public final class RequestCounts {

    private record Key(String method, String path, int status) {
    }

    private final Map<Key, long[]> counts = new HashMap<>();

    /**
     * Counts one request.
     *
     * @param method its method, upper case
     * @param path its path, without the query
     * @param status the status answered, 0 when the connection was reset
     */
    public synchronized void add(String method, String path, int status) {
        counts.computeIfAbsent(new Key(method, path, status), k -> new long[1])[0]++;
    }

    /**
     * Counts the requests that match every filter given.
     *
     * @param method a method (any case), or null for any
     * @param path a regular expression the whole path must match, or null for any
     * @param status a status, or null for any
     * @return how many requests matched since start or the last {@link #clear()}
     */
    public synchronized long count(String method, Pattern path, Integer status) {
        long n = 0;
        for (Map.Entry<Key, long[]> e : counts.entrySet()) {
            Key k = e.getKey();
            if ((method == null || method.equalsIgnoreCase(k.method()))
                    && (status == null || status == k.status())
                    && (path == null || path.matcher(k.path()).matches())) {
                n += e.getValue()[0];
            }
        }
        return n;
    }

    /** Forgets every count. */
    public synchronized void clear() {
        counts.clear();
    }
}
