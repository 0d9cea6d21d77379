package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The minimal status endpoint of {@code run --status-port}: {@code /status.json} on 127.0.0.1 only, the daemon's
 * {@link GatewayDaemon#status()} as JSON, and {@code /} a plain page that shows the same, refreshed every two
 * seconds. JDK HTTP server, one thread; nothing it serves can change anything.
 */
final class StatusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "<!doctype html><meta charset=utf-8><title>iconik gateway</title>"
            + "<h1>iconik gateway</h1><pre id=s>loading…</pre><script>"
            + "async function r(){try{const j=await (await fetch('status.json',{cache:'no-store'})).json();"
            + "document.getElementById('s').textContent=JSON.stringify(j,null,2)}catch(e){"
            + "document.getElementById('s').textContent='gateway not answering: '+e}}r();setInterval(r,2000)"
            + "</script>";

    private final HttpServer server;

    private StatusServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving.
     *
     * @param port   the port on 127.0.0.1 (0: any free one)
     * @param status the snapshot to serve, asked for on every request
     * @return the running server
     * @throws IOException if the port cannot be bound (in use, or not allowed)
     */
    static StatusServer start(int port, Supplier<Map<String, Object>> status) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        s.createContext("/status.json", ex -> send(ex, "application/json", JSON.writeValueAsBytes(status.get())));
        s.createContext("/", ex -> {
            if (!"/".equals(ex.getRequestURI().getPath())) {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            } else {
                send(ex, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8));
            }
        });
        s.start();
        return new StatusServer(s);
    }

    /** @return the port it listens on */
    int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
        send(ex, 200, type, body);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
