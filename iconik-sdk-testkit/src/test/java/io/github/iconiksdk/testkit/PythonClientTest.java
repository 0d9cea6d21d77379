// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An outside Python client written for iconik ({@code src/test/resources/python/iconik_client_check.py}, standard
 * library only) runs its usual calls against the fake, unmodified, with the same four values {@code fake-iconik}
 * prints; every call must be answered as iconik documents, and every answer must validate against the specs. The
 * transcode job the client asks for runs ({@code jobsCompleteAfter}) and the client finds the proxy and poster it
 * made. {@code FakeIconikPythonClientTest} (samples/gateway) runs the same script against the {@code fake-iconik}
 * command.
 */
class PythonClientTest {

    private static String python() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? "python3" : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void pythonClient_runsItsUsualCalls_answeredAsIconikDocuments(@TempDir Path dir) throws Exception {
        String python = python();
        assumeTrue(python != null, "python3 is not on the PATH: the outside Python client cannot run here");
        Path script = dir.resolve("iconik_client_check.py");
        try (InputStream in = PythonClientTest.class.getResourceAsStream("/python/iconik_client_check.py")) {
            Files.copy(in, script);
        }
        // iconik's own jobs (the transcode the client asks for) end a second after they are queued
        try (FakeIconik fake = FakeIconik.builder().jobsCompleteAfter(java.time.Duration.ofSeconds(1)).build()
                .start()) {
            ProcessBuilder pb = new ProcessBuilder(python, script.toString()).redirectErrorStream(true);
            pb.environment().put("ICONIK_URL", fake.url());
            pb.environment().put("APP_ID", fake.appId());
            pb.environment().put("AUTH_TOKEN", fake.authToken());
            pb.environment().put("STORAGE_ID", fake.storageId());
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the Python client did not finish");
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("every call answered as iconik documents"), output);

            SpecValidator validator = new SpecValidator();
            List<String> problems = new ArrayList<>();
            int api = 0;
            for (RecordedRequest r : fake.requests()) {
                if (r.route() == null || !r.route().startsWith("/API/")) {
                    continue;
                }
                api++;
                for (String problem : validator.validate(r.method(), r.route(), r.status(), r.responseBody())) {
                    problems.add(r.method() + " " + r.path() + " -> " + r.status() + ": " + problem);
                }
            }
            assertEquals(List.of(), problems);
            assertTrue(api >= 40, "the Python client made only " + api + " API calls:\n" + output);
        }
    }
}
