// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 20's acceptance line from outside: the testkit's Python client (written the way public iconik Python
 * clients are, standard library only) runs its usual calls against the {@code fake-iconik} command, unmodified,
 * with nothing but the four lines the command prints, and every call is answered as iconik documents; the
 * transcode job it asks for runs ({@code --jobs-complete-after 1}) and makes a proxy and a poster. Skipped, saying
 * so, where there is no {@code python3}.
 */
class FakeIconikPythonClientTest {

    private static final Path SCRIPT = Path.of("..", "..", "iconik-sdk-testkit", "src", "test", "resources", "python",
            "iconik_client_check.py");

    private static boolean hasPython() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void pythonClient_runsUnmodified_againstTheFakeIconikCommand(@TempDir Path mount) throws Exception {
        assumeTrue(hasPython(), "SKIPPED: python3 is not on the PATH: the outside Python client cannot run here");
        assertTrue(Files.isRegularFile(SCRIPT), "the client script is not at " + SCRIPT.toAbsolutePath());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = GatewayMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread fake = new Thread(() -> exit.set(cl.execute("fake-iconik", "--mount-point", mount.toString(),
                "--jobs-complete-after", "1")), "fake-iconik-for-python");
        fake.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!out.toString().contains("STORAGE_ID=") && fake.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Map<String, String> printed = new HashMap<>();
            for (String line : out.toString().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    printed.put(line.substring(0, eq), line.substring(eq + 1).trim());
                }
            }
            assertEquals(4, printed.size(), "fake-iconik printed " + out + err);

            ProcessBuilder pb = new ProcessBuilder("python3", SCRIPT.toString()).redirectErrorStream(true);
            pb.environment().putAll(printed);
            pb.environment().put("JOB_WAIT_SECONDS", "30");
            Process client = pb.start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(120, TimeUnit.SECONDS), "the Python client did not finish:\n" + output);
            assertEquals(0, client.exitValue(), output);
            assertTrue(output.contains("every call answered as iconik documents"), output);
            assertTrue(output.contains("transcode job ended") && output.contains("FINISHED"), output);
        } finally {
            fake.interrupt();
            fake.join(10_000);
        }
        assertEquals(0, exit.get(), "fake-iconik exit status; stderr: " + err);
    }
}
