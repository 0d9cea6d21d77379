// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.state;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.scan.FileStatus;
import io.github.iconiksdk.api.scan.ScanStateStore;
import io.github.iconiksdk.testkit.contract.ScanStateStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQLite store against the SPI's contract, and what is particular to a database file. */
class SqliteScanStateStoreTest extends ScanStateStoreContract {

    @TempDir
    Path tmp;

    @Override
    protected ScanStateStore open() {
        return SqliteScanStateStore.open(tmp.resolve("sub/dir/scan.db"));
    }

    @Test
    void folderDigest_isForgottenByAnyWriteBelowItsFolder_andKeptByWritesElsewhere() {
        try (SqliteScanStateStore s = SqliteScanStateStore.open(tmp.resolve("s.db"))) {
            byte[] d = {1, 2, 3};
            s.write(List.of(state("a/b/c.mov", FileStatus.DELIVERED)), List.of(),
                    java.util.Map.of("a/b", d, "a", d, "x", d, "", d));
            assertTrue(java.util.Arrays.equals(d, s.folderDigest("a/b")));

            s.write(List.of(state("x/y.mov", FileStatus.DELIVERED)), List.of());
            assertEquals(null, s.folderDigest("x"));
            assertEquals(null, s.folderDigest(""));
            assertTrue(java.util.Arrays.equals(d, s.folderDigest("a/b")));

            s.write(List.of(), List.of("a/b/deeper/gone.mov"));
            assertEquals(null, s.folderDigest("a/b"));
            assertEquals(null, s.folderDigest("a"));
            assertEquals(null, s.folderDigest("ab"));
        }
    }

    @Test
    void schemaVersion1File_isMigratedKeepingItsFiles() throws Exception {
        Path file = tmp.resolve("v1.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE files (path TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL,"
                    + " mtime_ns INTEGER NOT NULL, file_key TEXT, checksum TEXT, unchanged_since_ms INTEGER NOT NULL,"
                    + " status INTEGER NOT NULL) WITHOUT ROWID");
            st.execute("INSERT INTO files VALUES ('a/b.mov', 3, 7, '(dev=1,ino=2)', NULL, 5, 2)");
            st.execute("PRAGMA user_version = 1");
        }
        try (SqliteScanStateStore s = SqliteScanStateStore.open(file)) {
            assertEquals(List.of("a/b.mov"), s.list(null, 10).stream().map(io.github.iconiksdk.api.scan.FileState::path).toList());
            assertEquals(null, s.folderDigest("a"));
            s.write(List.of(), List.of(), java.util.Map.of("a", new byte[] {9}));
            assertTrue(java.util.Arrays.equals(new byte[] {9}, s.folderDigest("a")));
        }
    }

    @Test
    void fileFromANewerSdk_isRefusedNamingTheFile() throws Exception {
        Path file = tmp.resolve("future.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        IconikException e = assertThrows(IconikException.class, () -> SqliteScanStateStore.open(file));
        assertTrue(e.getMessage().contains("future.db") && e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void fileThatIsNotADatabase_isRefusedNamingTheFile() throws Exception {
        Path file = tmp.resolve("junk.db");
        Files.writeString(file, "this is not a database, just some text that is long enough to be a header......");
        IconikException e = assertThrows(IconikException.class, () -> SqliteScanStateStore.open(file));
        assertTrue(e.getMessage().contains("junk.db"), e.getMessage());
    }

    @Test
    void newFile_usesWriteAheadLoggingAndTheCurrentSchemaVersion() throws Exception {
        Path file = tmp.resolve("s.db");
        SqliteScanStateStore.open(file).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                rs.next();
                assertEquals(SqliteScanStateStore.SCHEMA_VERSION, rs.getInt(1));
            }
        }
    }

    @Test
    void fileNameWithUriCharacters_isUsedAsGiven() {
        Path file = tmp.resolve("odd ? # % & name/scan state?.db");
        try (SqliteScanStateStore s = SqliteScanStateStore.open(file)) {
            s.write(List.of(state("a", FileStatus.DELIVERED)), List.of());
        }
        assertTrue(Files.isRegularFile(file), "created " + file);
        try (SqliteScanStateStore s = SqliteScanStateStore.open(file)) {
            assertEquals(1, s.count());
        }
    }

}
