// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.iconiksdk.testkit.internal.Context.ACLS;

/**
 * ACLs on objects ({@code /API/acls/v1/}): group and user ACLs set one by one or for many objects at once, the
 * combined view of an object with what it inherits from the collections it is in, the caller's permissions, and
 * permission checks (200 when granted, 403 when not). Only {@code assets} and {@code collections} objects are
 * checked for existence; other object types are stored as given.
 */
final class AclApi {

    private static final String GROUP_ACL = ACLS + "/groups/{group_id}/acl/{object_type}/{object_key}/";
    private static final String USER_ACL = ACLS + "/users/{user_id}/acl/{object_type}/{object_key}/";

    private final Context ctx;
    private final Access access;

    AclApi(Context ctx, Access access) {
        this.ctx = ctx;
        this.access = access;
    }

    void register(Router r) {
        r.add("PUT", GROUP_ACL, c -> put(c, Store.ACLS, "group_id", c.param("group_id")));
        r.add("GET", GROUP_ACL, c -> Reply.json(200, existing(Store.ACLS, key(c, "group_id"))));
        r.add("DELETE", GROUP_ACL, c -> delete(Store.ACLS, key(c, "group_id")));
        r.add("PUT", USER_ACL, c -> put(c, Store.USER_ACLS, "user_id", c.param("user_id")));
        r.add("GET", USER_ACL, c -> Reply.json(200, existing(Store.USER_ACLS, key(c, "user_id"))));
        r.add("DELETE", USER_ACL, c -> delete(Store.USER_ACLS, key(c, "user_id")));
        r.add("GET", ACLS + "/acl/{object_type}/{object_key}/", this::combined);
        r.add("GET", ACLS + "/acl/{object_type}/{object_key}/permissions/", this::myPermissions);
        r.add("GET", ACLS + "/acl/{object_type}/{object_key}/{permission}/", this::checkOne);
        r.add("POST", ACLS + "/acl/{object_type}/{permission}/", this::checkKeys);
        r.add("POST", ACLS + "/acl/", this::checkBulk);
        r.add("PUT", ACLS + "/acl/{object_type}/", this::putMany);
        r.add("PUT", ACLS + "/acl/{object_type}/bulk/", this::putBulk);
        r.add("DELETE", ACLS + "/acl/{object_type}/", this::deleteMany);
    }

    private void checkObject(String type, String key) {
        if ("assets".equals(type)) {
            ctx.asset(key);
        } else if ("collections".equals(type)) {
            ctx.store.get(Store.COLLECTIONS, key).orElseThrow(() -> ApiError.notFound("Collection", key));
        }
    }

    private static String key(Call c, String who) {
        return String.join("/", c.param(who), c.param("object_type"), c.param("object_key"));
    }

    private static List<String> permissions(JsonNode list) {
        List<String> out = Access.strings(list);
        for (String p : out) {
            if (!Access.ALL_PERMISSIONS.contains(p)) {
                throw ApiError.fields(Map.of("permissions", "'" + p + "' is not one of read, write, delete,"
                        + " change-acl."));
            }
        }
        return out;
    }

    /** Sets (replacing) one ACL row; answers 201 when new, 200 when replaced. */
    private ObjectNode set(String table, String who, String whoId, String type, String key, List<String> perms) {
        checkObject(type, key);
        String id = String.join("/", whoId, type, key);
        ObjectNode old = ctx.store.table(table).get(id);
        String now = Json.now();
        ObjectNode acl = Json.object();
        acl.put(who, whoId);
        acl.put("object_type", type);
        acl.put("object_key", key);
        perms.forEach(acl.putArray("permissions")::add);
        acl.put("date_created", old == null ? now : Json.text(old, "date_created"));
        acl.put("date_modified", now);
        ctx.store.table(table).put(id, acl);
        return acl;
    }

