// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.model.AssetCreate;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.Faults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance, in-process: {@code api --paginate GET /API/assets/v1/assets/} against the testkit's fake
 * with 5xx, 429 and reset faults on lists every asset exactly once; a 404 exits 1 with iconik's message; the token
 * is never printed.
 */
class ApiCommandFakeIconikTest {

    private static final int ASSETS = 120;
    private static FakeIconik fake;
    private static Set<String> created;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startFakeWithAssets() {
        fake = FakeIconik.builder().build().start();
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .rateLimit(RateLimitOptions.disabled()).build();
        created = new TreeSet<>();
        for (int i = 0; i < ASSETS; i++) {
            created.add(client.createAsset(new AssetCreate("clip-" + i + ".mov", "x" + i, null, null, null, null,
                    null)).id());
        }
    }

    @AfterAll
    static void stopFake() {
        fake.stop();
    }

    @BeforeEach
    void faultsOn() {
        fake.faults(Faults.none().withServerErrorRate(0.1).withRateLimitRate(0.05).withResetRate(0.1));
    }

    private int run(String... args) {
        CommandLine cl = GatewayMain.commandLine();
        Map<String, String> env = new HashMap<>();
        env.put("ICONIK_URL", fake.url());
        env.put("APP_ID", fake.appId());
        env.put("AUTH_TOKEN", fake.authToken());
        ((ApiCommand) cl.getSubcommands().get("api").getCommand()).env = env;
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void paginate_underFaults_listsEveryAssetExactlyOnce() {
        int code = run("api", "--paginate", "GET", "/API/assets/v1/assets/?per_page=10");

        assertEquals(0, code, err.toString());
        ObjectMapper json = new ObjectMapper();
        List<String> ids = out.toString().lines().map(line -> {
            try {
                return json.readTree(line).path("id").asText();
            } catch (java.io.IOException e) {
                throw new AssertionError("not one JSON object: " + line, e);
            }
        }).collect(Collectors.toList());
        assertEquals(ASSETS, ids.size(), "one line per asset");
        assertEquals(created, new TreeSet<>(ids), "every asset, none twice");
        assertFalse(out.toString().contains(fake.authToken()));
        assertFalse(err.toString().contains(fake.authToken()));
    }

    @Test
    void missingAsset_exits1WithIconiksMessageAndStatus() {
        int code = run("api", "GET", "/API/assets/v1/assets/00000000-0000-0000-0000-000000000000/");

        assertEquals(1, code);
        assertTrue(err.toString().contains("404"), err.toString());
        assertFalse(err.toString().isBlank());
        assertFalse(err.toString().contains(fake.authToken()));
        assertEquals("", out.toString());
    }
}
