// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.IconikServiceException;
import io.github.iconiksdk.core.client.Endpoint;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.Paged;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code api [--paginate] METHOD PATH [--data JSON]}: one call of iconik's REST API through the SDK's client
 * (retries, rate limit, error mapping), like {@code gh api}. Prints the JSON body on stdout; with
 * {@code --paginate}, every object of every page, one per line. An error status prints iconik's message and the
 * status on stderr and exits 1. Credentials come from the flags, then {@code ICONIK_URL}, {@code APP_ID} and
 * {@code AUTH_TOKEN}, then {@code --config}'s file; the token is never printed.
 */
@Command(name = "api",
        footer = {"  ./iconik-gateway api --paginate GET /API/assets/v1/assets/",
                "  ./iconik-gateway api POST /API/assets/v1/collections/ \\",
                "      --data '{\"title\": \"Dailies\"}'"},
        description = "Call iconik's REST API through the SDK's client and print the JSON answer.")
final class ApiCommand implements Callable<Integer> {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    @Parameters(index = "0", paramLabel = "METHOD", description = "GET, POST, PUT, PATCH or DELETE.")
    String method;

    @Parameters(index = "1", paramLabel = "PATH", description = "An API path such as /API/assets/v1/assets/, "
            + "with an optional query.")
    String path;

    @Option(names = "--data", paramLabel = "JSON", description = "The request body (JSON).")
    String data;

    @Option(names = "--paginate", description = "Follow every page of a list and print one object per line.")
    boolean paginate;

    @Option(names = "--iconik-url", paramLabel = "URL", description = "iconik's URL (env ICONIK_URL; default "
            + "https://app.iconik.io).")
    String iconikUrl;

    @Option(names = "--config", paramLabel = "PATH", description = "A config.ini to read iconik-url, app-id, "
            + "auth-token and http-proxy from (flags and environment win).")
    Path configFile;

    @Option(names = "--app-id", paramLabel = "ID", description = "The App-ID (env APP_ID).")
    String appId;

    @Option(names = "--auth-token", paramLabel = "TOKEN", description = "The Auth-Token (env AUTH_TOKEN).")
    String authToken;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String m = method.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(m)) {
            err.println("METHOD must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS: " + method);
            return GatewayMain.EXIT_USAGE;
        }
        String p = path.strip();
        if (p.startsWith("http://") || p.startsWith("https://")) {
            err.println("PATH must be a path such as /API/assets/v1/assets/ (set the host with --iconik-url): " + p);
            return GatewayMain.EXIT_USAGE;
        }
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        if (paginate && (!m.equals("GET") || data != null)) {
            err.println("--paginate works with GET and no --data");
            return GatewayMain.EXIT_USAGE;
        }
        if (data != null) {
            try {
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(data);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                err.println("--data is not JSON: " + e.getOriginalMessage());
                return GatewayMain.EXIT_USAGE;
            }
        }
        GatewayConfig config;
        try {
            config = GatewayConfig.builder().configFile(configFile).environment(env)
                    .flag("iconik-url", blankToNull(iconikUrl))
                    .flag("app-id", blankToNull(appId))
                    .flag("auth-token", blankToNull(authToken))
                    .build();
        } catch (ConfigurationException e) {
            err.println(e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        String id = config.appId().filter(v -> !v.isBlank()).orElse(null);
        String token = config.authToken().filter(v -> !v.isBlank()).orElse(null);
        if (id == null || token == null) {
            err.println("credentials missing: give " + (id == null ? "--app-id (or APP_ID, or app-id in config.ini)"
                    : "") + (id == null && token == null ? " and " : "")
                    + (token == null ? "--auth-token (or AUTH_TOKEN, or auth-token in config.ini)" : ""));
            return GatewayMain.EXIT_USAGE;
        }
        IconikClient client;
        try {
            IconikClient.Builder builder = IconikClient.builder()
                    .endpoint(Endpoint.of(config.iconikUrl().toString()))
                    .credentials(id, token);
            config.httpProxy().ifPresent(proxy -> builder.proxy(InetSocketAddress.createUnresolved(proxy.getHost(),
                    proxy.getPort() < 0 ? 80 : proxy.getPort())));
            client = builder.build();
        } catch (IllegalArgumentException e) {
            err.println("iconik-url (" + config.sourceOf("iconik-url") + "): " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        try {
            if (paginate) {
                Paged<String> objects = client.paginate(p);
                for (Iterator<String> it = objects.iterator(); it.hasNext(); ) {
                    out.println(it.next());
                    out.flush();
                }
            } else {
                String body = client.send(m, p, data);
                if (!body.isEmpty()) {
                    out.println(body.strip());
                }
                out.flush();
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("PATH: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        } catch (IconikServiceException e) {
            out.flush();
            if (e.errors().isEmpty()) {
                err.println(e.getMessage());
            } else {
                err.println("iconik answered " + e.status() + ": " + String.join("; ", e.errors())
                        + e.requestId().map(r -> " (request id " + r + ")").orElse(""));
            }
            return GatewayMain.EXIT_FAILED;
        } catch (IconikClientException e) {
            out.flush();
            err.println(e.getMessage()
                    + (e.mayHaveBeenApplied() && !m.equals("GET") ? " (iconik may have applied it)" : ""));
            return GatewayMain.EXIT_FAILED;
        } catch (IconikException e) {
            out.flush();
            err.println(e.getMessage());
            return GatewayMain.EXIT_FAILED;
        }
    }

    private static String blankToNull(String flag) {
        return flag == null || flag.isBlank() ? null : flag.strip();
    }
}