    private Reply put(Call c, String table, String who, String whoId) {
        ObjectNode in = Shapes.USER_ACL.accept(c.json(), "permissions");
        if ("user_id".equals(who)) {
            ctx.store.get(Store.USERS, whoId).orElseThrow(() -> ApiError.notFound("User", whoId));
        }
        boolean existed = ctx.store.table(table).containsKey(key(c, who));
        ObjectNode acl = set(table, who, whoId, c.param("object_type"), c.param("object_key"),
                permissions(in.get("permissions")));
        return Reply.json(existed ? 200 : 201, acl);
    }

    private ObjectNode existing(String table, String id) {
        ObjectNode acl = ctx.store.table(table).get(id);
        if (acl == null) {
            throw ApiError.of(404, "ACL does not exist");
        }
        return acl;
    }

    private Reply delete(String table, String id) {
        existing(table, id);
        ctx.store.table(table).remove(id);
        return Reply.empty(204);
    }

    /** ACLSchema: direct user and group ACLs, inherited ones from enclosing collections, propagating ones. */
    private Reply combined(Call c) {
        String type = c.param("object_type");
        String key = c.param("object_key");
        checkObject(type, key);
        ObjectNode out = Json.object();
        ArrayNode users = out.putArray("users_acl");
        ArrayNode groups = out.putArray("groups_acl");
        for (ObjectNode a : access.direct(Store.USER_ACLS, type, key)) {
            users.addObject().put("user_id", Json.text(a, "user_id")).set("permissions", a.get("permissions"));
        }
        for (ObjectNode a : access.direct(Store.ACLS, type, key)) {
            groups.addObject().put("group_id", Json.text(a, "group_id")).set("permissions", a.get("permissions"));
        }
        ArrayNode inheritedUsers = out.putArray("inherited_users_acl");
        ArrayNode inheritedGroups = out.putArray("inherited_groups_acl");
        for (String col : access.ancestors(type, key)) {
            for (ObjectNode a : access.direct(Store.USER_ACLS, "collections", col)) {
                inheritedUsers.add(propagating(a, "user_id"));
            }
            for (ObjectNode a : access.direct(Store.ACLS, "collections", col)) {
                inheritedGroups.add(propagating(a, "group_id"));
            }
        }
        ArrayNode propagatingUsers = out.putArray("propagating_users_acl");
        ArrayNode propagatingGroups = out.putArray("propagating_groups_acl");
        if ("collections".equals(type)) {
            access.direct(Store.USER_ACLS, type, key).forEach(a -> propagatingUsers.add(propagating(a, "user_id")));
            access.direct(Store.ACLS, type, key).forEach(a -> propagatingGroups.add(propagating(a, "group_id")));
        }
        return Reply.json(200, out);
    }

    private static ObjectNode propagating(ObjectNode acl, String who) {
        ObjectNode o = Json.object();
        o.put(who, Json.text(acl, who));
        o.put("object_type", Json.text(acl, "object_type"));
        o.put("object_key", Json.text(acl, "object_key"));
        o.set("permissions", acl.get("permissions").deepCopy());
        return o;
    }

    private Reply myPermissions(Call c) {
        String type = c.param("object_type");
        String key = c.param("object_key");
        checkObject(type, key);
        ObjectNode out = Json.object();
        access.permissions(c.userId(), type, key).forEach(out.putArray("permissions")::add);
        return Reply.json(200, out);
    }

    private Reply checkOne(Call c) {
        String type = c.param("object_type");
        String key = c.param("object_key");
        String permission = c.param("permission");
        permissions(Json.array().add(permission));
        checkObject(type, key);
        if (!access.permissions(c.userId(), type, key).contains(permission)) {
            throw ApiError.of(403, "No " + permission + " permission on " + type + " " + key);
        }
        return Reply.empty(200);
    }

    private ObjectNode check(String type, List<String> keys, List<String> wanted, String userId, ObjectNode out) {
        ArrayNode granted = out.withArray("access_granted");
        ArrayNode denied = out.withArray("access_denied");
        for (String key : keys) {
            Set<String> has = access.permissions(userId, type, key);
            if (has.containsAll(wanted)) {
                granted.add(key);
            } else {
                denied.add(key);
            }
        }
        return out;
    }

