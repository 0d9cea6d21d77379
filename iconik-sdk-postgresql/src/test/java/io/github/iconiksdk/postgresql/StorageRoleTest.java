// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StorageRole}: one holder per storage and role across processes' pools, given up on close; real server. */
class StorageRoleTest {

    @Test
    void oneGatewayHoldsARole_untilItGivesItUp_andOtherStoragesAndRolesDoNotContend() {
        String url = PostgresTestServer.freshSchemaUrl();
        // two databases opened from one URL: two gateways' pools on the same schema
        try (PostgresStateDatabase first = PostgresStateDatabase.open(url);
             PostgresStateDatabase second = PostgresStateDatabase.open(url)) {
            Optional<StorageRole> held = StorageRole.tryTake(first, "s1", "commands");
            assertTrue(held.isPresent());
            assertFalse(StorageRole.tryTake(second, "s1", "commands").isPresent(), "another gateway");
            assertFalse(StorageRole.tryTake(first, "s1", "commands").isPresent(), "another holder in the process");
            try (StorageRole other = StorageRole.tryTake(second, "s2", "commands").orElseThrow();
                 StorageRole otherRole = StorageRole.tryTake(second, "s1", "something else").orElseThrow()) {
                assertTrue(other.toString().contains("s2"));
                assertTrue(otherRole.toString().contains("something else"));
            }
            held.get().close();
            held.get().close(); // idempotent
            try (StorageRole taken = StorageRole.tryTake(second, "s1", "commands").orElseThrow()) {
                assertFalse(StorageRole.tryTake(first, "s1", "commands").isPresent());
            }
        }
    }

    @Test
    void closingTheDatabase_releasesTheRole_forTheOtherGateways() {
        String url = PostgresTestServer.freshSchemaUrl();
        try (PostgresStateDatabase survivor = PostgresStateDatabase.open(url)) {
            PostgresStateDatabase dying = PostgresStateDatabase.open(url);
            assertTrue(StorageRole.tryTake(dying, "s", "commands").isPresent());
            dying.close(); // its connections end, as when the process dies: the server releases the lock
            assertTrue(StorageRole.tryTake(survivor, "s", "commands").isPresent());
        }
    }
}
