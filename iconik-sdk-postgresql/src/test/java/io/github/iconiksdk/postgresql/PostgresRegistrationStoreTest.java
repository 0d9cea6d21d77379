// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.upload.RegistrationEntry;
import io.github.iconiksdk.api.upload.RegistrationStep;
import io.github.iconiksdk.api.upload.RegistrationStore;
import io.github.iconiksdk.testkit.contract.RegistrationStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PostgresRegistrationStore} against the SPI's {@link RegistrationStoreContract}, and the exactly-once rule
 * the database enforces between gateways; on a real server.
 */
class PostgresRegistrationStoreTest extends RegistrationStoreContract {

    private static PostgresStateDatabase database;
    private String storage;

    @BeforeAll
    static void openDatabase() {
        database = PostgresStateDatabase.open(PostgresTestServer.freshSchemaUrl());
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void newStorage() {
        storage = "storage-" + UUID.randomUUID();
    }

    @Override
    protected RegistrationStore open() {
        return database.registrationStore(storage);
    }

    private static RegistrationEntry chosen(String path) {
        return new RegistrationEntry(path, "iconik-sdk:" + UUID.randomUUID(), null, null, null, null,
                RegistrationStep.KEY_CHOSEN, false, false, 5, 1_700_000_000_000L, null, null);
    }

    @Test
    void gatewaysRacingToRegisterOneFile_exactlyOneKeyIsJournalled() throws Exception {
        int gateways = 6;
        CyclicBarrier start = new CyclicBarrier(gateways);
        List<String> won = Collections.synchronizedList(new ArrayList<>());
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int g = 0; g < gateways; g++) {
            Thread t = new Thread(() -> {
                // each "gateway" has its own store object and connection, as separate processes would
                try (PostgresRegistrationStore s = database.registrationStore(storage)) {
                    RegistrationEntry mine = chosen("card/A001.mov");
                    start.await();
                    try {
                        s.save(mine);
                        won.add(mine.key());
                    } catch (IconikException e) {
                        assertTrue(e.getMessage().contains("card/A001.mov"), e.getMessage());
                        refused.add(e.getMessage());
                    }
                } catch (Exception e) {
                    refused.add("unexpected: " + e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, won.size(), "winners " + won + ", refused " + refused);
        assertEquals(gateways - 1, refused.size());
        try (RegistrationStore s = open()) {
            assertEquals(won.get(0), s.find("card/A001.mov").orElseThrow().key());
        }
    }

    @Test
    void theWinnersLaterSteps_areSaved_andAnotherPathCannotTakeItsKey() {
        try (RegistrationStore s = open()) {
            RegistrationEntry first = chosen("a.mov");
            s.save(first);
            RegistrationEntry asset = new RegistrationEntry("a.mov", first.key(), "asset-1", null, null, null,
                    RegistrationStep.ASSET, false, true, 5, 1_700_000_000_000L, null, null);
            s.save(asset);
            assertEquals(asset, s.find("a.mov").orElseThrow());
            IconikException e = assertThrows(IconikException.class, () -> s.save(new RegistrationEntry("b.mov",
                    first.key(), null, null, null, null, RegistrationStep.KEY_CHOSEN, false, false, 5, 0, null,
                    null)));
            assertTrue(e.getMessage().contains(first.key()), e.getMessage());
            s.delete("a.mov");
            s.save(chosen("a.mov"));
        }
    }

    @Test
    void storages_keepSeparateJournals() {
        try (RegistrationStore one = open(); RegistrationStore two = database.registrationStore(storage + "-2")) {
            one.save(chosen("same.mov"));
            two.save(chosen("same.mov"));
            one.saveCollection("", "c-one");
            assertEquals(java.util.Optional.empty(), two.collection(""));
            assertTrue(!one.find("same.mov").orElseThrow().key().equals(two.find("same.mov").orElseThrow().key()));
        }
    }
}
