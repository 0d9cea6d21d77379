// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.iconiksdk.testkit.internal.Context.ASSETS;

/** Shares of assets and collections, and the people they are shared with. */
final class ShareApi {

    private static final String SHARES = ASSETS + "/{object_type}/{object_id}/shares";
    private static final List<String> FLAGS = List.of("allow_approving_comments", "allow_comments",
            "allow_download", "allow_setting_approve_status");

    private final Context ctx;

    ShareApi(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("POST", SHARES + "/", this::create);
        r.add("GET", SHARES + "/", this::list);
        r.add("GET", SHARES + "/{share_id}/", c -> Reply.json(200, withUsers(share(c))));
        r.add("PUT", SHARES + "/{share_id}/", this::update);
        r.add("DELETE", SHARES + "/{share_id}/", this::delete);
        r.add("POST", SHARES + "/{share_id}/users/", this::addUser);
        r.add("GET", SHARES + "/{share_id}/users/", c -> {
            ObjectNode out = Json.object();
            out.set("objects", withUsers(share(c)).get("users"));
            return Reply.json(200, out);
        });
        r.add("GET", SHARES + "/{share_id}/users/{share_user_id}/", c -> Reply.json(200, shareUser(c)));
        r.add("PATCH", SHARES + "/{share_id}/users/{share_user_id}/", this::updateUser);
        r.add("PUT", SHARES + "/{share_id}/users/{share_user_id}/", this::updateUser);
        r.add("DELETE", SHARES + "/{share_id}/users/{share_user_id}/", c -> {
            ctx.store.table(Store.SHARE_USERS).remove(Json.text(shareUser(c), "id"));
            return Reply.empty(204);
        });
    }

    private void checkObject(String type, String id) {
        switch (type) {
            case "assets" -> ctx.asset(id);
            case "collections" -> {
                ObjectNode col = ctx.store.get(Store.COLLECTIONS, id)
                        .orElseThrow(() -> ApiError.notFound("Collection", id));
                if ("DELETED".equals(Json.text(col, "status"))) {
                    throw ApiError.notFound("Collection", id);
                }
            }
            default -> throw ApiError.of(400, "Shares of " + type + " are not served by the fake iconik"
                    + " (assets and collections are)");
        }
    }

    private ObjectNode share(Call c) {
        checkObject(c.param("object_type"), c.param("object_id"));
        ObjectNode s = ctx.store.get(Store.SHARES, c.param("share_id"))
                .orElseThrow(() -> ApiError.notFound("Share", c.param("share_id")));
        if (!c.param("object_id").equals(Json.text(s, "object_id"))) {
            throw ApiError.notFound("Share", c.param("share_id"));
        }
        return s;
    }

    /** The share as GetShareSchema: with the people it is shared with. */
    private ObjectNode withUsers(ObjectNode share) {
        ObjectNode out = share.deepCopy();
        var users = out.putArray("users");
        ctx.store.where(Store.SHARE_USERS, "share_id", Json.text(share, "id")).forEach(users::add);
        return out;
    }

    private Reply create(Call c) {
        String type = c.param("object_type");
        String objectId = c.param("object_id");
        checkObject(type, objectId);
        ObjectNode in = Shapes.SHARE.accept(c.json());
        JsonNode emails = in.remove("emails");
        String password = in.has("password") && !in.get("password").isNull() ? Json.text(in, "password") : null;
        in.remove("password");
        ObjectNode s = Json.object();
        String id = Context.newId();
        FLAGS.forEach(f -> s.put(f, false));
        s.put("id", id);
        s.put("object_type", type);
        s.put("object_id", objectId);
        s.put("owner_id", c.userId());
        s.put("system_domain_id", ctx.systemDomainId());
        s.put("date_created", Json.now());
        s.put("has_password", password != null);
        s.put("url", ctx.baseUrl() + "/share/" + id + "/");
        s.setAll(in);
        ctx.store.table(Store.SHARES).put(id, s);
        if (emails != null) {
            for (JsonNode e : emails) {
                newUser(s, e.asText());
            }
        }
        return Reply.json(202, s);
    }

    private ObjectNode newUser(ObjectNode share, String email) {
        ObjectNode u = Json.object();
        u.put("id", Context.newId());
        u.put("email", email);
        u.put("share_id", Json.text(share, "id"));
        u.put("object_type", Json.text(share, "object_type"));
        u.put("object_id", Json.text(share, "object_id"));
        u.put("access_count", 0);
        ctx.store.table(Store.SHARE_USERS).put(Json.text(u, "id"), u);
        return u;
    }

    private Reply list(Call c) {
        checkObject(c.param("object_type"), c.param("object_id"));
        ObjectNode out = Json.object();
        var list = out.putArray("objects");
        ctx.store.where(Store.SHARES, "object_id", c.param("object_id")).forEach(list::add);
        return Reply.json(200, out);
    }

    private Reply update(Call c) {
        ObjectNode s = share(c);
        ObjectNode in = Shapes.SHARE.accept(c.json());
        in.remove("emails");
        if (in.has("password")) {
            s.put("has_password", !in.get("password").isNull());
            in.remove("password");
        }
        s.setAll(in);
        return Reply.json(200, s);
    }

    private Reply delete(Call c) {
        ObjectNode s = share(c);
        ctx.store.table(Store.SHARES).remove(Json.text(s, "id"));
        ctx.store.table(Store.SHARE_USERS).values().removeIf(u -> Json.text(s, "id").equals(Json.text(u,
                "share_id")));
        return Reply.empty(204);
    }

    private Reply addUser(Call c) {
        ObjectNode s = share(c);
        ObjectNode in = Shapes.SHARE_USER.accept(c.json(), "email");
        for (ObjectNode u : ctx.store.where(Store.SHARE_USERS, "share_id", Json.text(s, "id"))) {
            if (Json.text(in, "email").equalsIgnoreCase(Json.text(u, "email"))) {
                throw ApiError.fields(Map.of("email", "Already shared with " + Json.text(in, "email") + "."));
            }
        }
        ObjectNode u = newUser(s, Json.text(in, "email"));
        if (in.has("internal_user_id")) {
            u.put("internal_user_id", Json.text(in, "internal_user_id"));
        }
        return Reply.json(201, u);
    }

    private ObjectNode shareUser(Call c) {
        ObjectNode s = share(c);
        ObjectNode u = ctx.store.get(Store.SHARE_USERS, c.param("share_user_id"))
                .orElseThrow(() -> ApiError.notFound("Share user", c.param("share_user_id")));
        if (!Json.text(s, "id").equals(Json.text(u, "share_id"))) {
            throw ApiError.notFound("Share user", c.param("share_user_id"));
        }
        return u;
    }

    private Reply updateUser(Call c) {
        ObjectNode u = shareUser(c);
        ObjectNode in = Shapes.SHARE_USER.accept(c.json());
        in.remove("password");
        u.setAll(in);
        return Reply.json(200, u);
    }

    /** @return the shares of an object (for tests) */
    static List<ObjectNode> of(Store store, String objectId) {
        return new ArrayList<>(store.where(Store.SHARES, "object_id", objectId));
    }
}
