// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.FileStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link PostgresScanStateStore} adds to the SPI's contract ({@link PostgresScanStateStoreContractTest}): several
 * storages in one database, the database's collation, transactions, failures; against a real server.
 */
class PostgresScanStateStoreTest {

    private static String url;
    private static PostgresStateDatabase database;

    @BeforeAll
    static void open() {
        url = PostgresTestServer.freshSchemaUrl();
        database = PostgresStateDatabase.open(url);
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
    }

    private static String storage() {
        return "storage-" + UUID.randomUUID();
    }

    private static FileState state(String path, FileStatus status) {
        return new FileState(path, 10, 1_000_000_123L, "(dev=1,ino=" + path.hashCode() + ")", null, 5, status);
    }

    @Test
    void writtenStates_surviveReopeningTheDatabase_withEveryField() {
        String storage = storage();
        FileState a = new FileState("a/b c.mov", 42, 1_700_000_000_123_456_789L, "(dev=803,ino=7)",
                "d41d8cd98f00b204e9800998ecf8427e", 1_700_000_000_000L, FileStatus.PENDING_MODIFIED);
        FileState noKey = new FileState("b.mov", 0, -5, null, null, 0, FileStatus.MISSING);
        try (PostgresStateDatabase db = PostgresStateDatabase.open(url);
             PostgresScanStateStore s = db.scanStateStore(storage)) {
            s.write(List.of(a, noKey), List.of());
        }
        try (PostgresStateDatabase db = PostgresStateDatabase.open(url);
             PostgresScanStateStore s = db.scanStateStore(storage)) {
            assertEquals(Optional.of(a), s.find("a/b c.mov"));
            assertEquals(Optional.of(noKey), s.find("b.mov"));
            assertEquals(2, s.count());
        }
    }

    @Test
    void listing_isInCodePointOrder_pageByPage_whateverTheDatabaseCollation() {
        List<String> paths = List.of("a.txt", "a/b", "a0", "Z", "z", "\uFFFD", "🎬", "É", "e");
        try (PostgresScanStateStore s = database.scanStateStore(storage())) {
            s.write(paths.stream().map(p -> state(p, FileStatus.DELIVERED)).collect(Collectors.toList()), List.of());
            List<String> seen = new ArrayList<>();
            String after = null;
            while (true) {
                List<FileState> page = s.list(after, 2);
                page.forEach(f -> seen.add(f.path()));
                if (page.size() < 2) {
                    break;
                }
                after = page.get(page.size() - 1).path();
            }
            assertEquals(List.of("Z", "a.txt", "a/b", "a0", "e", "z", "É", "\uFFFD", "🎬"), seen);
        }
    }

    @Test
    void storages_doNotSeeEachOthersFiles() {
        try (PostgresScanStateStore one = database.scanStateStore(storage());
             PostgresScanStateStore two = database.scanStateStore(storage())) {
            one.write(List.of(state("same.mov", FileStatus.DELIVERED)), List.of());
            two.write(List.of(state("same.mov", FileStatus.PENDING_NEW), state("other.mov", FileStatus.MISSING)),
                    List.of());
            assertEquals(1, one.count());
            assertEquals(FileStatus.DELIVERED, one.find("same.mov").orElseThrow().status());
            assertEquals(List.of("same.mov"), paths(one.list(null, 10)));
            assertEquals(List.of(), one.findNewByFileKey(state("same.mov", FileStatus.PENDING_NEW).fileKey()));
            two.write(List.of(), List.of("same.mov"));
            assertTrue(one.find("same.mov").isPresent());
            assertFalse(two.find("same.mov").isPresent());
        }
    }

    @Test
    void failedBatch_appliesNothing() throws Exception {
        String storage = storage();
        try (PostgresScanStateStore s = database.scanStateStore(storage)) {
            s.write(List.of(state("keep", FileStatus.DELIVERED)), List.of());
            // A NUL character is a valid Java string but not a valid PostgreSQL text: the server rejects the row
            // after the deletion in the same batch has run.
            IconikException e = assertThrows(IconikException.class,
                    () -> s.write(List.of(state("ok", FileStatus.DELIVERED), state("bad\u0000name", FileStatus.DELIVERED)),
                            List.of("keep")));
            assertTrue(e.getMessage().contains(storage), e.getMessage());
            assertEquals(List.of("keep"), paths(s.list(null, 10)));
        }
        try (Connection c = PostgresTestServer.jdbc();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + database.schema()
                     + ".scan_state WHERE storage_id = ?")) {
            st.setString(1, storage);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getLong(1));
            }
        }
    }

    @Test
    void closedStore_refusesCalls_butTheDatabaseStaysOpen() {
        PostgresScanStateStore s = database.scanStateStore(storage());
        s.close();
        assertThrows(IllegalStateException.class, s::count);
        assertThrows(IllegalStateException.class, () -> s.write(List.of(state("a", FileStatus.DELIVERED)),
                List.of()));
        try (PostgresScanStateStore again = database.scanStateStore(s.storageId())) {
            assertEquals(0, again.count());
        }
    }

    @Test
    void unreachableServer_failsAtOpen_namingTheDatabaseButNotThePassword() {
        IconikException e = assertThrows(IconikException.class,
                () -> PostgresStateDatabase.open("postgresql://someone:s3cret@127.0.0.1:1/nowhere"));
        assertTrue(e.getMessage().contains("127.0.0.1:1/nowhere"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void twoDatabasesOpeningAtOnce_migrateOnce() throws Exception {
        String fresh = PostgresTestServer.freshSchemaUrl();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> {
                try (PostgresStateDatabase db = PostgresStateDatabase.open(fresh)) {
                    db.scanStateStore("s").count();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        String schema = fresh.substring(fresh.indexOf("schema=") + "schema=".length());
        try (Connection c = PostgresTestServer.jdbc();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + schema + "."
                     + PostgresStateDatabase.HISTORY_TABLE + " WHERE script LIKE 'V1__%'")) {
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getLong(1));
            }
        }
    }

    private static List<String> paths(List<FileState> states) {
        return states.stream().map(FileState::path).collect(Collectors.toList());
    }
}
