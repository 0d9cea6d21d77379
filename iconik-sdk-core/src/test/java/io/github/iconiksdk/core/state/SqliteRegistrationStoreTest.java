// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.state;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.upload.RegistrationStep;
import io.github.iconiksdk.api.upload.RegistrationStore;
import io.github.iconiksdk.testkit.contract.RegistrationStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQLite registration store against the SPI's contract, and what is particular to a database file. */
class SqliteRegistrationStoreTest extends RegistrationStoreContract {

    @TempDir
    Path tmp;

    @Override
    protected RegistrationStore open() {
        return SqliteRegistrationStore.open(tmp.resolve("data dir/registrations.db"));
    }

    @Test
    void fileFromANewerSdk_isRefusedNamingTheFile() throws Exception {
        Path file = tmp.resolve("future.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        IconikException e = assertThrows(IconikException.class, () -> SqliteRegistrationStore.open(file));
        assertTrue(e.getMessage().contains("future.db") && e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void fileThatIsNotADatabase_isRefusedNamingTheFile() throws Exception {
        Path file = tmp.resolve("junk.db");
        Files.writeString(file, "this is not a database, just some text that is long enough to be a header......");
        IconikException e = assertThrows(IconikException.class, () -> SqliteRegistrationStore.open(file));
        assertTrue(e.getMessage().contains("junk.db"), e.getMessage());
    }

    /** A version-1 journal (0.1.0: registrations and collections only) opens, keeps its rows and gains the rest. */
    @Test
    void journalOfSchemaVersionOne_isMigratedKeepingItsRows() throws Exception {
        Path file = tmp.resolve("v1.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE registrations (path TEXT PRIMARY KEY NOT NULL, idem_key TEXT NOT NULL,"
                    + " asset_id TEXT, format_id TEXT, file_set_id TEXT, file_id TEXT, step TEXT NOT NULL,"
                    + " pending INTEGER NOT NULL, created_asset INTEGER NOT NULL, size INTEGER NOT NULL,"
                    + " mtime_ms INTEGER NOT NULL, checksum TEXT, metadata_hash TEXT)");
            st.execute("CREATE TABLE collections (directory TEXT PRIMARY KEY NOT NULL, collection_id TEXT NOT NULL)");
            st.execute("INSERT INTO registrations VALUES ('a.mov', 'k', 'as', 'fo', 'fs', 'fi', 'DONE', 0, 1, 5, 6,"
                    + " NULL, NULL)");
            st.execute("PRAGMA user_version = 1");
        }
        try (SqliteRegistrationStore s = SqliteRegistrationStore.open(file)) {
            assertEquals(RegistrationStep.DONE, s.find("a.mov").orElseThrow().step());
            s.savePart("a.mov", "ORIGINAL", 1, "etag");
            assertEquals(1, s.parts("a.mov", "ORIGINAL").size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             var rs = st.executeQuery("PRAGMA user_version")) {
            rs.next();
            assertEquals(SqliteRegistrationStore.SCHEMA_VERSION, rs.getInt(1));
        }
    }
}
