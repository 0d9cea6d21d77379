// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--storage-id", paramLabel = "ID",
            description = "The iconik File storage (env STORAGE_ID). run: repeat it to serve several storages from"
                    + " one process, sharing one client and rate limit (each then keeps its state in DATA_DIR/ID);"
                    + " without it, run serves the config file's [storage:ID] sections.")
    List<String> storageIds;

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
        List<String> ids = storages(environment);
        // several sections and no --storage-id: run serves them all; a one-storage command names none here (the
        // missing storage-id is then reported)
        return resolve(environment, ids.size() == 1 || (storageIds != null && !storageIds.isEmpty())
                ? ids.get(0) : null, null);
    }

    /**
     * The storages to serve: those given with {@code --storage-id}, in order; else, when {@code STORAGE_ID} is not
     * set either, those the config file's {@code [storage:ID]} sections name, in file order.
     *
     * @param environment the process environment
     * @return the ids; empty when the flags and the file name none (the environment or {@code [main]} may)
     * @throws ConfigurationException if the config file cannot be read or holds an invalid value
     */
    List<String> storages(Map<String, String> environment) {
        if (storageIds != null && !storageIds.isEmpty()) {
            return List.copyOf(storageIds);
        }
        String fromEnv = environment.get("STORAGE_ID");
        if (config == null || (fromEnv != null && !fromEnv.isEmpty())) {
            return List.of();
        }
        return GatewayConfig.builder().configFile(config).environment(environment).build().storageSections();
    }

    /**
     * Builds and validates the configuration of one of several storages served by one process.
     *
     * @param environment the process environment
     * @param storageId   the storage, or {@code null} for the one the flags, environment or file name
     * @param dataDirOf   the storage's own data dir, or {@code null} for {@code data-dir} itself
     * @return the configuration
     * @throws ConfigurationException as {@link #resolve(Map)}
     */
    GatewayConfig resolve(Map<String, String> environment, String storageId, Path dataDirOf) {
        Path dir = dataDirOf != null ? dataDirOf : dataDir;
        GatewayConfig resolved = GatewayConfig.builder().configFile(config).environment(environment)
                .flag("iconik-url", iconikUrl).flag("auth-token", authToken).flag("app-id", appId)
                .flag("storage-id", storageId).flag("data-dir", dir == null ? null : dir.toString())
                .flag("watch", watch == null ? null : watch.toString()).flag("state-url", stateUrl)
                .build().requireCredentials();
        applyLogLevel(resolved.logLevel());
        return resolved;
    }

    /**
     * The process's {@code max-transcoding-jobs} when it serves several storages: {@code [main]}'s value (a
     * storage's section bounds only that storage's share of it).
     *
     * @param environment the process environment
     * @return how many transcodes the process runs at once
     * @throws ConfigurationException if the config file cannot be read or holds an invalid value
     */
    int processTranscodingJobs(Map<String, String> environment) {
        return GatewayConfig.builder().configFile(config).environment(environment).build().maxTranscodingJobs();
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
