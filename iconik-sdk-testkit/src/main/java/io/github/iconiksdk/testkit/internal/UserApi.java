// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Users, groups, group membership and the current user ({@code /API/users/v1/}). */
final class UserApi {

    static final String USERS = "/API/users/v1";

    private final Context ctx;
    private final Access access;

    UserApi(Context ctx, Access access) {
        this.ctx = ctx;
        this.access = access;
    }

    void register(Router r) {
        r.add("GET", USERS + "/users/", c -> Reply.json(200, Pages.page(c, views(users()), 10, 500)));
        r.add("POST", USERS + "/users/", this::createUser);
        r.add("GET", USERS + "/users/current/", c -> Reply.json(200, view(user(c.userId()))));
        r.add("PATCH", USERS + "/users/current/", c -> updateUser(c, c.userId(), true));
        r.add("PUT", USERS + "/users/current/", c -> updateUser(c, c.userId(), false));
        r.add("GET", USERS + "/users/current/roles/", c -> roles(c.userId()));
        r.add("GET", USERS + "/users/{user_id}/", c -> Reply.json(200, view(user(c.param("user_id")))));
        r.add("PATCH", USERS + "/users/{user_id}/", c -> updateUser(c, c.param("user_id"), true));
        r.add("PUT", USERS + "/users/{user_id}/", c -> updateUser(c, c.param("user_id"), false));
        r.add("DELETE", USERS + "/users/{user_id}/", this::deleteUser);
        r.add("GET", USERS + "/users/{user_id}/roles/", c -> roles(Json.text(user(c.param("user_id")), "id")));
        r.add("GET", USERS + "/groups/", c -> Reply.json(200, Pages.page(c, groups(), 10, 500)));
        r.add("POST", USERS + "/groups/", this::createGroup);
        r.add("GET", USERS + "/groups/{group_id}/", c -> Reply.json(200, group(c.param("group_id"))));
        r.add("PATCH", USERS + "/groups/{group_id}/", c -> updateGroup(c, true));
        r.add("PUT", USERS + "/groups/{group_id}/", c -> updateGroup(c, false));
        r.add("DELETE", USERS + "/groups/{group_id}/", this::deleteGroup);
        r.add("POST", USERS + "/groups/{group_id}/users/{user_id}/", c -> membership(c, true));
        r.add("DELETE", USERS + "/groups/{group_id}/users/{user_id}/", c -> membership(c, false));
    }

