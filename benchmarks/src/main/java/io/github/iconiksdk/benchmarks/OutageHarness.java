// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 15's outage line, measured from outside: a gateway ({@code run --status-port}) ingests a tree from the
 * standalone fake iconik; once it has registered a share of the files, iconik goes down for a while
 * ({@code PUT /__fake/faults {"5xx": 1}}), then comes back ({@code DELETE /__fake/faults}). Once a second the
 * harness reads how many requests the fake has received ({@code GET /__fake/requests/count}: API and upload URLs)
 * and the gateway's {@code /status.json}; at the end it lists the fake's assets and checks that every file is
 * registered once. Usage (benchmarks/run-outage.sh starts the fake and the gateway):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.iconiksdk.benchmarks.OutageHarness \
 *     ICONIK_URL APP_ID AUTH_TOKEN STATUS_URL FILES [START_AFTER_FILES] [OUTAGE_SECONDS]
 * </pre>
 *
 * <p>Prints one line per second (second since the outage began, requests the fake received in it, the scanner state,
 * files registered) and a summary: seconds from the outage to FAILING, the largest and mean request rate from 10 s
 * after the outage began until it ended, seconds from the end to every file registered, the files registered within
 * 5, 10 and 20 s of the end, the files the gateway reported failed, and the asset count.
 * Exit 1 when an acceptance line is not met (FAILING later than 10 s, more than 5 requests in a second of that
 * window, a file registered twice or never).
 */
public final class OutageHarness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OutageHarness() {
    }

    /**
     * Runs the outage and prints the figures.
     *
     * @param args ICONIK_URL APP_ID AUTH_TOKEN STATUS_URL FILES [START_AFTER_FILES] [OUTAGE_SECONDS]
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        String iconik = strip(args[0]);
        String app = args[1];
        String token = args[2];
        String status = strip(args[3]) + "/status.json";
        int files = Integer.parseInt(args[4]);
        int startAfter = args.length > 5 ? Integer.parseInt(args[5]) : Math.max(1, files / 5);
        int outageSeconds = args.length > 6 ? Integer.parseInt(args[6]) : 30;

        long begin = System.nanoTime();
        JsonNode s = waitFor(status, n -> n.at("/files/registered").asLong() >= startAfter, Duration.ofMinutes(10),
                "the gateway to register " + startAfter + " files");
        System.out.printf(Locale.ROOT, "gateway registered %d files after %.1f s; iconik goes down for %d s%n",
                s.at("/files/registered").asLong(), (System.nanoTime() - begin) / 1e9, outageSeconds);
        long before = count(iconik);
        send("PUT", iconik + "/__fake/faults", "{\"5xx\": 1}");
        long down = System.nanoTime();
        long last = before;
        double failingAt = -1;
        List<long[]> window = new ArrayList<>();
        System.out.println("second  requests  state     registered");
        for (int second = 1; second <= outageSeconds; second++) {
            sleepUntil(down + second * 1_000_000_000L);
            long now = count(iconik);
            JsonNode st = get(status);
            String state = st.at("/scanner/state").asText();
            if (failingAt < 0 && state.equals("FAILING")) {
                failingAt = (System.nanoTime() - down) / 1e9;
            }
            System.out.printf(Locale.ROOT, "%6d  %8d  %-8s  %10d%n", second, now - last, state,
                    st.at("/files/registered").asLong());
            if (second > 10) {
                window.add(new long[] {second, now - last});
            }
            last = now;
        }
        send("DELETE", iconik + "/__fake/faults", null);
        long up = System.nanoTime();
        long registeredAtReturn = get(status).at("/files/registered").asLong();
        System.out.printf(Locale.ROOT, "iconik is back (%d files registered)%n", registeredAtReturn);
        long[] registeredAfter = new long[3]; // 5, 10 and 20 s after iconik came back
        JsonNode end = waitFor(status, n -> {
            long registered = n.at("/files/registered").asLong();
            double since = (System.nanoTime() - up) / 1e9;
            for (int i = 0; i < registeredAfter.length; i++) {
                if (since <= 5 << i) {
                    registeredAfter[i] = registered;
                }
            }
            return registered + n.at("/files/unchanged").asLong() >= files
                    && !n.at("/scanner/state").asText().equals("FAILING");
        }, Duration.ofMinutes(10), "every file registered after the outage");
        double recovered = (System.nanoTime() - up) / 1e9;

        Map<String, Integer> titles = assets(iconik, app, token);
        int assets = titles.values().stream().mapToInt(Integer::intValue).sum();
        long twice = titles.values().stream().filter(c -> c > 1).count();
        long max = window.stream().mapToLong(w -> w[1]).max().orElse(0);
        double mean = window.stream().mapToLong(w -> w[1]).average().orElse(0);
        System.out.printf(Locale.ROOT, "FAILING after:            %s%n",
                failingAt < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", failingAt));
        System.out.printf(Locale.ROOT, "requests/s from 10 s to the end of the outage: max %d, mean %.2f%n", max,
                mean);
        System.out.printf(Locale.ROOT, "all files registered:     %.1f s after iconik came back (state %s)%n",
                recovered, end.at("/scanner/state").asText());
        System.out.printf(Locale.ROOT, "registered since iconik came back: %d within 5 s, %d within 10 s, %d within"
                + " 20 s%n", registeredAfter[0] - registeredAtReturn, registeredAfter[1] - registeredAtReturn,
                registeredAfter[2] - registeredAtReturn);
        System.out.printf(Locale.ROOT, "files reported failed:    %d (status.json files.failed at the end)%n",
                end.at("/files/failed").asLong());
        System.out.printf(Locale.ROOT, "assets in iconik:         %d for %d files, %d distinct titles, %d titles"
                + " more than once%n", assets, files, titles.size(), twice);
        boolean ok = failingAt >= 0 && failingAt <= 10 && max <= 5 && assets == files && titles.size() == files;
        System.out.println(ok ? "ACCEPTANCE: met" : "ACCEPTANCE: NOT met");
        System.exit(ok ? 0 : 1);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static long count(String iconik) throws IOException, InterruptedException {
        return get(iconik + "/__fake/requests/count").path("count").asLong();
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + " -> " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static void send(String method, String url, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException(method + " " + url + " -> " + r.statusCode() + ": " + r.body());
        }
    }

    private interface Check {
        boolean test(JsonNode status);
    }

    private static JsonNode waitFor(String status, Check check, Duration timeout, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode s;
            try {
                s = get(status);
            } catch (IOException e) {
                s = null; // the gateway is still starting
            }
            if (s != null && check.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + "; last status: " + s);
            }
            Thread.sleep(200);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /** Every asset's title in the fake, with how many assets carry it. */
    private static Map<String, Integer> assets(String iconik, String app, String token)
            throws IOException, InterruptedException {
        Map<String, Integer> titles = new HashMap<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(iconik
                            + "/API/assets/v1/assets/?per_page=500&page=" + page)).header("App-ID", app)
                    .header("Auth-Token", token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("listing assets -> " + r.statusCode() + ": " + r.body());
            }
            JsonNode body = JSON.readTree(r.body());
            JsonNode objects = body.path("objects");
            objects.forEach(a -> titles.merge(a.path("title").asText(), 1, Integer::sum));
            int pages = body.path("pages").asInt(0);
            if (objects.isEmpty() || (pages > 0 ? page >= pages : objects.size() < 500)) {
                return titles;
            }
        }
    }
}
