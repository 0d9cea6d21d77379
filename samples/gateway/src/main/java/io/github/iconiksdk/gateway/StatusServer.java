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
import java.util.LinkedHashMap;
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
 */
final class StatusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<StatusSnapshot> status;
    private final FileReports files;
    private final byte[] page;

    private StatusServer(HttpServer server, ExecutorService executor, Supplier<StatusSnapshot> status,
                         FileReports files, byte[] page) {
        this.server = server;
        this.executor = executor;
        this.status = status;
        this.files = files;
        this.page = page;
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
        StatusServer s = new StatusServer(server, executor, status, files, loadPage());
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
                case "/status.json" -> send(x, 200, "application/json",
                        JSON.writeValueAsBytes(status.get().toMap()));
                case "/file.json" -> file(x);
                default -> send(x, 404, "text/plain; charset=utf-8",
                        ("no such page: " + path + "; try /, /status.json or /file.json?path=P\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code /file.json?path=P}: 200 with the report, 404 when the file is unknown, 400 for an unusable path. */
    private void file(HttpExchange x) throws IOException {
        String path = null;
        int code;
        Map<String, Object> body;
        try {
            path = query(x.getRequestURI().getRawQuery(), "path");
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
