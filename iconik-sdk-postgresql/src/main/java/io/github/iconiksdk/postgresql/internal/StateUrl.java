// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code postgresql://[user[:password]@]host[:port][/database][?name=value&…]} state URL (libpq's URI form, as
 * {@code psql} takes it), split into the JDBC URL and the credentials, which never go into the JDBC URL or a
 * message. The parameters {@code schema} and {@code pool-size} are the SDK's; every other one is handed to the
 * driver (for example {@code sslmode}).
 *
 * @param host       the server's host name or address
 * @param port       its port, 5432 unless given
 * @param database   the database, {@code postgres} unless given
 * @param user       the user, if the URL names one (else the driver's default: the {@code PGUSER} variable or the
 *                   operating-system user)
 * @param password   the password, if the URL has one (else the driver looks in {@code ~/.pgpass})
 * @param schema     the schema the SDK's tables live in
 * @param poolSize   the most connections one process opens
 * @param parameters the driver's parameters, in the URL's order
 */
public record StateUrl(String host, int port, String database, Optional<String> user, Optional<String> password,
                       String schema, int poolSize, Map<String, String> parameters) {

    /** The schema of the SDK's tables unless the URL says {@code schema=…}. */
    public static final String DEFAULT_SCHEMA = "iconik_sdk";
    /** The pool size unless the URL says {@code pool-size=…}. */
    public static final int DEFAULT_POOL_SIZE = 10;

    /**
     * Validates the parts.
     *
     * @param host       the server's host name or address
     * @param port       its port
     * @param database   the database
     * @param user       the user, if named
     * @param password   the password, if given
     * @param schema     the schema the SDK's tables live in
     * @param poolSize   the most connections one process opens
     * @param parameters the driver's parameters
     * @throws IllegalArgumentException if the schema is not a plain lower-case SQL identifier or a number is out of
     *                                  range
     */
    public StateUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        parameters = Map.copyOf(parameters);
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("state URL: schema '" + schema
                    + "' is not a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 characters)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("state URL: port " + port + " is not between 1 and 65535");
        }
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("state URL: pool-size " + poolSize + " is not between 1 and 1000");
        }
    }

    /**
     * Whether a state URL names a PostgreSQL database (rather than, say, an SQLite file).
     *
     * @param url the URL
     * @return true for the {@code postgresql:} and {@code postgres:} schemes
     */
    public static boolean isPostgres(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://");
    }

    /**
     * Parses a state URL.
     *
     * @param url the URL
     * @return its parts
     * @throws IllegalArgumentException if it is not a {@code postgresql://} URL, or a part is malformed; the message
     *                                  shows the URL without its password
     */
    public static StateUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        if (!isPostgres(url)) {
            throw new IllegalArgumentException("state URL '" + redact(url)
                    + "' is not a postgresql://host[:port]/database URL");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("state URL '" + redact(url) + "' is malformed: " + e.getReason(), e);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("state URL '" + redact(url) + "' names no host");
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.isEmpty() || path.equals("/") ? "postgres" : decode(path.substring(1));
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        String schema = DEFAULT_SCHEMA;
        int poolSize = DEFAULT_POOL_SIZE;
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (name) {
                    case "schema":
                        schema = value;
                        break;
                    case "pool-size":
                        try {
                            poolSize = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("state URL: pool-size '" + value
                                    + "' is not a number", e);
                        }
                        break;
                    case "user":
                    case "password":
                        throw new IllegalArgumentException("state URL: put the " + name
                                + " before the host (postgresql://user:password@host/db), not in the query");
                    default:
                        parameters.put(name, value);
                }
            }
        }
        return new StateUrl(host, port, database, user, password, schema, poolSize, parameters);
    }

    /**
     * The JDBC URL of the database: host, port, database and the driver's parameters; never the credentials.
     *
     * @return {@code jdbc:postgresql://host:port/database?…}
     */
    public String jdbcUrl() {
        StringBuilder sb = new StringBuilder("jdbc:postgresql://");
        sb.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append('/')
                .append(java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
        char sep = '?';
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append(sep).append(java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return sb.toString();
    }

    /**
     * The URL as messages and logs show it: no password.
     *
     * @return {@code postgresql://user@host:port/database (schema s)}
     */
    @Override
    public String toString() {
        return "postgresql://" + user.map(u -> u + "@").orElse("") + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + port + "/" + database + " (schema " + schema + ")";
    }

    /**
     * Removes the password from a URL that may not even parse, for error messages.
     *
     * @param url a URL
     * @return the URL with {@code ***} for any password
     */
    public static String redact(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://[^/@:]*):[^/@]*@", "$1:***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
