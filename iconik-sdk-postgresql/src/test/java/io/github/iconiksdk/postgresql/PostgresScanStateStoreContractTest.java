// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.scan.ScanStateStore;
import io.github.iconiksdk.testkit.contract.ScanStateStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.UUID;

/** {@link PostgresScanStateStore} against the SPI's {@link ScanStateStoreContract}, on a real server. */
class PostgresScanStateStoreContractTest extends ScanStateStoreContract {

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
    protected ScanStateStore open() {
        return database.scanStateStore(storage);
    }
}
