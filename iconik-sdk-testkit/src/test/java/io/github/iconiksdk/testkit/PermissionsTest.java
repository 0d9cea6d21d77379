// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Roles and ACLs, checked when a test turns them on, for a second user with a token of its own. */
class PermissionsTest {

    private static final String A = "/API/assets/v1";
    private static final String ACL = "/API/acls/v1";

    private FakeIconik fake;
    private Http admin;

    @BeforeEach
    void start() {
        fake = FakeIconik.builder().build().start();
        admin = Http.of(fake);
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private Http as(FakeUser user) {
        return new Http(fake.url(), Map.of("App-ID", fake.appId(), "Auth-Token", user.authToken()));
    }

    private String asset(String title) {
        return admin.post(A + "/assets/", Map.of("title", title)).json().get("id").asText();
    }

    @Test
    void withoutEnforcement_aSecondUsersTokenCanDoEverything() {
        FakeUser reader = fake.createUser("reader@example.com", "can_read_assets");
        String id = asset("a");
        Http http = as(reader);
        assertEquals(200, http.get(A + "/assets/" + id + "/").status());
        assertEquals(201, http.post(A + "/assets/", Map.of("title", "b")).status());
        assertEquals(reader.id(), http.get("/API/users/v1/users/current/").json().get("id").asText());
        assertFalse(reader.toString().contains(reader.authToken()));
    }

    @Test
    void aMissingRole_answers403_asIconikDoes() {
        fake.enforcePermissions(true);
        FakeUser reader = fake.createUser("reader@example.com", "can_read_assets");
        Http.Answer create = as(reader).post(A + "/assets/", Map.of("title", "b"));
        assertEquals(403, create.status());
        assertTrue(create.json().get("errors").get(0).asText().contains("can_create_assets"), create.body());
        assertEquals(0, fake.assets().size());
        assertEquals(201, admin.post(A + "/assets/", Map.of("title", "b")).status(), "the administrator passes");
    }

    @Test
    void readingAnAsset_needsAnAcl_directOrInheritedThroughItsCollection() {
        fake.enforcePermissions(true);
        FakeUser reader = fake.createUser("reader@example.com", "can_read_assets", "can_read_acls");
        String id = asset("a");
        Http http = as(reader);
        assertEquals(403, http.get(A + "/assets/" + id + "/").status());
        assertEquals(403, http.get(ACL + "/acl/assets/" + id + "/read/").status());

        String parent = admin.post(A + "/collections/", Map.of("title", "Parent")).json().get("id").asText();
        String child = admin.post(A + "/collections/", Map.of("title", "Child", "parent_id", parent)).json()
                .get("id").asText();
        admin.post(A + "/collections/" + child + "/contents/", Map.of("object_id", id, "object_type", "assets"));
        assertEquals(201, admin.put(ACL + "/groups/" + reader.groupId() + "/acl/collections/" + parent + "/",
                Map.of("permissions", List.of("read"))).status());

        assertEquals(200, http.get(A + "/assets/" + id + "/").status());
        assertEquals(200, http.get(ACL + "/acl/assets/" + id + "/read/").status());
        assertEquals(List.of("read"), strings(http.get(ACL + "/acl/assets/" + id + "/permissions/").json()
                .get("permissions")));
        JsonNode combined = admin.get(ACL + "/acl/assets/" + id + "/").json();
        assertEquals(parent, combined.get("inherited_groups_acl").get(0).get("object_key").asText());
        assertEquals(403, http.patch(A + "/assets/" + id + "/", Map.of("title", "x")).status(),
                "no write permission, and no can_write_assets role");
    }

    @Test
    void aUsersOwnAssets_areItsToChange() {
        fake.enforcePermissions(true);
        FakeUser editor = fake.createUser("ed@example.com", "can_create_assets", "can_read_assets",
                "can_write_assets", "can_delete_assets");
        Http http = as(editor);
        String id = http.post(A + "/assets/", Map.of("title", "mine")).json().get("id").asText();
        assertEquals(200, http.patch(A + "/assets/" + id + "/", Map.of("title", "still mine")).status());
        String other = asset("not mine");
        assertEquals(403, http.delete(A + "/assets/" + other + "/").status());
        assertEquals(204, http.delete(A + "/assets/" + id + "/").status());
    }

    @Test
    void bulkCheck_splitsGrantedFromDenied() {
        FakeUser reader = fake.createUser("reader@example.com");
        String mine = asset("mine");
        String theirs = asset("theirs");
        admin.put(ACL + "/users/" + reader.id() + "/acl/assets/" + mine + "/", Map.of("permissions",
                List.of("read")));
        JsonNode out = as(reader).post(ACL + "/acl/", Map.of("objects", List.of(Map.of("object_type", "assets",
                "object_keys", List.of(mine, theirs), "permissions", List.of("read"))))).json();
        assertEquals(List.of(mine), strings(out.get("access_granted")));
        assertEquals(List.of(theirs), strings(out.get("access_denied")));
    }

    @Test
    void aDeletedUsersToken_isRefused() {
        FakeUser gone = fake.createUser("gone@example.com");
        assertEquals(204, admin.delete("/API/users/v1/users/" + gone.id() + "/").status());
        assertEquals(401, as(gone).get(A + "/assets/").status());
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(v -> out.add(v.asText()));
        return out;
    }
}
