package io.github.iconiksdk.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static io.github.iconiksdk.testkit.internal.Context.ACLS;

/**
 * Group ACLs on objects ({@code GroupACLSchema}): what a gateway sets when a storage names an access group for new
 * assets. Only {@code assets} and {@code collections} objects are checked for existence; other object types are
 * stored as given.
 */
final class AclApi {

    private static final String PATH = ACLS + "/groups/{group_id}/acl/{object_type}/{object_key}/";

    private final Context ctx;

    AclApi(Context ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add("PUT", PATH, this::put);
        r.add("GET", PATH, c -> Reply.json(200, existing(c)));
        r.add("DELETE", PATH, this::delete);
    }

    private Reply put(Call c) {
        ObjectNode in = Shapes.GROUP_ACL.accept(c.json(), "permissions");
        String type = c.param("object_type");
        String key = c.param("object_key");
        if ("assets".equals(type)) {
            ctx.asset(key);
        } else if ("collections".equals(type)) {
            ctx.store.get(Store.COLLECTIONS, key).orElseThrow(() -> ApiError.notFound("Collection", key));
        }
        String id = id(c);
        ObjectNode old = ctx.store.table(Store.ACLS).get(id);
        String now = Json.now();
        ObjectNode acl = Json.object();
        acl.put("group_id", c.param("group_id"));
        acl.put("object_type", type);
        acl.put("object_key", key);
        acl.set("permissions", in.get("permissions"));
        acl.put("date_created", old == null ? now : Json.text(old, "date_created"));
        acl.put("date_modified", now);
        ctx.store.table(Store.ACLS).put(id, acl);
        return Reply.json(old == null ? 201 : 200, acl);
    }

    private ObjectNode existing(Call c) {
        ObjectNode acl = ctx.store.table(Store.ACLS).get(id(c));
        if (acl == null) {
            throw ApiError.of(404, "ACL does not exist");
        }
        return acl;
    }

    private Reply delete(Call c) {
        existing(c);
        ctx.store.table(Store.ACLS).remove(id(c));
        return Reply.empty(204);
    }

    private static String id(Call c) {
        return String.join("/", c.param("group_id"), c.param("object_type"), c.param("object_key"));
    }
}
