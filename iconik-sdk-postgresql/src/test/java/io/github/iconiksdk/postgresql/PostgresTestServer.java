// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.postgresql.internal.StateUrl;
import io.github.iconiksdk.testing.RequiredTools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The real PostgreSQL server the tests run against: {@code ICONIK_SDK_TEST_POSTGRES_URL} when set (CI's
 * {@code .ci/run} starts one with {@code .ci/test-postgres.sh}), else a throw-away server this JVM starts with that
 * script if the machine has PostgreSQL's binaries (stopped when the JVM exits). Only a machine with neither skips the
 * tests, saying why ({@link RequiredTools}: in CI, with {@code ICONIK_SDK_REQUIRE_TOOLS=1}, that fails them). A URL
 * that is set but does not answer fails the tests: CI must never skip them silently.
 */
public final class PostgresTestServer {

    /** The variable naming a running server, {@code postgresql://user@host:port/database}. */
    public static final String URL_VARIABLE = "ICONIK_SDK_TEST_POSTGRES_URL";

    private static String url;
    private static String unavailable;

    private PostgresTestServer() {
    }

    /**
     * The server's base URL, starting one if need be; skips the calling test when the machine has no server.
     *
     * @return {@code postgresql://…/database} without query
     */
    public static synchronized String url() {
        if (url == null && unavailable == null) {
            locate();
        }
        RequiredTools.require(url != null, "needs PostgreSQL: " + unavailable);
        return url;
    }

    /**
     * A state URL with a schema of its own, so that tests do not see each other's rows.
     *
     * @return {@code postgresql://…?schema=t_…}
     */
    public static String freshSchemaUrl() {
        return url() + "?schema=t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /**
     * Opens a plain JDBC connection to the test server, for assertions that look at the tables directly.
     *
     * @return a connection; the caller closes it
     * @throws SQLException if the server does not answer
     */
    public static Connection jdbc() throws SQLException {
        StateUrl parsed = StateUrl.parse(url());
        return DriverManager.getConnection(parsed.jdbcUrl(), parsed.user().orElse(null),
                parsed.password().orElse(null));
    }

    /**
     * Runs one SQL statement as the test server's superuser (to stop connections, for example).
     *
     * @param sql the statement
     * @throws SQLException if it fails
     */
    public static void execute(String sql) throws SQLException {
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void locate() {
        String fromEnvironment = System.getenv(URL_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            url = fromEnvironment.trim();
            return;
        }
        String script = System.getProperty("iconik.test.postgresScript");
        if (script == null || !Files.isExecutable(Path.of(script))) {
            unavailable = URL_VARIABLE + " is not set and the script that starts a server (.ci/test-postgres.sh) "
                    + "was not found";
            return;
        }
        try {
            Path state = Files.createTempFile("iconik-sdk-test-postgres", ".state");
            Files.delete(state);
            ProcessBuilder pb = new ProcessBuilder(script, "start").redirectErrorStream(false);
            pb.environment().put("ICONIK_SDK_TEST_POSTGRES_STATE", state.toString());
            Process p = pb.start();
            String out;
            String err;
            try (BufferedReader o = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
                 BufferedReader e = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                         StandardCharsets.UTF_8))) {
                out = o.lines().collect(Collectors.joining("\n"));
                err = e.lines().collect(Collectors.joining("\n"));
            }
            int exit = p.waitFor();
            if (exit != 0 || !out.startsWith("export " + URL_VARIABLE + "=")) {
                unavailable = URL_VARIABLE + " is not set and " + script + " start failed (exit " + exit + "): "
                        + err.strip();
                return;
            }
            url = out.substring(("export " + URL_VARIABLE + "=").length()).strip();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(script, state), "stop-test-postgres"));
        } catch (IOException e) {
            unavailable = URL_VARIABLE + " is not set and " + script + " could not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted while starting a server";
        }
    }

    private static void stop(String script, Path state) {
        try {
            ProcessBuilder pb = new ProcessBuilder(script, "stop").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("ICONIK_SDK_TEST_POSTGRES_STATE", state.toString());
            pb.start().waitFor();
        } catch (IOException e) {
            System.err.println("could not stop the test PostgreSQL server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
