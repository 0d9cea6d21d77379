package io.github.iconiksdk.gateway;

import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * The options {@code ingest} and {@code run} share: where the configuration file is, and the flags that override
 * it (flag, then environment, then file, as the ISG does).
 */
final class GatewayOptions {

    @Option(names = "--config", paramLabel = "PATH", description = "config.ini in the ISG's format.")
    Path config;

    @Option(names = "--iconik-url", paramLabel = "URL", description = "iconik's base URL (env ICONIK_URL).")
    String iconikUrl;

    @Option(names = "--auth-token", paramLabel = "T", description = "The Auth-Token (env AUTH_TOKEN). Never printed.")
    String authToken;

    @Option(names = "--app-id", paramLabel = "ID", description = "The App-ID (env APP_ID).")
    String appId;

    @Option(names = "--storage-id", paramLabel = "ID", description = "The iconik File storage (env STORAGE_ID).")
    String storageId;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Scan state and registration journal.")
    Path dataDir;

    @Option(names = "--state-url", paramLabel = "URL",
            description = "postgresql://… database shared by a fleet of gateways (env ICONIK_STATE_URL; a password"
                    + " belongs in ~/.pgpass, not here). Unset: SQLite files in the data dir.")
    String stateUrl;

    /** {@code run}'s {@code --watch} / {@code --no-watch}, or {@code null} when not given (then the file decides). */
    Boolean watch;

    /**
     * Builds and validates the configuration, credentials included.
     *
     * @param environment the process environment
     * @throws ConfigurationException naming the key, value, source and allowed range, or the missing credentials
     */
    GatewayConfig resolve(Map<String, String> environment) {
        GatewayConfig resolved = GatewayConfig.builder().configFile(config).environment(environment)
                .flag("iconik-url", iconikUrl).flag("auth-token", authToken).flag("app-id", appId)
                .flag("storage-id", storageId).flag("data-dir", dataDir == null ? null : dataDir.toString())
                .flag("watch", watch == null ? null : watch.toString()).flag("state-url", stateUrl)
                .build().requireCredentials();
        applyLogLevel(resolved.logLevel());
        return resolved;
    }

    /** The system property slf4j-simple (the sample's logging binding) reads its default level from. */
    static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /**
     * Applies the {@code log-level} key. slf4j-simple reads its level when the first logger is made, which in the
     * gateway happens only after the configuration is read; a {@code -D} given on the java command line wins.
     */
    static void applyLogLevel(String level) {
        if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
            System.setProperty(SIMPLE_LOGGER_LEVEL, level);
        }
    }
}
