// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.iconiksdk.testkit.internal.FakeEngine;
import io.github.iconiksdk.testkit.internal.FaultPlan;
import io.github.iconiksdk.testkit.internal.RateLimit;
import io.github.iconiksdk.testkit.internal.Json;
import io.github.iconiksdk.testkit.internal.Seeder;
import io.github.iconiksdk.testkit.internal.Store;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A stateful fake iconik on 127.0.0.1, built on WireMock: it serves iconik's paths, methods, status codes, page
 * envelopes and error bodies for storages, assets, versions, formats, file sets, files, proxies, keyframes and
 * posters, metadata and its categories, collections, shares, segments, jobs (which it can run), search and saved
 * searches, users, groups and ACLs (with iconik's permission checks on request), with self-served pre-signed
 * upload URLs, and injects faults on demand.
 *
 * <pre>{@code
 * try (FakeIconik iconik = FakeIconik.builder().build().start()) {
 *     client = IconikClient.builder().endpoint(iconik.url()).credentials(iconik.appId(), iconik.authToken())...;
 *     iconik.failNext(FaultKind.RESET_AFTER_APPLY, "POST", "/API/assets/v1/assets/?", 1);
 *     ...
 *     assertEquals(1, iconik.assets().size());
 * }
 * }</pre>
 *
 * <p>Inspection methods return deep copies of what the fake holds, as iconik's JSON objects. The Auth-Token is not
 * part of {@link #toString()}.
 */
public final class FakeIconik implements AutoCloseable {

    private final Builder config;
    private final Store store;
    private final FaultPlan faults;
    private final RateLimit rateLimit = new RateLimit();
    private final FakeEngine engine;
    private WireMockServer server;
    private ObjectNode initialState;

    private FakeIconik(Builder b) {
        this.config = b;
        this.store = new Store(b.stateDir);
        this.faults = new FaultPlan(b.seed);
        this.faults.global(b.faults);
        this.store.searchDelay(b.searchDelay.toMillis());
        this.store.discardUploads(b.discardUploads);
        this.rateLimit.set(b.rateLimitPerSecond, b.rateLimitBurst);
        this.engine = new FakeEngine(store, faults, rateLimit, this::url, b.clock, b.jobsCompleteAfter);
    }

    /** @return a builder with defaults: any free port, in memory, mount point the current folder, no faults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts serving on 127.0.0.1. Loads the saved state when a state folder holds one, else seeds a fresh iconik.
     * Started again after {@link #stop()}, it serves what it held before.
     *
     * @return this fake
     * @throws IllegalStateException when already started
     * @throws IllegalArgumentException when a storage setting given to the builder is invalid (naming it)
     * @throws java.io.UncheckedIOException when the saved state cannot be read
     */
    public synchronized FakeIconik start() {
        if (server != null) {
            throw new IllegalStateException("the fake iconik is already started");
        }
        synchronized (store) {
            boolean loaded = store.meta("app_id") != null || store.load();
            if (!loaded) {
                Seeder.seed(store, config.appId, config.authToken,
                        config.mountPoint != null ? config.mountPoint
                                : Paths.get("").toAbsolutePath().toString());
            } else if (config.mountPoint != null) {
                Seeder.applySettings(store, Map.of("mount_point", Json.MAPPER.getNodeFactory()
                        .textNode(config.mountPoint)));
            }
            Seeder.applySettings(store, config.settings);
            if (config.filesStorageMethod != null) {
                Seeder.defaultFilesMethod(store, config.filesStorageMethod);
            }
            Seeder.ensureUser(store);
            store.save();
            initialState = store.dump();
        }
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .extensions(engine)
                .disableRequestJournal()
                .gzipDisabled(true)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER);
        options = config.port == 0 ? options.dynamicPort() : options.port(config.port);
        WireMockServer s = new WireMockServer(options);
        s.start();
        s.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.aResponse().withStatus(200)));
        server = s;
        engine.startUploads();
        return this;
    }

    /** Stops serving; a persistent fake has saved every change already. Does nothing when not started. */
    public synchronized void stop() {
        WireMockServer s = server;
        server = null;
        engine.stopUploads();
        if (s != null) {
            // WireMock waits for Jetty to stop; a pending interrupt would abort that wait half way
            boolean interrupted = Thread.interrupted();
            try {
                s.stop();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** @return whether the fake is serving */
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /**
     * @return the port the fake listens on
     * @throws IllegalStateException when not started
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the fake iconik is not started");
        }
        return server.port();
    }

    /**
     * @return the base URL to give an iconik client, {@code http://127.0.0.1:PORT}
     * @throws IllegalStateException when not started
     */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** @return the App-ID the fake accepts */
    public String appId() {
        synchronized (store) {
            return store.meta("app_id");
        }
    }

    /** @return the Auth-Token the fake accepts (never logged by the fake) */
    public String authToken() {
        synchronized (store) {
            return store.meta("auth_token");
        }
    }

    /** @return the id of the ready-made File storage for a gateway */
    public String storageId() {
        synchronized (store) {
            return store.meta("file_storage_id");
        }
    }

    /**
     * The id of iconik's default cloud storage for a purpose.
     *
     * @param purpose {@code FILES}, {@code PROXIES} or {@code KEYFRAMES}
     * @return its id
     * @throws IllegalArgumentException when there is no default storage for that purpose
     */
    public String defaultStorageId(String purpose) {
        String p = purpose.toUpperCase(Locale.ROOT);
        return storages().stream()
                .filter(s -> p.equals(s.path("purpose").asText()) && s.path("default").asBoolean())
                .map(s -> s.path("id").asText()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no default storage for purpose " + purpose));
    }

    // ---- faults

    /**
     * Sets the random faults and latency for every request no per-endpoint rule matches.
     *
     * @param faults the faults
     */
    public void faults(Faults faults) {
        this.faults.global(Objects.requireNonNull(faults, "faults"));
    }

    /**
     * Sets random faults and latency for one endpoint (rules are checked in the order added).
     *
     * @param method an HTTP method, or {@code *} for any
     * @param pathRegex a regular expression the whole request path must match
     * @param faults the faults
     * @throws java.util.regex.PatternSyntaxException when the expression is invalid
     */
    public void faults(String method, String pathRegex, Faults faults) {
        this.faults.rule(method, pathRegex, Objects.requireNonNull(faults, "faults"));
    }

    /**
     * Makes the next {@code times} requests matching method and path fail with a fault, whatever the random faults.
     *
     * @param kind the fault
     * @param method an HTTP method, or {@code *} for any
     * @param pathRegex a regular expression the whole request path must match
     * @param times how many requests
     * @throws IllegalArgumentException when times is not positive
     */
    public void failNext(FaultKind kind, String method, String pathRegex, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, not " + times);
        }
        faults.failNext(Objects.requireNonNull(kind, "kind"), method, pathRegex, times);
    }

    /** Removes every fault, rule and latency. */
    public void clearFaults() {
        faults.clear();
    }

    // ---- users and permissions

    /**
     * Creates a user with an Auth-Token of its own, in a new group holding the given roles (iconik's names, such
     * as {@code can_read_assets}; see {@code Required roles} in iconik's specs). The user is no administrator, so
     * once {@link #enforcePermissions(boolean)} is on, an operation whose role it lacks answers 403, and so does
     * one on an asset or collection it has no ACL for (it gets every permission on what it creates).
     *
     * @param email its email
     * @param roles the roles it has
     * @return the user, with its Auth-Token (used with {@link #appId()})
     */
    public FakeUser createUser(String email, String... roles) {
        String[] made = engine.createUser(Objects.requireNonNull(email, "email"), List.of(roles));
        return new FakeUser(made[0], made[1], made[2]);
    }

    /**
     * Issues a new Auth-Token for a user made through the API ({@code POST /API/users/v1/users/}).
     *
     * @param userId the user's id
     * @return the token
     * @throws IllegalArgumentException when there is no such user
     */
    public String authTokenFor(String userId) {
        return engine.tokenFor(userId);
    }

    /**
     * Turns on (or off) the checks iconik makes for users other than the ready-made administrator (whose token,
     * {@link #authToken()}, passes every check): the roles an operation needs (iconik's 403 otherwise), and
     * the {@code read} / {@code write} / {@code delete} permission on the asset or collection a request
     * addresses, from user and group ACLs on it or on the collections it is in. Off by default.
     *
     * @param on whether to check
     */
    public void enforcePermissions(boolean on) {
        engine.enforcePermissions(on);
    }

    // ---- jobs

    /**
     * Finishes now every job the fake queued for work iconik does itself, whatever their time: mediainfo jobs
     * ({@code POST …/files/{id}/mediainfo/}) put technical metadata on the file's format; transcode jobs
     * ({@code POST …/files/{id}/keyframes/}) create a proxy and a KEYFRAME and a POSTER keyframe on iconik's default
     * cloud storages; keyframe jobs ({@code POST …/proxies/{id}/keyframes/}) create the keyframes. A job whose file,
     * proxy or asset is gone ends {@code FAILED}. Jobs a client created itself are never run.
     *
     * @return the ids of the jobs finished, oldest first
     */
    public List<String> runJobs() {
        synchronized (store) {
            List<String> done = engine.jobs().runAll();
            store.save();
            return done;
        }
    }

    /**
     * Makes the fake's own jobs move READY → STARTED (at half the time) → FINISHED on their own, as
     * {@link Builder#jobsCompleteAfter} does.
     *
     * @param after how long from queued to finished (zero: at once); null to leave them READY until
     *     {@link #runJobs()}
     * @throws IllegalArgumentException when negative
     */
    public void jobsCompleteAfter(java.time.Duration after) {
        if (after != null && after.isNegative()) {
            throw new IllegalArgumentException("jobsCompleteAfter must not be negative: " + after);
        }
        synchronized (store) {
            engine.jobs().completeAfter(after);
            engine.jobs().advance();
        }
    }

    // ---- inspection

    private <T> T read(Function<Store, T> f) {
        synchronized (store) {
            engine.jobs().advance();
            return f.apply(store);
        }
    }

    private List<JsonNode> rows(String table, String field, String value) {
        return read(s -> {
            List<JsonNode> out = new ArrayList<>();
            for (ObjectNode n : s.table(table).values()) {
                if (field == null || value.equals(n.path(field).asText(null))) {
                    out.add(n.deepCopy());
                }
            }
            return out;
        });
    }

    /** @return every storage */
    public List<JsonNode> storages() {
        return rows(Store.STORAGES, null, null);
    }

    /**
     * @param storageId a storage id
     * @return the last gateway report sent for that storage, if any
     */
    public Optional<JsonNode> gatewayReport(String storageId) {
        return read(s -> s.get(Store.REPORTS, storageId).map(ObjectNode::deepCopy));
    }

    /**
     * @param storageId a storage id
     * @return the last gateway status sent for that storage ({@code status}, {@code date_reported}), if any
     */
    public Optional<JsonNode> gatewayStatus(String storageId) {
        return read(s -> s.get(Store.GATEWAY_STATUS, storageId).map(ObjectNode::deepCopy));
    }

    /** @return every asset not deleted, oldest first */
    public List<JsonNode> assets() {
        List<JsonNode> all = rows(Store.ASSETS, null, null);
        all.removeIf(a -> "DELETED".equals(a.path("status").asText()));
        return all;
    }

    /**
     * @param assetId an asset id
     * @return that asset (also when deleted), if it exists
     */
    public Optional<JsonNode> asset(String assetId) {
        return read(s -> s.get(Store.ASSETS, assetId).map(ObjectNode::deepCopy));
    }

    /**
     * @param assetId an asset id
     * @return its formats, deleted ones included
     */
    public List<JsonNode> formats(String assetId) {
        return rows(Store.FORMATS, "asset_id", assetId);
    }

    /**
     * @param assetId an asset id
     * @return its file sets, deleted ones included
     */
    public List<JsonNode> fileSets(String assetId) {
        return rows(Store.FILE_SETS, "asset_id", assetId);
    }

    /**
     * @param assetId an asset id
     * @return its file records
     */
    public List<JsonNode> files(String assetId) {
        return rows(Store.FILES, "asset_id", assetId);
    }

    /** @return every file record, of assets and of storages */
    public List<JsonNode> allFiles() {
        return rows(Store.FILES, null, null);
    }

    /**
     * @param assetId an asset id
     * @return its proxies
     */
    public List<JsonNode> proxies(String assetId) {
        return rows(Store.PROXIES, "asset_id", assetId);
    }

    /**
     * @param assetId an asset id
     * @return its keyframes
     */
    public List<JsonNode> keyframes(String assetId) {
        return rows(Store.KEYFRAMES, "asset_id", assetId);
    }

    /**
     * The metadata values of an asset, in every view.
     *
     * @param assetId an asset id
     * @return field name to {@code {"field_values": [...], "date_created": ...}}; empty when none
     */
    public Map<String, JsonNode> metadata(String assetId) {
        return read(s -> {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            s.get(Store.VALUES, "assets/" + assetId)
                    .ifPresent(v -> v.properties().forEach(e -> out.put(e.getKey(), e.getValue().deepCopy())));
            return out;
        });
    }

    /** @return every metadata field */
    public List<JsonNode> metadataFields() {
        return rows(Store.FIELDS, null, null);
    }

    /** @return every metadata view (with its field names) */
    public List<JsonNode> metadataViews() {
        return rows(Store.VIEWS, null, null);
    }

    /** @return every collection not deleted */
    public List<JsonNode> collections() {
        List<JsonNode> all = rows(Store.COLLECTIONS, null, null);
        all.removeIf(c -> "DELETED".equals(c.path("status").asText()));
        return all;
    }

    /**
     * @param collectionId a collection id
     * @return the ids of the assets in it, in the order added
     */
    public List<String> collectionAssets(String collectionId) {
        List<String> out = new ArrayList<>();
        rows(Store.CONTENTS, "collection_id", collectionId).forEach(c -> out.add(c.path("object_id").asText()));
        return out;
    }

    /**
     * @param storageId a storage id
     * @return the deletions queued for the gateway of that storage and not yet acknowledged
     */
    public List<JsonNode> pendingDeletions(String storageId) {
        return rows(Store.DELETIONS, "storage_id", storageId);
    }

    /**
     * @param storageId a storage id
     * @return the transfers into that gateway's storage ({@code transfers_to}) not yet acknowledged
     */
    public List<JsonNode> pendingTransfersTo(String storageId) {
        return rows(Store.TRANSFERS_TO, "storage_id", storageId);
    }

    /**
     * @param storageId a storage id
     * @return the transfers out of that gateway's storage ({@code transfers_from}) not yet acknowledged
     */
    public List<JsonNode> pendingTransfersFrom(String storageId) {
        return rows(Store.TRANSFERS_FROM, "storage_id", storageId);
    }

    /**
     * @param storageId a storage id
     * @return the gateway events queued for that storage and not yet acknowledged
     */
    public List<JsonNode> gatewayEvents(String storageId) {
        return rows(Store.EVENTS, "storage_id", storageId);
    }

    /**
     * The group ACLs set on an object ({@code PUT /API/acls/v1/groups/{group_id}/acl/{object_type}/{object_key}/}).
     *
     * @param objectKey the object's id (an asset's, a collection's)
     * @return its group ACLs, each with {@code group_id}, {@code object_type} and {@code permissions}
     */
    public List<JsonNode> groupAcls(String objectKey) {
        return rows(Store.ACLS, "object_key", objectKey);
    }

    /** @return every user, the ready-made administrator first (never their passwords) */
    public List<JsonNode> users() {
        List<JsonNode> out = rows(Store.USERS, null, null);
        out.forEach(u -> ((ObjectNode) u).remove("password"));
        return out;
    }

    /** @return every group */
    public List<JsonNode> groups() {
        return rows(Store.GROUPS, null, null);
    }

    /**
     * @param assetId an asset id
     * @return its segments
     */
    public List<JsonNode> segments(String assetId) {
        return rows(Store.SEGMENTS, "asset_id", assetId);
    }

    /**
     * @param objectId the id of an asset or collection
     * @return its shares
     */
    public List<JsonNode> shares(String objectId) {
        return rows(Store.SHARES, "object_id", objectId);
    }

    /**
     * The user ACLs set on an object ({@code PUT /API/acls/v1/users/{user_id}/acl/{object_type}/{object_key}/} or
     * in bulk), not those it inherits.
     *
     * @param objectKey the object's id
     * @return its user ACLs, each with {@code user_id}, {@code object_type} and {@code permissions}
     */
    public List<JsonNode> userAcls(String objectKey) {
        return rows(Store.USER_ACLS, "object_key", objectKey);
    }

    /** @return every job */
    public List<JsonNode> jobs() {
        return rows(Store.JOBS, null, null);
    }

    /**
     * The bytes uploaded through an upload URL for an object.
     *
     * @param objectId the id of a proxy, keyframe or file
     * @return a copy of the bytes, if any were uploaded
     */
    public Optional<byte[]> uploadedBytes(String objectId) {
        return store.upload(objectId);
    }

    /**
     * What arrived through an upload URL for an object, measured: kept even when the fake discards uploaded bytes.
     *
     * @param objectId the id of a proxy, keyframe or file
     * @return {@code size:md5hex} of the upload, if one completed
     */
    public Optional<String> uploadedDigest(String objectId) {
        return store.uploadDigest(objectId);
    }

    /**
     * Every completed upload through the fake's upload URLs, whatever the protocol (also served as
     * {@code GET /__fake/uploaded}).
     *
     * @return one entry per object, in the order each object's first upload completed
     */
    public List<UploadedObject> uploaded() {
        return read(s -> {
            List<UploadedObject> out = new ArrayList<>();
            for (Store.UploadedObject u : s.uploadedObjects()) {
                out.add(new UploadedObject(u.objectId(), s.storageOf(u.objectId()), u.size(), u.md5Hex()));
            }
            return out;
        });
    }

    /**
     * Counts the requests answered since start or the last {@link #clearRequests()}, of iconik's API and of upload
     * URLs (not of the {@code /__fake/} control surface); unlike {@link #requests()} it is never trimmed. Also served
     * as {@code GET /__fake/requests/count?method=M&path=REGEX&status=CODE}.
     *
     * @param method an HTTP method (any case), or null for any
     * @param pathRegex a regular expression the whole path (without query) must match, or null for any
     * @param status the status answered (0 for a reset connection), or null for any
     * @return how many requests matched
     * @throws java.util.regex.PatternSyntaxException when the expression is invalid
     */
    public long requestCount(String method, String pathRegex, Integer status) {
        return engine.counts().count(method, pathRegex == null ? null : java.util.regex.Pattern.compile(pathRegex),
                status);
    }

    /** @return the request journal (the latest 20,000 requests, at most about 64 MB of bodies), oldest first */
    public List<RecordedRequest> requests() {
        return engine.journal();
    }

    /** Empties the request journal and the counters of {@link #requestCount}. */
    public void clearRequests() {
        engine.clearJournal();
    }

    /** @return every route the fake serves, as {@code METHOD /API/<service>/v1/<path>/}, sorted */
    public List<String> routes() {
        List<String> out = new ArrayList<>(engine.routes());
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * Forgets everything made since {@link #start()}: back to the ready-made storages, same credentials and ids;
     * the journal is emptied and faults cleared.
     *
     * @throws IllegalStateException when not started
     */
    public void reset() {
        synchronized (store) {
            if (initialState == null) {
                throw new IllegalStateException("the fake iconik is not started");
            }
            store.restore(initialState);
            store.save();
        }
        clearRequests();
        clearFaults();
    }

    @Override
    public String toString() {
        return "FakeIconik[" + (isRunning() ? url() : "stopped") + ", appId=" + appId() + ", storageId="
                + storageId() + "]";
    }

    /** Configures a {@link FakeIconik}. Not thread-safe. */
    public static final class Builder {
        private int port;
        private Path stateDir;
        private String mountPoint;
        private final Map<String, JsonNode> settings = new LinkedHashMap<>();
        private String appId;
        private String authToken;
        private Faults faults = Faults.none();
        private double rateLimitPerSecond;
        private int rateLimitBurst;
        private long seed = System.nanoTime();
        private java.time.Duration searchDelay = java.time.Duration.ZERO;
        private boolean discardUploads;
        private String filesStorageMethod;
        private java.time.Duration jobsCompleteAfter;
        private java.time.Clock clock = java.time.Clock.systemUTC();

        private Builder() {
        }

        /**
         * Picks the method of the default cloud FILES storage, which decides the protocol its upload URLs speak
         * (the fake holds one cloud FILES storage per method; GCS is the default one unless told otherwise).
         *
         * @param method {@code GCS}, {@code S3}, {@code B2} or {@code AZURE} (any case)
         * @return this builder
         * @throws IllegalArgumentException for another method
         */
        public Builder filesStorageMethod(String method) {
            String m = java.util.Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            if (!List.of("GCS", "S3", "B2", "AZURE").contains(m)) {
                throw new IllegalArgumentException("files storage method must be GCS, S3, B2 or AZURE, not "
                        + method);
            }
            this.filesStorageMethod = m;
            return this;
        }

        /**
         * @param port the port to listen on; 0 (the default) for any free one
         * @return this builder
         * @throws IllegalArgumentException when out of 0..65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Keeps the state (credentials, everything created, uploads) in a folder, so that a restart continues.
         *
         * @param dir the folder; created when missing
         * @return this builder
         */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        /**
         * @param mountPoint the {@code mount_point} of the ready-made File storage (default: the current folder)
         * @return this builder
         */
        public Builder mountPoint(String mountPoint) {
            this.mountPoint = Objects.requireNonNull(mountPoint, "mountPoint");
            return this;
        }

        /**
         * Overrides one setting of the ready-made File storage.
         *
         * @param key a field of iconik's FileSettingsSchema, e.g. {@code upload_files}
         * @param json its value as JSON, e.g. {@code true} or {@code "…"}
         * @return this builder
         * @throws IllegalArgumentException when the JSON is invalid (naming the key); an unknown key or a value of
         *     the wrong type is reported by {@link FakeIconik#start()}
         */
        public Builder storageSetting(String key, String json) {
            try {
                settings.put(Objects.requireNonNull(key, "key"), Json.MAPPER.readTree(json));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("storage setting " + key + ": not valid JSON: " + json, e);
            }
            return this;
        }

        /**
         * Fixes the credentials instead of random ones (ignored when a saved state is loaded).
         *
         * @param appId the App-ID
         * @param authToken the Auth-Token
         * @return this builder
         */
        public Builder credentials(String appId, String authToken) {
            this.appId = Objects.requireNonNull(appId, "appId");
            this.authToken = Objects.requireNonNull(authToken, "authToken");
            return this;
        }

        /**
         * Enforces iconik's per-credential request limit on the API (not on upload URLs): a token bucket of
         * {@code burst} requests refilled at {@code requestsPerSecond}; a request beyond it is answered 429 with the
         * {@code Retry-After} seconds until it would pass. Off by default. iconik documents about 50 requests per
         * second, or 1,000 in any 20 s window.
         *
         * @param requestsPerSecond sustained requests per second; 0 turns the limit off
         * @param burst             requests allowed at once after a quiet spell, at least 1
         * @return this builder
         * @throws IllegalArgumentException if a value is out of range
         */
        public Builder rateLimit(double requestsPerSecond, int burst) {
            if (requestsPerSecond < 0 || burst < 1) {
                throw new IllegalArgumentException("rate limit needs requestsPerSecond >= 0 and burst >= 1, got "
                        + requestsPerSecond + " and " + burst);
            }
            this.rateLimitPerSecond = requestsPerSecond;
            this.rateLimitBurst = burst;
            return this;
        }

        /**
         * @param faults the random faults and latency for every request
         * @return this builder
         */
        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /**
         * @param seed the seed of the random fault draws, for reproducible runs
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Keeps each new asset and collection out of search results for a while, as iconik's search index lags
         * behind its writes (default: found at once). Reads by id and lists are never delayed.
         *
         * @param delay how long
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder searchDelay(java.time.Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("searchDelay must not be negative: " + delay);
            }
            this.searchDelay = delay;
            return this;
        }

        /**
         * Makes upload URLs measure what they receive (size and MD5, see {@link FakeIconik#uploadedDigest}) and
         * drop the bytes, for uploads too large to keep; {@link FakeIconik#uploadedBytes} is then empty. Each request
         * body is still held while it is received, so large files must come in chunks (a resumable session).
         *
         * @return this builder
         */
        public Builder discardUploads() {
            this.discardUploads = true;
            return this;
        }

        /**
         * Makes the jobs the fake queues for its own work (mediainfo, transcode, keyframes) move READY → STARTED
         * (at half the time) → FINISHED on their own, and then create what iconik would (see
         * {@link FakeIconik#runJobs()}). Default: they stay READY until {@code runJobs()}.
         *
         * @param after how long from queued to finished; zero for at once
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder jobsCompleteAfter(java.time.Duration after) {
            if (after.isNegative()) {
                throw new IllegalArgumentException("jobsCompleteAfter must not be negative: " + after);
            }
            this.jobsCompleteAfter = after;
            return this;
        }

        /**
         * Sets the clock the fake's own jobs run by (default the system clock), so that a test can move time
         * instead of waiting.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return a fake iconik, not yet started */
        public FakeIconik build() {
            return new FakeIconik(this);
        }
    }
}
