// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A minimal stand-in for iconik on 127.0.0.1 for the client benchmark: answers {@code GET
 * /API/assets/v1/assets/{id}/} with a fixed asset (about 600 bytes of JSON, the shape iconik sends), and 401 when
 * the credential headers are missing. Prints {@code PORT=<n>} and serves until killed. It is deliberately cheap,
 * so that the benchmark measures the client and the loopback, not the server.
 */
public final class LoopbackIconik {

    private LoopbackIconik() {
    }

    /**
     * @param args optional port (0 or none: any free port)
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        byte[] asset = ("{\"id\":\"6f1e3c52-6f5b-11ee-9c2b-0242ac120002\",\"title\":\"A001_C003_0921XY.mov\","
                + "\"external_id\":\"nas1:/Projects/2026/A001_C003_0921XY.mov\",\"type\":\"ASSET\","
                + "\"status\":\"ACTIVE\",\"category\":null,\"is_online\":true,\"archive_status\":\"NOT_ARCHIVED\","
                + "\"analyze_status\":\"N/A\",\"face_recognition_status\":\"N/A\",\"is_blocked\":false,"
                + "\"in_collections\":[\"0b7e0d2a-6f5c-11ee-9c2b-0242ac120002\"],\"favoured\":false,"
                + "\"created_by_user\":\"2c9a3f10-6f5c-11ee-9c2b-0242ac120002\",\"warning\":null,"
                + "\"date_created\":\"2026-09-11T02:18:29.708000+00:00\","
                + "\"date_modified\":\"2026-09-11T02:18:31.112000+00:00\",\"versions\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.createContext("/API/assets/v1/assets/", ex -> {
            ex.getRequestBody().readAllBytes();
            boolean authorised = ex.getRequestHeaders().getFirst("App-ID") != null
                    && ex.getRequestHeaders().getFirst("Auth-Token") != null;
            byte[] body = authorised ? asset : "{\"errors\":[\"Unauthorized\"]}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(authorised ? 200 : 401, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        System.out.println("PORT=" + server.getAddress().getPort());
        System.out.flush();
    }
}
