// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateUrlTest {

    @Test
    void fullUrl_splitsIntoJdbcUrlAndCredentials_sdkParametersApart() {
        StateUrl u = StateUrl.parse("postgresql://gw%40corp:p%3Ass+w@db.example.com:6543/my%20state"
                + "?sslmode=verify-full&schema=fleet_a&pool-size=4");
        assertEquals("db.example.com", u.host());
        assertEquals(6543, u.port());
        assertEquals("my state", u.database());
        assertEquals(Optional.of("gw@corp"), u.user());
        assertEquals(Optional.of("p:ss+w"), u.password());
        assertEquals("fleet_a", u.schema());
        assertEquals(4, u.poolSize());
        assertEquals(Map.of("sslmode", "verify-full"), u.parameters());
        assertEquals("jdbc:postgresql://db.example.com:6543/my%20state?sslmode=verify-full", u.jdbcUrl());
        assertFalse(u.toString().contains("p:ss"), u.toString());
        assertFalse(u.jdbcUrl().contains("gw"), u.jdbcUrl());
    }

    @Test
    void shortUrl_takesTheDefaults() {
        StateUrl u = StateUrl.parse("postgres://localhost");
        assertEquals(5432, u.port());
        assertEquals("postgres", u.database());
        assertEquals(Optional.empty(), u.user());
        assertEquals(Optional.empty(), u.password());
        assertEquals(StateUrl.DEFAULT_SCHEMA, u.schema());
        assertEquals(StateUrl.DEFAULT_POOL_SIZE, u.poolSize());
    }

    @Test
    void malformedUrls_areRefused_withoutShowingThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateUrl.parse("postgresql://u:secret@/db"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StateUrl.parse("sqlite:///tmp/x.db"));
        assertThrows(IllegalArgumentException.class, () -> StateUrl.parse("postgresql://h/db?schema=Bad-Name"));
        assertThrows(IllegalArgumentException.class, () -> StateUrl.parse("postgresql://h/db?pool-size=0"));
        e = assertThrows(IllegalArgumentException.class, () -> StateUrl.parse("postgresql://h/db?password=x"));
        assertTrue(e.getMessage().contains("before the host"), e.getMessage());
    }

    @Test
    void redact_hidesOnlyThePassword() {
        assertEquals("postgresql://u:***@h/db", StateUrl.redact("postgresql://u:pw@h/db"));
        assertEquals("postgresql://u@h/db", StateUrl.redact("postgresql://u@h/db"));
    }
}
