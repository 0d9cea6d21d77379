// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The status page of {@code run --status-port}: the JDK's HTTP server on 127.0.0.1 only, serving {@code /} (a
 * small page for people that reads {@code /status.json} every second and updates itself in place, with charts
 * drawn in the page itself: nothing is loaded from elsewhere, so it works offline), {@code /status.json} (the
 * {@link StatusSnapshot} for programs) and {@code /file.json?path=P} (one file's state, {@link FileReports}).
 * Read-only: GET and HEAD, nothing else.
 *
 * <p>One process may serve several storages ({@code run} with several storage ids): then {@code /status.json} is
 * the first storage's object with, under {@code storages}, one such object per storage in the order given (so that
 * a program written for one storage keeps reading the first), the page offers a choice of storage, and
 * {@code /file.json} takes {@code storage=ID} (default the first).
 */
final class StatusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Served> storages;
    private final byte[] page;

    private StatusServer(HttpServer server, ExecutorService executor, List<Served> storages, byte[] page) {
        this.server = server;
        this.executor = executor;
        this.storages = storages;
        this.page = page;
    }

    /**
     * One storage the page shows.
     *
     * @param storageId the storage's id
     * @param status    where its readings come from
     * @param files     where one of its files' state comes from, or null when the search has nothing to look in
     */
    record Served(String storageId, Supplier<StatusSnapshot> status, FileReports files) {
        Served {
            Objects.requireNonNull(storageId, "storageId");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port   the port, or 0 for any free one (see {@link #port()})
     * @param status where readings come from
     * @return the running server
     * @throws UncheckedIOException naming the port when it cannot be bound (for example, it is taken)
     */
    static StatusServer start(int port, Supplier<StatusSnapshot> status) {
        return start(port, status, null);
    }

    /**
     * Starts serving on 127.0.0.1, with the file search.
     *
     * @param port   the port, or 0 for any free one (see {@link #port()})
     * @param status where readings come from
     * @param files  where one file's state comes from, or null when the search has nothing to look in
     * @return the running server
     * @throws UncheckedIOException naming the port when it cannot be bound (for example, it is taken)
     */
    static StatusServer start(int port, Supplier<StatusSnapshot> status, FileReports files) {
        Objects.requireNonNull(status, "status");
        return start(port, List.of(new Served("", status, files)));
    }

    /**
     * Starts serving on 127.0.0.1 the status of one or several storages.
     *
     * @param port     the port, or 0 for any free one (see {@link #port()})
     * @param storages the storages, the first shown by default; at least one, ids distinct
     * @return the running server
     * @throws IllegalArgumentException when no storage is given or an id is given twice
     * @throws UncheckedIOException naming the port when it cannot be bound (for example, it is taken)
     */
    static StatusServer start(int port, List<Served> storages) {
        List<Served> served = List.copyOf(storages);
        if (served.isEmpty() || served.stream().map(Served::storageId).distinct().count() != served.size()) {
            throw new IllegalArgumentException("the status page needs one or more storages with distinct ids: "
                    + served.stream().map(Served::storageId).toList());
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("status port must be between 0 and 65535, not " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the status page on 127.0.0.1:" + port + ": " + e.getMessage(),
                    e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gateway-status-page");
            t.setDaemon(true);
            return t;
        });
        StatusServer s = new StatusServer(server, executor, served, loadPage());
        server.createContext("/", s::handle);
        server.setExecutor(executor);
        server.start();
        return s;
    }

    /** @return the port served (the one chosen when 0 was asked for) */
    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                x.getResponseHeaders().set("Allow", "GET, HEAD");
                send(x, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = x.getRequestURI().getPath();
            switch (path) {
                case "/" -> send(x, 200, "text/html; charset=utf-8", page);
                case "/status.json" -> send(x, 200, "application/json", JSON.writeValueAsBytes(statusJson()));
                case "/file.json" -> file(x);
                default -> send(x, 404, "text/plain; charset=utf-8",
                        ("no such page: " + path + "; try /, /status.json or /file.json?path=P\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The first storage's reading, with every storage's under {@code storages} when there are several. */
    private Map<String, Object> statusJson() {
        Map<String, Object> first = storages.get(0).status().get().toMap();
        if (storages.size() == 1) {
            return first;
        }
        Map<String, Object> out = new LinkedHashMap<>(first);
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(first);
        storages.stream().skip(1).forEach(s -> all.add(s.status().get().toMap()));
        out.put("storages", all);
        return out;
    }

    /** {@code /file.json?path=P}: 200 with the report, 404 when the file is unknown, 400 for an unusable path. */
    private void file(HttpExchange x) throws IOException {
        String path = null;
        int code;
        Map<String, Object> body;
        try {
            String raw = x.getRequestURI().getRawQuery();
            path = query(raw, "path");
            FileReports files = storage(query(raw, "storage")).files();
            Optional<Map<String, Object>> report = files == null ? Optional.empty() : files.report(path);
            if (report.isPresent()) {
                code = 200;
                body = report.get();
            } else {
                code = 404;
                body = message(FileReports.checkPath(path), "the gateway has not seen " + FileReports.checkPath(path)
                        + ": it is not registered and nothing happened to it in this run (not on the storage,"
                        + " ignored by a scan pattern, still growing, or not scanned yet)");
            }
        } catch (IllegalArgumentException e) {
            code = 400;
            body = message(path, e.getMessage());
        }
        send(x, code, "application/json", JSON.writeValueAsBytes(body));
    }

    /** The storage a {@code storage=ID} parameter names; the first when it is absent. */
    private Served storage(String id) {
        if (id == null || id.isEmpty()) {
            return storages.get(0);
        }
        return storages.stream().filter(s -> s.storageId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("storage: this gateway serves no storage " + id
                        + "; it serves " + String.join(", ", storages.stream().map(Served::storageId).toList())));
    }

    private static Map<String, Object> message(String path, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("message", message);
        return m;
    }

    /** The first value of a query parameter, decoded; null when absent. */
    static String query(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange x, int code, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] loadPage() {
        try (InputStream in = StatusServer.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IllegalStateException("status.html is missing from the gateway's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops serving at once; requests in flight are cut. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
