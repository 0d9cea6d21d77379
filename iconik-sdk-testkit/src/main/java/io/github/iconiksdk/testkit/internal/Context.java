// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/** What every route handler shares: the store, the fake's own URL (for upload links) and small lookups. */
final class Context {

    static final String FILES = "/API/files/v1";
    static final String ASSETS = "/API/assets/v1";
    static final String METADATA = "/API/metadata/v1";
    static final String JOBS = "/API/jobs/v1";
    static final String SEARCH = "/API/search/v1";
    static final String ACLS = "/API/acls/v1";

    final Store store;
    private final Supplier<String> baseUrl;
    /** Runs the jobs the fake queues for its own work; set once by the engine. */
    JobRunner jobs;
    /** Who may do what; set once by the engine. */
    Access access;

    Context(Store store, Supplier<String> baseUrl) {
        this.store = store;
        this.baseUrl = baseUrl;
    }

    /** @return the fake's base URL, {@code http://127.0.0.1:PORT} */
    String baseUrl() {
        return baseUrl.get();
    }

    /** @return a new random id */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** @return the id of the fake's only user */
    String userId() {
        return store.meta("user_id");
    }

    /** @return the id of the fake's system domain */
    String systemDomainId() {
        return store.meta("system_domain_id");
    }

    ObjectNode asset(String assetId) {
        ObjectNode a = store.get(Store.ASSETS, assetId).orElseThrow(() -> ApiError.notFound("Asset", assetId));
        if ("DELETED".equals(Json.text(a, "status"))) {
            throw ApiError.notFound("Asset", assetId);
        }
        return a;
    }

    ObjectNode storage(String storageId) {
        return store.get(Store.STORAGES, storageId).orElseThrow(() -> ApiError.notFound("Storage", storageId));
    }

    /**
     * An object of a table that belongs to an asset.
     *
     * @param table the table
     * @param what its name for the error message
     * @param assetId the asset
     * @param id the object's id
     * @return the live object
     */
    ObjectNode owned(String table, String what, String assetId, String id) {
        asset(assetId);
        ObjectNode o = store.get(table, id).orElseThrow(() -> ApiError.notFound(what, id));
        if (!assetId.equals(Json.text(o, "asset_id"))) {
            throw ApiError.notFound(what, id);
        }
        return o;
    }

    /**
     * The storage of a purpose that iconik uses by default (its own cloud storage).
     *
     * @param purpose FILES, PROXIES or KEYFRAMES
     * @return the storage
     */
    ObjectNode defaultStorage(String purpose) {
        String p = purpose.toUpperCase(Locale.ROOT);
        for (ObjectNode s : store.table(Store.STORAGES).values()) {
            if (p.equals(Json.text(s, "purpose")) && s.path("default").asBoolean(false)) {
                return s;
            }
        }
        throw ApiError.of(404, "No default storage for " + purpose);
    }

    /** Marks an object modified now. */
    static void touch(ObjectNode o) {
        o.put("date_modified", Json.now());
    }
}
