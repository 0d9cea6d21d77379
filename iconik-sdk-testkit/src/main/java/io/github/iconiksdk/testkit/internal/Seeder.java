// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a fresh fake iconik holds: credentials, one user, iconik's own default cloud storages for files, proxies and
 * keyframes, and one ready-made File storage for a gateway with the settings iconik gives a new one.
 */
public final class Seeder {

    private Seeder() {
    }

    /**
     * Makes sure the store holds the record of its ready-made user (an administrator: every right), also in a
     * state saved before users were kept.
     *
     * @param store the store
     */
    public static void ensureUser(Store store) {
        String id = store.meta("user_id");
        if (id == null || store.get(Store.USERS, id).isPresent()) {
            return;
        }
        ObjectNode u = Json.object();
        String now = Json.now();
        u.put("id", id);
        u.put("first_name", "Fake");
        u.put("last_name", "Admin");
        u.put("email", "admin@example.com");
        u.put("type", "POWER");
        u.put("status", "ACTIVE");
        u.put("is_admin", true);
        u.putArray("groups");
        u.putArray("system_domains").add(store.meta("system_domain_id"));
        u.put("system_domain_id", store.meta("system_domain_id"));
        u.put("app_id", store.meta("app_id"));
        u.put("date_created", now);
        u.put("date_modified", now);
        store.table(Store.USERS).put(id, u);
    }

    /**
     * Fills an empty store.
     *
     * @param store the store
     * @param appId the App-ID to accept, or null for a random one
     * @param authToken the Auth-Token to accept, or null for a random one
     * @param mountPoint the File storage's mount point
     */
    public static void seed(Store store, String appId, String authToken, String mountPoint) {
        SecureRandom random = new SecureRandom();
        store.meta("app_id", appId != null ? appId : Context.newId());
        byte[] token = new byte[32];
        random.nextBytes(token);
        store.meta("auth_token", authToken != null ? authToken : HexFormat.of().formatHex(token));
        store.meta("user_id", Context.newId());
        store.meta("system_domain_id", Context.newId());
        cloud(store, "iconik files", "FILES");
        for (String method : List.of("S3", "B2", "AZURE")) {
            cloud(store, "iconik files (" + method + ")", "FILES", method, false);
        }
        cloud(store, "iconik proxies", "PROXIES");
        cloud(store, "iconik keyframes", "KEYFRAMES");
        ObjectNode s = Json.object();
        String id = Context.newId();
        s.put("id", id);
        s.put("name", "Storage Gateway");
        s.put("method", "FILE");
        s.put("purpose", "FILES");
        s.put("status", "ACTIVE");
        s.put("default", false);
        ObjectNode settings = s.putObject("settings");
        settings.put("mount_point", mountPoint);
        settings.put("read", true);
        settings.put("write", true);
        settings.put("delete", false);
        settings.put("scan", true);
        settings.putArray("scan_directories");
        var ignore = settings.putArray("scan_ignore");
        StorageApi.DEFAULT_SCAN_IGNORE.forEach(ignore::add);
        settings.putArray("scan_include");
        settings.putArray("transcode_ignore");
        settings.putArray("transcode_include");
        settings.putArray("upload_ignore");
        settings.put("growing_files_threshold", 10);
        settings.put("scan_interval_seconds", 5);
        settings.put("local_proxy_creation", true);
        settings.put("local_keyframe_creation", true);
        settings.put("upload_files", false);
        settings.put("gateway_user_id", store.meta("user_id"));
        store.table(Store.STORAGES).put(id, s);
        store.meta("file_storage_id", id);
    }

    private static void cloud(Store store, String name, String purpose) {
        cloud(store, name, purpose, "GCS", true);
    }

    private static void cloud(Store store, String name, String purpose, String method, boolean isDefault) {
        ObjectNode s = Json.object();
        String id = Context.newId();
        s.put("id", id);
        s.put("name", name);
        s.put("method", method);
        s.put("purpose", purpose);
        s.put("status", "ACTIVE");
        s.put("default", isDefault);
        ObjectNode settings = s.putObject("settings");
        String bucket = "iconik-fake-" + purpose.toLowerCase(java.util.Locale.ROOT);
        switch (method) {
            case "S3" -> {
                settings.put("bucket", bucket);
                settings.put("region", "eu-west-1");
            }
            case "B2" -> {
                settings.put("bucket_name", bucket);
                settings.put("bucket_id", "fakebucket" + purpose.toLowerCase(java.util.Locale.ROOT));
                settings.put("account_id", "fakeaccount");
            }
            case "AZURE" -> {
                settings.put("account_name", "iconikfake");
                settings.put("container", bucket);
            }
            default -> {
                settings.put("bucket", bucket);
                settings.put("project", "iconik-fake");
            }
        }
        settings.put("path", "");
        settings.put("is_system", true);
        settings.put("read", true);
        settings.put("write", true);
        settings.put("delete", true);
        store.table(Store.STORAGES).put(id, s);
    }

    /**
     * Makes the cloud FILES storage of a method the default one (the others stay, not default).
     *
     * @param store  the store
     * @param method {@code GCS}, {@code S3}, {@code B2} or {@code AZURE}
     * @throws IllegalArgumentException for another method
     */
    public static void defaultFilesMethod(Store store, String method) {
        String m = method.toUpperCase(java.util.Locale.ROOT);
        if (!List.of("GCS", "S3", "B2", "AZURE").contains(m)) {
            throw new IllegalArgumentException("files storage method must be GCS, S3, B2 or AZURE, not " + method);
        }
        boolean found = false;
        for (ObjectNode s : store.table(Store.STORAGES).values()) {
            if ("FILES".equals(Json.text(s, "purpose")) && !"FILE".equals(Json.text(s, "method"))) {
                boolean mine = m.equals(Json.text(s, "method"));
                s.put("default", mine);
                found |= mine;
            }
        }
        if (!found) {
            cloud(store, "iconik files (" + m + ")", "FILES", m, true);
        }
    }

    /**
     * Overrides settings of the ready-made File storage.
     *
     * @param store the store
     * @param settings setting name to JSON value
     * @throws IllegalArgumentException naming the key when a value is invalid for iconik's FileSettingsSchema
     */
    public static void applySettings(Store store, Map<String, JsonNode> settings) {
        ObjectNode storage = store.table(Store.STORAGES).get(store.meta("file_storage_id"));
        for (Map.Entry<String, JsonNode> e : settings.entrySet()) {
            if (!Shapes.FILE_SETTINGS.names().contains(e.getKey()) || e.getKey().equals("gateway_user_id")) {
                throw new IllegalArgumentException("unknown storage setting " + e.getKey()
                        + " (iconik's FileSettingsSchema has " + String.join(", ", Shapes.FILE_SETTINGS.names())
                        + ")");
            }
            ObjectNode one = Json.object();
            one.set(e.getKey(), e.getValue());
            ObjectNode checked;
            try {
                checked = StorageApi.settings("FILE", one);
            } catch (ApiError bad) {
                throw new IllegalArgumentException("invalid value " + e.getValue() + " for storage setting "
                        + e.getKey() + ": " + bad.body().path("errors").path(e.getKey()).asText(bad.getMessage()),
                        bad);
            }
            if (checked.has(e.getKey())) {
                ((ObjectNode) storage.get("settings")).set(e.getKey(), checked.get(e.getKey()));
            } else {
                ((ObjectNode) storage.get("settings")).remove(e.getKey());
            }
        }
    }
}
