// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's own settings, as the ISG takes them: {@code config.ini} keys, overridden by environment variables
 * ({@code ICONIK_URL}, {@code APP_ID}, {@code AUTH_TOKEN}, {@code STORAGE_ID}), overridden by command-line flags.
 * Every value is validated when the configuration is built; an invalid one stops start-up with a
 * {@link ConfigurationException} naming the key, the value, where it came from and the allowed range. Unknown keys
 * in the file do not stop start-up: they are listed in {@link #warnings()} for the caller to log once.
 *
 * <p>Storage settings (patterns, scan interval, upload and transcode switches) are not here: they live in iconik
 * and are polled from it. Ranges and defaults follow the ISG's documentation where it gives them; where it does not,
 * the SDK's choice is marked "[SDK]" in {@link #KEYS}' descriptions.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the Auth-Token.
 */
public final class GatewayConfig {

    /** Every key this gateway reads, with its default and range, in the order the README documents them. */
    public static final List<KeyInfo> KEYS = List.of(
            new KeyInfo("iconik-url", "ICONIK_URL", "https://app.iconik.io/",
                    "iconik's base URL (app.iconik.io, eu.iconik.io, or your own host)"),
            new KeyInfo("app-id", "APP_ID", null, "the iconik application id"),
            new KeyInfo("auth-token", "AUTH_TOKEN", null, "the application's Auth-Token (never printed)"),
            new KeyInfo("storage-id", "STORAGE_ID", null, "the id of the iconik File storage this gateway serves"),
            new KeyInfo("max-transcoding-jobs", null, "5", "transcodes at once in the process, 1 to 32 (range [SDK]);"
                    + " a process serving several storages shares [main]'s value between them, and a"
                    + " [storage:ID] section's value bounds that storage's share"),
            new KeyInfo("proxy-resolution", null, "1280x720", "largest video proxy, 640x360 to 1920x1080"),
            new KeyInfo("proxy-bitrate", null, "3000000", "largest video proxy bit rate in bit/s, 200000 to 99000000"),
            new KeyInfo("image-proxy-resolution", null, "2048x2048", "largest image proxy, 180x180 to 16000x16000"),
            new KeyInfo("enable-hdr-to-sdr-keyframe-conversion", null, "true",
                    "tone-map HDR keyframes to SDR: true or false"),
            new KeyInfo("file-upload-parallel-uploads-num", null, "4", "files uploaded at once, 1 to 32 (range [SDK])"),
            new KeyInfo("file-upload-parallel-uploads-threads-num", null, "4",
                    "parts of one original file uploaded at once, 1 to 32 (default and range [SDK])"),
            new KeyInfo("upload-chunk-size", null, "67108864",
                    "multipart chunk size in bytes, 5242880 (5 MiB) to 5368709120 (5 GiB) [SDK]"),
            new KeyInfo("checksum-max-workers", null, "2", "files hashed at once, 1 to 32 [SDK]"),
            new KeyInfo("registration-workers", null, "8",
                    "files registered in iconik at once (within the client's rate limit), 1 to 64 [SDK]"),
            new KeyInfo("api-requests-per-second", null, "47",
                    "requests per second the client sends iconik's API at most, 0 to 1000 (default 94 % of the 50"
                            + " iconik documents); 0 turns the client's rate limit off [SDK]"),
            new KeyInfo("scanner-concurrency-value", null, "4", "folders listed at once, 1 to 64 [SDK]"),
            new KeyInfo("watch", null, "true",
                    "use file-system change hints to register new files within seconds: true or false [SDK]"),
            new KeyInfo("data-dir", null, "iconik-gateway-data",
                    "folder for the scan-state database and work files [SDK]"),
            new KeyInfo("state-url", "ICONIK_STATE_URL", null,
                    "postgresql://… URL of a database that a fleet of gateways shares (scan state, registration"
                            + " journal, work queue; module iconik-sdk-postgresql); unset: SQLite files in data-dir [SDK]"),
            new KeyInfo("work-lease-seconds", null, "60",
                    "with state-url: how long a gateway's claim on a file lasts unrenewed, that is how soon the"
                            + " files of a gateway that died are taken over, 2 to 3600 [SDK]"),
            new KeyInfo("command-poll-seconds", null, "5",
                    "how often the daemon asks iconik for the work it queued for this storage (the SCAN button,"
                            + " copies, purges, keyframes requests), 1 to 3600 [SDK]"),
            new KeyInfo("log-level", null, "info", "error, warn, info, debug or trace [SDK]"),
            new KeyInfo("http-proxy", null, null, "HTTP proxy for iconik, http://host:port [SDK]"),
            new KeyInfo("plugins-dir", null, "plugins",
                    "folder of third-party transcoder plugin jars loaded at start; a relative path is taken from"
                            + " the config file's folder [SDK]"));

    /**
     * The keys a {@code [storage:ID]} section may set for its storage (over {@code [main]}'s). The others are the
     * process's: one client (URL, credentials, rate limit, proxy), one state database, one data dir (the storage's
     * state is in {@code DATA_DIR/ID} when a process serves several), one log level and plugins folder.
     */
    public static final List<String> STORAGE_KEYS = List.of("max-transcoding-jobs", "proxy-resolution",
            "proxy-bitrate", "image-proxy-resolution", "enable-hdr-to-sdr-keyframe-conversion",
            "file-upload-parallel-uploads-num", "file-upload-parallel-uploads-threads-num", "upload-chunk-size",
            "checksum-max-workers", "registration-workers", "scanner-concurrency-value", "watch",
            "work-lease-seconds", "command-poll-seconds");

    /** ISG keys that this gateway accepts in {@code config.ini} without using them (no warning about them). */
    static final List<String> ACCEPTED_UNUSED = List.of("file-download-parallel-downloads-num", "debug");

    private final Map<String, String> sources;
    private final URI iconikUrl;
    private final String appId;
    private final String authToken;
    private final String storageId;
    private final int maxTranscodingJobs;
    private final Resolution proxyResolution;
    private final long proxyBitrate;
    private final Resolution imageProxyResolution;
    private final boolean hdrToSdrKeyframes;
    private final int parallelUploads;
    private final int parallelUploadThreads;
    private final long uploadChunkSize;
    private final int checksumMaxWorkers;
    private final int registrationWorkers;
    private final int apiRequestsPerSecond;
    private final int scannerConcurrency;
    private final boolean watch;
    private final Path dataDir;
    private final String stateUrl;
    private final Duration workLease;
    private final Duration commandPoll;
    private final String logLevel;
    private final URI httpProxy;
    private final Path pluginsDir;
    private final List<WatchFolderSection> watchFolders;
    private final List<String> storageSections;
    private final List<String> warnings;

    private GatewayConfig(Resolver r) {
        iconikUrl = r.get("iconik-url", GatewayConfig::httpUrl, "an http or https URL");
        appId = r.raw("app-id");
        authToken = r.raw("auth-token");
        storageId = r.raw("storage-id");
        maxTranscodingJobs = (int) r.number("max-transcoding-jobs", 1, 32);
        proxyResolution = r.resolution("proxy-resolution", new Resolution(640, 360), new Resolution(1920, 1080));
        proxyBitrate = r.number("proxy-bitrate", 200_000, 99_000_000);
        imageProxyResolution = r.resolution("image-proxy-resolution", new Resolution(180, 180),
                new Resolution(16_000, 16_000));
        hdrToSdrKeyframes = r.get("enable-hdr-to-sdr-keyframe-conversion", GatewayConfig::bool, "true or false");
        parallelUploads = (int) r.number("file-upload-parallel-uploads-num", 1, 32);
        parallelUploadThreads = (int) r.number("file-upload-parallel-uploads-threads-num", 1, 32);
        uploadChunkSize = r.number("upload-chunk-size", 5L << 20, 5L << 30);
        checksumMaxWorkers = (int) r.number("checksum-max-workers", 1, 32);
        registrationWorkers = (int) r.number("registration-workers", 1, 64);
        apiRequestsPerSecond = (int) r.number("api-requests-per-second", 0, 1000);
        scannerConcurrency = (int) r.number("scanner-concurrency-value", 1, 64);
        watch = r.get("watch", GatewayConfig::bool, "true or false");
        dataDir = r.get("data-dir", Path::of, "a folder path");
        stateUrl = r.raw("state-url");
        if (stateUrl != null && !stateUrl.matches("(?i)postgres(ql)?://.+")) {
            // the value itself is not repeated: a state URL may hold a password
            throw r.invalid("state-url", stateUrl.replaceFirst("(?s)^([^:/]*).*", "$1:…"),
                    "a postgresql://host[:port]/database URL");
        }
        workLease = Duration.ofSeconds(r.number("work-lease-seconds", 2, 3600));
        commandPoll = Duration.ofSeconds(r.number("command-poll-seconds", 1, 3600));
        logLevel = r.get("log-level", GatewayConfig::logLevel, "error, warn, info, debug or trace");
        httpProxy = r.raw("http-proxy") == null ? null : r.get("http-proxy", GatewayConfig::httpUrl, "http://host:port");
        Path pluginsPath = r.get("plugins-dir", Path::of, "a folder path");
        String pluginsSource = r.sources.getOrDefault("plugins-dir", "default");
        boolean besideFile = r.file != null && !pluginsSource.startsWith("flag") && !pluginsSource.startsWith("env");
        pluginsDir = besideFile ? r.file.file().toAbsolutePath().getParent().resolve(pluginsPath).normalize()
                : pluginsPath.toAbsolutePath().normalize();
        List<WatchFolderSection> rules = new ArrayList<>();
        if (r.file != null) {
            r.file.sections().forEach((header, entries) ->
                    rules.add(WatchFolderSection.parse(header, entries, r.file.file())));
        }
        watchFolders = List.copyOf(rules);
        storageSections = r.file == null ? List.of() : List.copyOf(r.file.storages().keySet());
        sources = Map.copyOf(r.sources);
        warnings = List.copyOf(r.warnings);
    }

    /** @return a builder with no file, no environment and no flags: every key at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks that the credentials and storage id needed to talk to iconik are set.
     *
     * @return this configuration
     * @throws ConfigurationException naming every missing key and the three ways to set it
     */
    public GatewayConfig requireCredentials() {
        List<String> missing = new ArrayList<>();
        for (String key : List.of("app-id", "auth-token", "storage-id")) {
            String value = switch (key) {
                case "app-id" -> appId;
                case "auth-token" -> authToken;
                default -> storageId;
            };
            if (value == null || value.isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            String first = missing.get(0);
            throw new ConfigurationException(first, "missing " + String.join(", ", missing) + ": set each with a flag (--"
                    + first + "=…), the environment (" + info(first).environmentVariable() + ") or config.ini ("
                    + first + "=…)");
        }
        return this;
    }

    private static KeyInfo info(String key) {
        return KEYS.stream().filter(k -> k.key().equals(key)).findFirst().orElseThrow();
    }

    /** @return iconik's base URL */
    public URI iconikUrl() {
        return iconikUrl;
    }

    /** @return the application id, if set */
    public Optional<String> appId() {
        return Optional.ofNullable(appId);
    }

    /** @return the Auth-Token, if set. Pass it to the client; never log or print it */
    public Optional<String> authToken() {
        return Optional.ofNullable(authToken);
    }

    /** @return the storage id, if set */
    public Optional<String> storageId() {
        return Optional.ofNullable(storageId);
    }

    /**
     * How many transcodes may run at once: the process's budget
     * ({@link io.github.iconiksdk.core.ingest.TranscodeBudget}) when read from {@code [main]}, a storage's share of
     * it when read with that storage's {@code [storage:ID]} section.
     *
     * @return how many transcodes may run at once
     */
    public int maxTranscodingJobs() {
        return maxTranscodingJobs;
    }

    /** @return the largest video proxy size */
    public Resolution proxyResolution() {
        return proxyResolution;
    }

    /** @return the largest video proxy bit rate, bit/s */
    public long proxyBitrate() {
        return proxyBitrate;
    }

    /** @return the largest image proxy size */
    public Resolution imageProxyResolution() {
        return imageProxyResolution;
    }

    /** @return whether HDR keyframes are tone-mapped to SDR */
    public boolean hdrToSdrKeyframes() {
        return hdrToSdrKeyframes;
    }

    /** @return how many files are uploaded at once */
    public int parallelUploads() {
        return parallelUploads;
    }

    /** @return parts of one original uploaded at once ({@code file-upload-parallel-uploads-threads-num}) */
    public int parallelUploadThreads() {
        return parallelUploadThreads;
    }

    /** @return the multipart upload chunk size in bytes */
    public long uploadChunkSize() {
        return uploadChunkSize;
    }

    /** @return how many files are hashed at once */
    public int checksumMaxWorkers() {
        return checksumMaxWorkers;
    }

    /** @return how many files are registered in iconik at once */
    public int registrationWorkers() {
        return registrationWorkers;
    }

    /** @return the client's rate limit in requests per second; 0 when it is off */
    public int apiRequestsPerSecond() {
        return apiRequestsPerSecond;
    }

    /** @return how many folders are listed at once */
    public int scannerConcurrency() {
        return scannerConcurrency;
    }

    /**
     * @return whether the scanner uses file-system change hints (inotify on Linux) to rescan changed folders at
     *         once, where the file system gives them; the periodic full scan runs either way
     */
    public boolean watch() {
        return watch;
    }

    /** @return the folder for the scan-state database and work files */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The database a fleet of gateways shares, when one is set: the {@code iconik-sdk-postgresql} module opens it
     * ({@code PostgresStateDatabase.open}). It may hold a password: never print it whole.
     *
     * @return the {@code postgresql://} URL, if {@code state-url} is set
     */
    public Optional<String> stateUrl() {
        return Optional.ofNullable(stateUrl);
    }

    /** @return how long a claim on shared work lasts unrenewed ({@code work-lease-seconds}) */
    public Duration workLease() {
        return workLease;
    }

    /**
     * @return how often the daemon polls iconik's command queues for this storage ({@code command-poll-seconds});
     *         a command that failed is tried again sooner
     */
    public Duration commandPoll() {
        return commandPoll;
    }

    /** @return the log level, lower case */
    public String logLevel() {
        return logLevel;
    }

    /** @return the HTTP proxy for iconik, if one is set */
    public Optional<URI> httpProxy() {
        return Optional.ofNullable(httpProxy);
    }

    /**
     * Where a key's value came from, for diagnostics.
     *
     * @param key a key of {@link #KEYS}
     * @return {@code "flag --key"}, {@code "environment VAR"}, {@code "FILE:LINE"} or {@code "default"}
     */
    public String sourceOf(String key) {
        return sources.getOrDefault(key, "default");
    }

    /**
     * @return the folder of third-party plugin jars: {@code plugins-dir}, relative to the config file's folder
     *         (default {@code plugins} beside it; beside the working folder when there is no config file)
     */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /** @return the {@code [watch-folder:NAME]} sections, in file order, validated */
    public List<WatchFolderSection> watchFolders() {
        return watchFolders;
    }

    /**
     * The options handed to every transcoder plugin ({@code TranscoderConfig.options()}): each watch-folder
     * section's keys as {@code watch-folder.NAME.KEY}, paths absolute.
     *
     * @return the options, in file order
     */
    public Map<String, String> transcoderOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        for (WatchFolderSection w : watchFolders) {
            w.values().forEach((k, v) -> options.put("watch-folder." + w.name() + "." + k, v));
        }
        return java.util.Collections.unmodifiableMap(options);
    }

    /**
     * The storages the config file's {@code [storage:ID]} sections name: the storages {@code run} serves when no
     * {@code --storage-id} (nor {@code STORAGE_ID}) is given. A configuration built for one of them (its id given as
     * {@code storage-id} by flag, environment or {@code [main]}) has that section's keys over {@code [main]}'s.
     *
     * @return the storage ids, in file order; empty when the file has no such section
     */
    public List<String> storageSections() {
        return storageSections;
    }

    /** @return problems that did not stop start-up (unknown keys, ignored sections, repeated keys), to log once */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "GatewayConfig[iconikUrl=" + iconikUrl + ", appId=" + appId + ", authToken="
                + (authToken == null ? "unset" : "<redacted>") + ", storageId=" + storageId + ", maxTranscodingJobs="
                + maxTranscodingJobs + ", proxyResolution=" + proxyResolution + ", proxyBitrate=" + proxyBitrate
                + ", imageProxyResolution=" + imageProxyResolution + ", hdrToSdrKeyframes=" + hdrToSdrKeyframes
                + ", parallelUploads=" + parallelUploads + ", parallelUploadThreads=" + parallelUploadThreads
                + ", uploadChunkSize=" + uploadChunkSize
                + ", checksumMaxWorkers=" + checksumMaxWorkers + ", registrationWorkers=" + registrationWorkers
                + ", apiRequestsPerSecond=" + apiRequestsPerSecond
                + ", scannerConcurrency=" + scannerConcurrency
 + ", watch=" + watch + ", dataDir=" + dataDir + ", stateUrl=" + (stateUrl == null ? "unset" : "<set>")
                + ", workLease=" + workLease + ", commandPoll=" + commandPoll + ", logLevel=" + logLevel + ", httpProxy=" + httpProxy
                + ", pluginsDir=" + pluginsDir + ", watchFolders=" + watchFolders + "]";
    }

    /**
     * A key of the configuration.
     *
     * @param key                 the key as written in {@code config.ini} and as a flag ({@code --key=value})
     * @param environmentVariable the environment variable that sets it, or {@code null}
     * @param defaultValue        its default, or {@code null} when it has none
     * @param description         what it does and what is allowed
     */
    public record KeyInfo(String key, String environmentVariable, String defaultValue, String description) {
    }

    /**
     * A width and height in pixels, written {@code WIDTHxHEIGHT}.
     *
     * @param width  the width
     * @param height the height
     */
    public record Resolution(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /**
     * Collects the sources of a configuration; {@link #build()} merges them (flag over environment over file over
     * default) and validates every value.
     */
    public static final class Builder {
        private Path configFile;
        private Map<String, String> environment = Map.of();
        private final Map<String, String> flags = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param file the {@code config.ini} to read, or {@code null} for none
         * @return this builder
         */
        public Builder configFile(Path file) {
            this.configFile = file;
            return this;
        }

        /**
         * @param environment the process environment ({@code System.getenv()}); only the variables of {@link #KEYS}
         *                    are read
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * Sets a value given on the command line; it wins over the environment and the file.
         *
         * @param key   a key of {@link #KEYS}
         * @param value its value, or {@code null} to leave the key to the other sources
         * @return this builder
         * @throws IllegalArgumentException if the key is not one of {@link #KEYS}
         */
        public Builder flag(String key, String value) {
            if (KEYS.stream().noneMatch(k -> k.key().equals(key))) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "'");
            }
            if (value != null) {
                flags.put(key, value);
            }
            return this;
        }

        /**
         * Reads the file, merges the sources and validates every value.
         *
         * @return the configuration
         * @throws ConfigurationException if the file cannot be read or parsed, or a value is invalid (the message
         *                                names the key, value, source and allowed range)
         */
        public GatewayConfig build() {
            return new GatewayConfig(new Resolver(configFile == null ? null : IniFile.read(configFile), environment,
                    flags));
        }
    }

    /** Picks each key's value from the sources and converts it, recording where it came from. */
    private static final class Resolver {
        private final IniFile file;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();

        Resolver(IniFile file, Map<String, String> env, Map<String, String> flags) {
            this.file = file;
            if (file != null) {
                warnings.addAll(file.notes());
                file.storages().forEach((id, entries) -> entries.values().forEach(e -> {
                    if (!STORAGE_KEYS.contains(e.key())) {
                        throw new ConfigurationException(e.key(), file.file() + ":" + e.line() + ": [" + IniFile.STORAGE
                                + id + "] cannot set '" + e.key() + "': a storage's section sets only "
                                + String.join(", ", STORAGE_KEYS) + " (the others are the process's, in [main])");
                    }
                }));
                file.entries().values().forEach(e -> {
                    boolean known = KEYS.stream().anyMatch(k -> k.key().equals(e.key()));
                    if (known) {
                        values.put(e.key(), e.value());
                        sources.put(e.key(), file.file() + ":" + e.line());
                    } else if (!ACCEPTED_UNUSED.contains(e.key())) {
                        warnings.add(file.file() + ":" + e.line() + ": unknown key '" + e.key() + "' is ignored");
                    }
                });
            }
            if (file != null) {
                // The section of the storage being configured (its id from a flag, the environment or [main]).
                String id = flags.get("storage-id");
                if (id == null || id.isEmpty()) {
                    id = env.get("STORAGE_ID");
                }
                if (id == null || id.isEmpty()) {
                    id = values.get("storage-id");
                }
                Map<String, IniFile.Entry> section = id == null ? null : file.storages().get(id);
                if (section != null) {
                    String header = " [" + IniFile.STORAGE + id + "]";
                    section.values().forEach(e -> {
                        values.put(e.key(), e.value());
                        sources.put(e.key(), file.file() + ":" + e.line() + header);
                    });
                }
            }
            for (KeyInfo k : KEYS) {
                String fromEnv = k.environmentVariable() == null ? null : env.get(k.environmentVariable());
                if (fromEnv != null && !fromEnv.isEmpty()) {
                    values.put(k.key(), fromEnv);
                    sources.put(k.key(), "environment " + k.environmentVariable());
                }
            }
            flags.forEach((key, value) -> {
                values.put(key, value);
                sources.put(key, "flag --" + key);
            });
        }

        String raw(String key) {
            String v = values.get(key);
            return v == null || v.isEmpty() ? info(key).defaultValue() : v;
        }

        <T> T get(String key, Function<String, T> parse, String allowed) {
            String v = raw(key);
            try {
                return parse.apply(Objects.requireNonNull(v));
            } catch (RuntimeException e) {
                throw invalid(key, v, allowed);
            }
        }

        long number(String key, long min, long max) {
            long n = get(key, s -> Long.parseLong(s.replace("_", "")), "a whole number from " + min + " to " + max);
            if (n < min || n > max) {
                throw invalid(key, raw(key), "a whole number from " + min + " to " + max);
            }
            return n;
        }

        Resolution resolution(String key, Resolution min, Resolution max) {
            String allowed = "WIDTHxHEIGHT from " + min + " to " + max;
            Resolution r = get(key, GatewayConfig::resolution, allowed);
            if (r.width() < min.width() || r.height() < min.height() || r.width() > max.width()
                    || r.height() > max.height()) {
                throw invalid(key, raw(key), allowed);
            }
            return r;
        }

        private ConfigurationException invalid(String key, String value, String allowed) {
            String shown = key.equals("auth-token") ? "<redacted>" : "'" + value + "'";
            String source = sources.getOrDefault(key, "default");
            return new ConfigurationException(key, key + " = " + shown + " (from " + source + ") is invalid: expected "
                    + allowed);
        }
    }

    private static URI httpUrl(String s) {
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(s);
        };
    }

    private static String logLevel(String s) {
        String level = s.toLowerCase(Locale.ROOT);
        if (!List.of("error", "warn", "info", "debug", "trace").contains(level)) {
            throw new IllegalArgumentException(s);
        }
        return level;
    }

    private static Resolution resolution(String s) {
        String[] parts = s.toLowerCase(Locale.ROOT).split("x", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(s);
        }
        return new Resolution(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    }
}
