// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.iconiksdk.core.client.internal.Query;
import io.github.iconiksdk.core.client.model.AssetFile;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A server holding {@code total} objects, paged the two ways iconik pages: by page number with {@code next_url}
 * ({@code /API/assets/v1/assets/}) and by {@code last_id} cursor ({@code /API/files/v1/assets/a/files/}), with a
 * server-side page size that may be smaller than the client asks for.
 */
class PaginationPropertiesTest {

    private static HttpServer server;
    private static volatile int total;
    private static volatile int serverPageSize;
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @BeforeContainer
    static void start() throws IOException {
        // The JDK server otherwise writes headers and body in two packets that meet delayed ACKs (~40 ms a call).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/API/assets/v1/assets/", ex -> pageStyle(ex));
        server.createContext("/API/files/v1/assets/a/files/", ex -> cursorStyle(ex));
        server.start();
    }

    @AfterContainer
    static void stop() {
        server.stop(0);
    }

    private static int perPage(HttpExchange ex) {
        String asked = Query.param(ex.getRequestURI().toString(), "per_page");
        return Math.min(asked == null ? 10 : Integer.parseInt(asked), serverPageSize);
    }

    private static void pageStyle(HttpExchange ex) throws IOException {
        REQUESTS.incrementAndGet();
        String uri = ex.getRequestURI().toString();
        int perPage = perPage(ex);
        String pageParam = Query.param(uri, "page");
        int page = pageParam == null ? 1 : Integer.parseInt(pageParam);
        int pages = Math.max(1, (total + perPage - 1) / perPage);
        int from = (page - 1) * perPage;
        String objects = objects(from, Math.min(total, from + perPage));
        String next = page < pages ? ",\"next_url\":\"http://elsewhere.example" + Query.with(uri,
                java.util.Map.of("page", Integer.toString(page + 1))) + "\"" : "";
        respond(ex, "{\"objects\":" + objects + ",\"page\":" + page + ",\"pages\":" + pages + ",\"per_page\":"
                + perPage + ",\"total\":" + total + next + "}");
    }

    private static void cursorStyle(HttpExchange ex) throws IOException {
        REQUESTS.incrementAndGet();
        int perPage = perPage(ex);
        String lastId = Query.param(ex.getRequestURI().toString(), "last_id");
        int from = lastId == null ? 0 : Integer.parseInt(lastId.substring(1)) + 1;
        if (from >= total && total > 0 && lastId != null) {
            respond404(ex);
            return;
        }
        respond(ex, "{\"objects\":" + objects(from, Math.min(total, from + perPage)) + ",\"per_page\":" + perPage
                + "}");
    }

    private static String objects(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"id\":\"o" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static void respond(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void respond404(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(404, -1);
        ex.close();
    }

    private static IconikClient client() {
        RecordingSleeper sleeper = new RecordingSleeper();
        return IconikClient.builder().endpoint("http://127.0.0.1:" + server.getAddress().getPort())
                .credentials("app", "token").rateLimit(RateLimitOptions.disabled()).sleeper(sleeper)
                .clock(Clock.systemUTC(), sleeper::nanoTime).build();
    }

    private static List<String> expected() {
        return IntStream.range(0, total).mapToObj(i -> "o" + i).collect(Collectors.toList());
    }

    @Property(tries = 20)
    void pageStyle_listsEveryObjectOnceInOrder(@ForAll @IntRange(min = 0, max = 450) int objects,
                                               @ForAll @IntRange(min = 3, max = 120) int pageSize) {
        total = objects;
        serverPageSize = pageSize;

        List<String> ids = client().paginate("/API/assets/v1/assets/?per_page=50", java.util.Map.class).stream()
                .map(m -> (String) m.get("id")).collect(Collectors.toList());

        assertEquals(expected(), ids);
    }

    @Property(tries = 20)
    void cursorStyle_listsEveryObjectOnceInOrder(@ForAll @IntRange(min = 0, max = 450) int objects,
                                                 @ForAll @IntRange(min = 3, max = 120) int pageSize) {
        total = objects;
        serverPageSize = pageSize;
        REQUESTS.set(0);

        List<String> ids = client().listFiles("a").stream().map(AssetFile::id).collect(Collectors.toList());

        assertEquals(expected(), ids);
        int perPage = Math.min(100, pageSize);
        assertEquals(objects / perPage + 1, REQUESTS.get(), "one request per page, plus one that comes back short,"
                + " empty or 404");
    }
}
