// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do what: the roles each operation needs (as iconik's specs list them, {@code roles.tsv}), the roles a
 * user has through its groups, and the permissions ({@code read}, {@code write}, {@code delete},
 * {@code change-acl}) a user has on an asset or collection through user and group ACLs, set on the object or
 * inherited from the collections it is in. Checked only when a test turns enforcement on; the ready-made user is
 * an administrator and passes every check. Callers hold the store's monitor.
 */
final class Access {

    static final List<String> ALL_PERMISSIONS = List.of("read", "write", "delete", "change-acl");

    private static final Map<String, List<String>> ROLES = loadRoles();

    private final Context ctx;
    private volatile boolean enforced;

    Access(Context ctx) {
        this.ctx = ctx;
    }

    private static Map<String, List<String>> loadRoles() {
        Map<String, List<String>> out = new HashMap<>();
        try (InputStream in = Access.class.getResourceAsStream("roles.tsv")) {
            if (in == null) {
                throw new IllegalStateException("the testkit jar lacks io/github/iconiksdk/testkit/internal/roles.tsv");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t");
                out.put(parts[0] + " " + parts[1], List.of(parts[2].split(",")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** @param on whether roles and ACLs are checked on each request */
    void enforce(boolean on) {
        this.enforced = on;
    }

    /**
     * @param method an HTTP method
     * @param route a route template
     * @return the roles iconik's spec names for it (any one suffices); empty when it names none
     */
    static List<String> rolesFor(String method, String route) {
        return ROLES.getOrDefault(method + " " + route, List.of());
    }

    /** @return every role iconik's specs name */
    static Set<String> allRoles() {
        Set<String> out = new TreeSet<>();
        ROLES.values().forEach(out::addAll);
        return out;
    }

    boolean isAdmin(String userId) {
        ObjectNode u = userId == null ? null : ctx.store.table(Store.USERS).get(userId);
        return u != null && u.path("is_admin").asBoolean(false);
    }

    /** @return the ids of the groups a user is in */
    List<String> groupsOf(String userId) {
        List<String> out = new ArrayList<>();
        ObjectNode u = ctx.store.table(Store.USERS).get(userId);
        if (u != null) {
            u.path("groups").forEach(g -> out.add(g.asText()));
        }
        return out;
    }

    /** @return the roles a user has: every role for an administrator, else those of its groups */
    Set<String> roles(String userId) {
        if (isAdmin(userId)) {
            return allRoles();
        }
        Set<String> out = new TreeSet<>();
        for (String g : groupsOf(userId)) {
            ObjectNode group = ctx.store.table(Store.GROUPS).get(g);
            if (group != null) {
                group.path("roles").forEach(r -> out.add(r.asText()));
            }
        }
        return out;
    }

    /**
     * Checks, when enforcement is on, that the caller has a role the operation needs and the permission it needs
     * on the asset or collection it addresses.
     *
     * @param call the request, authenticated
     * @param route the route template matched
     * @throws ApiError 403 when a role or permission is missing
     */
    void authorize(Call call, String route) {
        if (!enforced || isAdmin(call.userId())) {
            return;
        }
        List<String> needed = rolesFor(call.method(), route);
        if (!needed.isEmpty()) {
            Set<String> has = roles(call.userId());
            if (needed.stream().noneMatch(has::contains)) {
                throw ApiError.of(403, "You do not have the required role: " + String.join(" or ", needed));
            }
        }
        String type = null;
        String key = null;
        if (call.param("asset_id") != null) {
            type = "assets";
            key = call.param("asset_id");
        } else if (call.param("collection_id") != null) {
            type = "collections";
            key = call.param("collection_id");
        }
        if (key == null || !exists(type, key)) {
            return;
        }
        String permission = switch (call.method()) {
            case "GET" -> "read";
            case "DELETE" -> route.endsWith("/" + type + "/{" + type.substring(0, type.length() - 1) + "_id}/")
                    ? "delete" : "write";
            default -> "write";
        };
        if (!permissions(call.userId(), type, key).contains(permission)) {
            throw ApiError.of(403, "You do not have " + permission + " permission on " + type + " " + key);
        }
    }

    private boolean exists(String type, String key) {
        String table = "assets".equals(type) ? Store.ASSETS : Store.COLLECTIONS;
        return ctx.store.get(table, key).isPresent();
    }

    /**
     * A new object's creator gets every permission on it, as iconik gives its owner (only recorded for users
     * other than the administrator, who needs none).
     */
    void grantCreator(String userId, String type, String key) {
        if (userId == null || isAdmin(userId)) {
            return;
        }
        ObjectNode acl = Json.object();
        String now = Json.now();
        acl.put("user_id", userId);
        acl.put("object_type", type);
        acl.put("object_key", key);
        ALL_PERMISSIONS.forEach(acl.putArray("permissions")::add);
        acl.put("date_created", now);
        acl.put("date_modified", now);
        ctx.store.table(Store.USER_ACLS).put(userId + "/" + type + "/" + key, acl);
    }

    /** @return the collections whose ACLs an object inherits: those it is in, and their ancestors, nearest first */
    List<String> ancestors(String type, String key) {
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>();
        if ("collections".equals(type)) {
            ctx.store.get(Store.COLLECTIONS, key).map(c -> Json.text(c, "parent_id")).ifPresent(todo::add);
        }
        for (ObjectNode content : ctx.store.where(Store.CONTENTS, "object_id", key)) {
            todo.add(Json.text(content, "collection_id"));
        }
        while (!todo.isEmpty()) {
            String c = todo.remove(0);
            if (c == null || c.equals(key) || !out.add(c)) {
                continue;
            }
            ctx.store.get(Store.COLLECTIONS, c).map(col -> Json.text(col, "parent_id")).ifPresent(todo::add);
            for (ObjectNode content : ctx.store.where(Store.CONTENTS, "object_id", c)) {
                todo.add(Json.text(content, "collection_id"));
            }
        }
        return new ArrayList<>(out);
    }

    /** @return the ACL rows set directly on an object, of a table ({@link Store#ACLS} or {@link Store#USER_ACLS}) */
    List<ObjectNode> direct(String table, String type, String key) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode acl : ctx.store.where(table, "object_key", key)) {
            if (type.equals(Json.text(acl, "object_type"))) {
                out.add(acl);
            }
        }
        return out;
    }

    /** @return the permissions a user has on an object, directly, through its groups, or inherited */
    Set<String> permissions(String userId, String type, String key) {
        if (isAdmin(userId)) {
            return new LinkedHashSet<>(ALL_PERMISSIONS);
        }
        Set<String> out = new TreeSet<>();
        List<String> groups = groupsOf(userId);
        List<String[]> objects = new ArrayList<>();
        objects.add(new String[] {type, key});
        ancestors(type, key).forEach(c -> objects.add(new String[] {"collections", c}));
        for (String[] o : objects) {
            for (ObjectNode acl : direct(Store.USER_ACLS, o[0], o[1])) {
                if (userId.equals(Json.text(acl, "user_id"))) {
                    acl.path("permissions").forEach(p -> out.add(p.asText()));
                }
            }
            for (ObjectNode acl : direct(Store.ACLS, o[0], o[1])) {
                if (groups.contains(Json.text(acl, "group_id"))) {
                    acl.path("permissions").forEach(p -> out.add(p.asText()));
                }
            }
        }
        return out;
    }

    /** Copies a JSON list of strings. */
    static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
