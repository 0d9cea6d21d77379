// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

/**
 * A user of the fake iconik other than its ready-made administrator, with an Auth-Token of its own (used with
 * the fake's App-ID), for tests of what a user without some right gets. The token is not part of
 * {@link #toString()}.
 *
 * @param id the user's id
 * @param groupId the id of the group that gives it its roles
 * @param authToken its Auth-Token
 */
public record FakeUser(String id, String groupId, String authToken) {

    @Override
    public String toString() {
        return "FakeUser[id=" + id + ", groupId=" + groupId + "]";
    }
}
