// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ingest}: one pass of the gateway, then exit. Registers every file of the storage's mount point in iconik
 * exactly once (resuming what an earlier, interrupted run left unfinished), and prints a summary line.
 */
@Command(name = "ingest", sortOptions = false,
        footer = {"  ./iconik-gateway ingest --config /etc/iconik/config.ini \\",
                "      --data-dir /var/lib/iconik-gateway"},
        description = {"One pass of the gateway: scan the storage once, register every file, then exit.",
                "Prints a summary line on stdout; exit 0 when every file is registered, 1 when any could not be."})
final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions options;

    @Option(names = "--no-wait", description = "Do not wait for growing files to settle.")
    boolean noWait;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        GatewayConfig config;
        try {
            config = options.resolve(System.getenv());
        } catch (ConfigurationException e) {
            err.println("iconik-gateway ingest: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        }
        config.warnings().forEach(w -> err.println("warning: " + w));
        try (Gateway gateway = new Gateway(config, err)) {
            IngestSummary result = gateway.ingest(!noWait);
            spec.commandLine().getOut().println(result.summaryLine());
            return result.failed().isEmpty() ? 0 : GatewayMain.EXIT_FAILED;
        } catch (ConfigurationException e) {
            err.println("iconik-gateway ingest: " + e.getMessage());
            return GatewayMain.EXIT_USAGE;
        } catch (IconikException e) {
            err.println("iconik-gateway ingest: " + e.getMessage());
            return GatewayMain.EXIT_FAILED;
        }
    }
}
