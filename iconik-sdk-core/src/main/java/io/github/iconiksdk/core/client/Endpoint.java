// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where iconik is: scheme, host and optional port, for example {@code https://app.iconik.io}. Every API path
 * ({@code /API/<service>/v1/...}) is resolved against it.
 */
public final class Endpoint {

    /** iconik's main (US) region, {@code https://app.iconik.io}. */
    public static final Endpoint APP = new Endpoint(URI.create("https://app.iconik.io"));
    /** iconik's EU region, {@code https://eu.iconik.io}. */
    public static final Endpoint EU = new Endpoint(URI.create("https://eu.iconik.io"));

    private final URI base;

    private Endpoint(URI base) {
        this.base = base;
    }

    /**
     * A custom host such as {@code https://preview.iconik.cloud}, or a local fake ({@code http://127.0.0.1:8080}).
     * A bare host name gets {@code https://}; a trailing {@code /} or {@code /API} suffix is dropped.
     *
     * @param url the base URL
     * @return the endpoint
     * @throws NullPointerException     if {@code url} is null
     * @throws IllegalArgumentException if it is not an http(s) URL with a host, or has a query or fragment
     */
    public static Endpoint of(String url) {
        Objects.requireNonNull(url, "url");
        String text = url.strip();
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid iconik URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("iconik URL must be http or https: " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("iconik URL has no host: " + url);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("iconik URL must not carry a query, fragment or user info: " + url);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equalsIgnoreCase("/API")) {
            path = "";
        }
        if (!path.isEmpty()) {
            throw new IllegalArgumentException("iconik URL must be a bare host (paths start with /API/...): " + url);
        }
        return new Endpoint(URI.create(scheme + "://" + uri.getRawAuthority()));
    }

    /** @return the base URI, with no path */
    public URI uri() {
        return base;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint other && other.base.equals(base);
    }

    @Override
    public int hashCode() {
        return base.hashCode();
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