    private List<ObjectNode> users() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode u : ctx.store.table(Store.USERS).values()) {
            if (!"DELETED".equals(Json.text(u, "status"))) {
                out.add(u);
            }
        }
        return out;
    }

    private static List<ObjectNode> views(List<ObjectNode> users) {
        List<ObjectNode> out = new ArrayList<>();
        users.forEach(u -> out.add(view(u)));
        return out;
    }

    /** The user as UserSchema: never its password. */
    static ObjectNode view(ObjectNode user) {
        ObjectNode out = user.deepCopy();
        out.remove("password");
        return out;
    }

    ObjectNode user(String id) {
        ObjectNode u = id == null ? null : ctx.store.table(Store.USERS).get(id);
        if (u == null || "DELETED".equals(Json.text(u, "status"))) {
            throw ApiError.notFound("User", id);
        }
        return u;
    }

    private void checkGroups(JsonNode groups) {
        if (groups != null) {
            for (JsonNode g : groups) {
                group(g.asText());
            }
        }
    }

    private Reply createUser(Call c) {
        ObjectNode in = Shapes.USER.accept(c.json(), "email", "first_name", "type");
        checkGroups(in.get("groups"));
        for (ObjectNode u : users()) {
            if (Json.text(in, "email").equalsIgnoreCase(Json.text(u, "email"))) {
                throw ApiError.fields(Map.of("email", "A user with this email already exists."));
            }
        }
        ObjectNode u = Json.object();
        String now = Json.now();
        u.put("id", Context.newId());
        u.put("status", "ACTIVE");
        u.put("is_admin", false);
        u.putArray("groups");
        u.putArray("system_domains").add(ctx.systemDomainId());
        u.put("system_domain_id", ctx.systemDomainId());
        u.put("date_created", now);
        u.put("date_modified", now);
        u.setAll(in);
        ctx.store.table(Store.USERS).put(Json.text(u, "id"), u);
        return Reply.json(201, view(u));
    }

    private Reply updateUser(Call c, String id, boolean patch) {
        ObjectNode u = user(id);
        ObjectNode in = patch ? Shapes.USER.accept(c.json()) : Shapes.USER.accept(c.json(), "first_name", "type");
        checkGroups(in.get("groups"));
        if (!access.isAdmin(c.userId()) && (in.has("is_admin") || in.has("groups"))) {
            throw ApiError.of(403, "Only an administrator may change is_admin or groups");
        }
        u.setAll(in);
        Context.touch(u);
        return Reply.json(200, view(u));
    }

    private Reply deleteUser(Call c) {
        ObjectNode u = user(c.param("user_id"));
        if (Json.text(u, "id").equals(ctx.userId())) {
            throw ApiError.of(400, "The fake's ready-made administrator cannot be deleted");
        }
        u.put("status", "DELETED");
        Context.touch(u);
        ctx.store.table(Store.TOKENS).values().removeIf(t -> Json.text(u, "id").equals(Json.text(t, "user_id")));
        return Reply.empty(204);
    }

    private Reply roles(String userId) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("objects");
        access.roles(Json.text(user(userId), "id")).forEach(list::add);
        return Reply.json(200, out);
    }

    private List<ObjectNode> groups() {
        return new ArrayList<>(ctx.store.table(Store.GROUPS).values());
    }

    ObjectNode group(String id) {
        return ctx.store.get(Store.GROUPS, id).orElseThrow(() -> ApiError.notFound("Group", id));
    }

    private Reply createGroup(Call c) {
        ObjectNode in = Shapes.GROUP.accept(c.json(), "name");
        ObjectNode g = Json.object();
        String now = Json.now();
        g.put("id", Context.newId());
        g.putArray("roles");
        g.put("is_saml_group", false);
        g.put("date_created", now);
        g.put("date_modified", now);
        g.setAll(in);
        ctx.store.table(Store.GROUPS).put(Json.text(g, "id"), g);
        return Reply.json(201, g);
    }

    private Reply updateGroup(Call c, boolean patch) {
        ObjectNode g = group(c.param("group_id"));
        ObjectNode in = patch ? Shapes.GROUP.accept(c.json()) : Shapes.GROUP.accept(c.json(), "name");
        g.setAll(in);
        Context.touch(g);
        return Reply.json(200, g);
    }

    private Reply deleteGroup(Call c) {
        ObjectNode g = group(c.param("group_id"));
        String id = Json.text(g, "id");
        ctx.store.table(Store.GROUPS).remove(id);
        for (ObjectNode u : ctx.store.table(Store.USERS).values()) {
            ArrayNode kept = Json.array();
            u.path("groups").forEach(x -> {
                if (!id.equals(x.asText())) {
                    kept.add(x);
                }
            });
            u.set("groups", kept);
        }
        ctx.store.table(Store.ACLS).values().removeIf(a -> id.equals(Json.text(a, "group_id")));
        return Reply.empty(204);
    }

    private Reply membership(Call c, boolean add) {
        String groupId = Json.text(group(c.param("group_id")), "id");
        ObjectNode u = user(c.param("user_id"));
        ArrayNode groups = u.withArray("groups");
        boolean member = false;
        for (int i = groups.size() - 1; i >= 0; i--) {
            if (groupId.equals(groups.get(i).asText())) {
                member = true;
                if (!add) {
                    groups.remove(i);
                }
            }
        }
        if (add && !member) {
            groups.add(groupId);
        }
        if (!add && !member) {
            throw ApiError.of(404, "User " + Json.text(u, "id") + " is not in group " + groupId);
        }
        Context.touch(u);
        return Reply.json(add ? 201 : 200, view(u));
    }
}
