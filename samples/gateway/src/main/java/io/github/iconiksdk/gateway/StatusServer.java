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
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The status page of {@code run --status-port}: the JDK's HTTP server on 127.0.0.1 only, serving {@code /} (a
 * small page for people that reads {@code /status.json} every second and updates itself in place) and
 * {@code /status.json} (the {@link StatusSnapshot} for programs). Read-only: GET and HEAD, nothing else.
 */
final class StatusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<StatusSnapshot> status;
    private final byte[] page;

    private StatusServer(HttpServer server, ExecutorService executor, Supplier<StatusSnapshot> status, byte[] page) {
        this.server = server;
        this.executor = executor;
        this.status = status;
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
        StatusServer s = new StatusServer(server, executor, status, loadPage());
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
                default -> send(x, 404, "text/plain; charset=utf-8",
                        ("no such page: " + path + "; try / or /status.json\n").getBytes(StandardCharsets.UTF_8));
            }
        }
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