    private Reply checkKeys(Call c) {
        ObjectNode in = Shapes.ACL_KEYS.accept(c.json(), "object_keys");
        List<String> wanted = permissions(Json.array().add(c.param("permission")));
        ObjectNode out = check(c.param("object_type"), Access.strings(in.get("object_keys")), wanted, c.userId(),
                Json.object());
        if (out.get("access_denied").size() > 0) {
            return Reply.json(403, ApiError.of(403, "No " + c.param("permission") + " permission on "
                    + out.get("access_denied")).body());
        }
        return Reply.json(200, out);
    }

    private Reply checkBulk(Call c) {
        ObjectNode in = Shapes.BULK_ACL_OBJECTS.accept(c.json(), "objects");
        ObjectNode out = Json.object();
        out.putArray("access_granted");
        out.putArray("access_denied");
        for (JsonNode o : in.get("objects")) {
            ObjectNode one = Shapes.ACL_CHECK_OBJECT.accept(o, "object_keys", "object_type", "permissions");
            check(Json.text(one, "object_type"), Access.strings(one.get("object_keys")),
                    permissions(one.get("permissions")), c.userId(), out);
        }
        return Reply.json(200, out);
    }

    /** Sets ACLs of users and groups on many objects (CreateACLsSchema); APPEND adds to what each has. */
    private ArrayNode apply(String type, ObjectNode in, ArrayNode updated) {
        List<String> perms = permissions(in.get("permissions"));
        boolean append = "APPEND".equals(Json.text(in, "mode"));
        for (String key : Access.strings(in.get("object_keys"))) {
            checkObject(type, key);
            for (String user : Access.strings(in.get("user_ids"))) {
                ctx.store.get(Store.USERS, user).orElseThrow(() -> ApiError.notFound("User", user));
                set(Store.USER_ACLS, "user_id", user, type, key, merged(Store.USER_ACLS, user, type, key, perms,
                        append));
            }
            for (String group : Access.strings(in.get("group_ids"))) {
                ctx.store.get(Store.GROUPS, group).orElseThrow(() -> ApiError.notFound("Group", group));
                set(Store.ACLS, "group_id", group, type, key, merged(Store.ACLS, group, type, key, perms, append));
            }
            updated.add(key);
        }
        return updated;
    }

    private List<String> merged(String table, String who, String type, String key, List<String> perms,
                                boolean append) {
        if (!append) {
            return perms;
        }
        ObjectNode old = ctx.store.table(table).get(String.join("/", who, type, key));
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(old == null ? List.of()
                : Access.strings(old.get("permissions")));
        all.addAll(perms);
        return List.copyOf(all);
    }

    private Reply putMany(Call c) {
        ObjectNode in = Shapes.CREATE_ACLS.accept(c.json(), "object_keys", "permissions");
        ObjectNode out = Json.object();
        apply(c.param("object_type"), in, out.putArray("updated_object_keys"));
        return Reply.json(200, out);
    }

    private Reply putBulk(Call c) {
        ObjectNode in = Shapes.BULK_ACL_OBJECTS.accept(c.json(), "objects");
        if (in.get("objects").size() < 1 || in.get("objects").size() > 100) {
            throw ApiError.fields(Map.of("objects", "Length must be between 1 and 100."));
        }
        ArrayNode out = Json.array();
        for (JsonNode o : in.get("objects")) {
            ObjectNode result = out.addObject();
            apply(c.param("object_type"), Shapes.CREATE_ACLS.accept(o, "object_keys", "permissions"),
                    result.putArray("updated_object_keys"));
        }
        return Reply.json(200, out);
    }

    private Reply deleteMany(Call c) {
        ObjectNode in = Shapes.DELETE_ACLS.accept(c.json());
        String type = c.param("object_type");
        for (String key : Access.strings(in.get("object_keys"))) {
            for (String user : Access.strings(in.get("user_ids"))) {
                ctx.store.table(Store.USER_ACLS).remove(String.join("/", user, type, key));
            }
            for (String group : Access.strings(in.get("group_ids"))) {
                ctx.store.table(Store.ACLS).remove(String.join("/", group, type, key));
            }
        }
        return Reply.empty(200);
    }
}
