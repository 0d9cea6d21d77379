// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FakeIconikCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A running {@code fake-iconik}: its printed lines, and how to stop it. */
    private record Running(Thread thread, AtomicInteger exit, Map<String, String> vars, StringWriter err) {
        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            return exit.get();
        }
    }

    private static Running run(String... args) throws InterruptedException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GatewayMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        String[] all = new String[args.length + 1];
        all[0] = "fake-iconik";
        System.arraycopy(args, 0, all, 1, args.length);
        Thread t = new Thread(() -> exit.set(cl.execute(all)), "fake-iconik-under-test");
        t.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!out.toString().contains("STORAGE_ID=") && t.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Map<String, String> vars = new HashMap<>();
        for (String line : out.toString().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                vars.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return new Running(t, exit, vars, err);
    }

    private static HttpResponse<String> get(String url, String appId, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (appId != null) {
            b.header("App-ID", appId).header("Auth-Token", token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rateLimit_answers429WithRetryAfter_beyondTheBurst(@TempDir Path mount) throws Exception {
        Running r = run("--mount-point", mount.toString(), "--rate-limit", "0.2", "--rate-limit-burst", "3");
        try {
            String url = r.vars().get("ICONIK_URL") + "/API/assets/v1/assets/";
            int ok = 0;
            HttpResponse<String> refused = null;
            // one request refilled every 5 s: a dozen requests in a row cannot all pass a bucket of 3
            for (int i = 0; i < 12 && refused == null; i++) {
                HttpResponse<String> answer = get(url, r.vars().get("APP_ID"), r.vars().get("AUTH_TOKEN"));
                if (answer.statusCode() == 429) {
                    refused = answer;
                } else {
                    assertEquals(200, answer.statusCode(), answer.body());
                    ok++;
                }
            }
            assertTrue(refused != null, "no 429 in 12 requests against --rate-limit 0.2");
            assertTrue(ok >= 3, "the burst of 3 was not allowed: " + ok);
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().toString());
        } finally {
            r.stop();
        }
    }

    @Test
    void rateLimit_negative_isRefusedNamingTheOption(@TempDir Path mount) throws Exception {
        Running r = run("--mount-point", mount.toString(), "--rate-limit", "-1");
        r.thread().join(10_000);
        assertEquals(2, r.exit().get());
        assertTrue(r.err().toString().contains("--rate-limit"), r.err().toString());
    }

    @Test
    void fakeIconik_printsFourLines_servesThePageEnvelope_and401WithoutCredentials(@TempDir Path mount)
            throws Exception {
        Running r = run("--mount-point", mount.toString(), "--storage-setting", "upload_files=true");
        try {
            assertEquals(4, r.vars().size(), r.vars().toString());
            String url = r.vars().get("ICONIK_URL");
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            HttpResponse<String> ok = get(url + "/API/assets/v1/assets/", r.vars().get("APP_ID"),
                    r.vars().get("AUTH_TOKEN"));
            assertEquals(200, ok.statusCode());
            JsonNode page = JSON.readTree(ok.body());
            assertTrue(page.get("objects").isArray());
            assertEquals(1, page.get("page").asInt());
            assertEquals(401, get(url + "/API/assets/v1/assets/", null, null).statusCode());
            JsonNode storage = JSON.readTree(get(url + "/API/files/v1/storages/" + r.vars().get("STORAGE_ID") + "/",
                    r.vars().get("APP_ID"), r.vars().get("AUTH_TOKEN")).body());
            assertEquals(mount.toAbsolutePath().normalize().toString(),
                    storage.get("settings").get("mount_point").asText());
            assertTrue(storage.get("settings").get("upload_files").asBoolean());
            assertFalse(r.err().toString().contains(r.vars().get("AUTH_TOKEN")));
        } finally {
            assertEquals(0, r.stop());
        }
    }

    @Test
    void fakeIconik_withState_keepsItsCredentialsAcrossRestarts(@TempDir Path state) throws Exception {
        Running first = run("--state", state.toString());
        Map<String, String> before = first.vars();
        assertEquals(0, first.stop());
        Running second = run("--state", state.toString());
        try {
            assertEquals(before.get("APP_ID"), second.vars().get("APP_ID"));
            assertEquals(before.get("AUTH_TOKEN"), second.vars().get("AUTH_TOKEN"));
            assertEquals(before.get("STORAGE_ID"), second.vars().get("STORAGE_ID"));
        } finally {
            assertEquals(0, second.stop());
        }
    }

    @Test
    void faultOptions_reachTheFake() throws Exception {
        Running r = run("--fault-429", "1");
        try {
            HttpResponse<String> limited = get(r.vars().get("ICONIK_URL") + "/API/assets/v1/assets/",
                    r.vars().get("APP_ID"), r.vars().get("AUTH_TOKEN"));
            assertEquals(429, limited.statusCode());
            assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
        } finally {
            assertEquals(0, r.stop());
        }
    }

    @Test
    void portInUse_exits1WithTheReason() {
        try (io.github.iconiksdk.testkit.FakeIconik busy = io.github.iconiksdk.testkit.FakeIconik.builder().build()
                .start()) {
            StringWriter err = new StringWriter();
            CommandLine cl = GatewayMain.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new StringWriter(), true));
            assertEquals(GatewayMain.EXIT_FAILED, cl.execute("fake-iconik", "--port", String.valueOf(busy.port())));
            assertTrue(err.toString().contains("cannot start"), err.toString());
        }
    }

    @Test
    void filesStorageMethod_makesThatMethodsStorageTheDefaultForFiles() throws Exception {
        Running r = run("--files-storage-method", "azure");
        try {
            HttpResponse<String> files = get(r.vars().get("ICONIK_URL") + "/API/files/v1/storages/FILES/default/",
                    r.vars().get("APP_ID"), r.vars().get("AUTH_TOKEN"));
            assertEquals(200, files.statusCode(), files.body());
            assertEquals("AZURE", JSON.readTree(files.body()).get("method").asText());
        } finally {
            assertEquals(0, r.stop());
        }
    }

    @Test
    void badOptions_exit2NamingTheOption() {
        for (String[] args : new String[][] {
                {"fake-iconik", "--fault-5xx", "1.5"},
                {"fake-iconik", "--fault-429", "0.6", "--fault-reset", "0.6"},
                {"fake-iconik", "--latency-ms", "-1"},
                {"fake-iconik", "--storage-setting", "growing_files_threshold=\"ten\""},
                {"fake-iconik", "--storage-setting", "nokey"},
                {"fake-iconik", "--jobs-complete-after", "-1"},
                {"fake-iconik", "--files-storage-method", "FTP"},
        }) {
            StringWriter err = new StringWriter();
            CommandLine cl = GatewayMain.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new StringWriter(), true));
            assertEquals(GatewayMain.EXIT_USAGE, cl.execute(args), String.join(" ", args));
            String option = args[1];
            assertTrue(err.toString().contains(option), err.toString());
        }
    }

    private static HttpResponse<String> send(String method, String url, Map<String, String> vars, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (vars != null) {
            b.header("App-ID", vars.get("APP_ID")).header("Auth-Token", vars.get("AUTH_TOKEN"));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jobsCompleteAfter_andTheControlSurface_reachTheStandaloneFake() throws Exception {
        Running r = run("--jobs-complete-after", "0");
        try {
            Map<String, String> v = r.vars();
            String url = v.get("ICONIK_URL");
            String assetId = JSON.readTree(send("POST", url + "/API/assets/v1/assets/", v, "{\"title\": \"a.mov\"}")
                    .body()).get("id").asText();
            String a = url + "/API/files/v1/assets/" + assetId;
            String formatId = JSON.readTree(send("POST", a + "/formats/", v, "{\"name\": \"ORIGINAL\"}").body())
                    .get("id").asText();
            String fsId = JSON.readTree(send("POST", a + "/file_sets/", v, "{\"name\": \"a.mov\", \"format_id\": \""
                    + formatId + "\"}").body()).get("id").asText();
            String fileId = JSON.readTree(send("POST", a + "/files/", v, "{\"original_name\": \"a.mov\","
                    + " \"file_set_id\": \"" + fsId + "\"}").body()).get("id").asText();
            String jobId = JSON.readTree(send("POST", a + "/files/" + fileId + "/keyframes/", v, "{}").body())
                    .get("job_id").asText();
            assertEquals("FINISHED", JSON.readTree(send("GET", url + "/API/jobs/v1/jobs/" + jobId + "/", v, null)
                    .body()).get("status").asText());
            assertEquals(1, JSON.readTree(send("GET", a + "/proxies/", v, null).body()).get("objects").size());

            assertEquals(5, JSON.readTree(send("GET", url + "/__fake/requests/count?method=POST", null, null)
                    .body()).get("count").asInt());
            assertEquals(200, send("PUT", url + "/__fake/faults", null, "{\"5xx\": 1}").statusCode());
            assertTrue(send("GET", a + "/proxies/", v, null).statusCode() >= 500);
            assertEquals(204, send("DELETE", url + "/__fake/faults", null, null).statusCode());
            assertEquals(200, send("GET", a + "/proxies/", v, null).statusCode());
        } finally {
            assertEquals(0, r.stop());
        }
    }
}
