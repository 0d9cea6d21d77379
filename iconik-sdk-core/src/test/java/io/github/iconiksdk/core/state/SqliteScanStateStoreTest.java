package io.github.iconiksdk.core.state;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteScanStateStoreTest {

    @TempDir
    Path tmp;

    private static FileState state(String path, FileStatus status) {
        return new FileState(path, 10, 1_000_000_123L, "(dev=1,ino=" + path.hashCode() + ")", null, 5, status);
    }

    @Test
    void writtenStates_surviveReopening_withEveryField() {
        Path file = tmp.resolve("sub/dir/scan.db");
        FileState a = new FileState("a/b c.mov", 42, 1_700_000_000_123_456_789L, "(dev=803,ino=7)",
                "d41d8cd98f00b204e9800998ecf8427e", 1_700_000_000_000L, FileStatus.PENDING_MODIFIED);
        try (SqliteScanStateStore s = SqliteScanStateStore.open(file)) {
            s.write(List.of(a), List.of());
        }
        try (SqliteScanStateStore s = SqliteScanStateStore.open(file)) {
            assertEquals(Optional.of(a), s.find("a/b c.mov"));
            assertEquals(1, s.count());
        }
    }

    @Test
    void listing_isInCodePointOrder_pageByPage() {
        List<String> paths = List.of("a.txt", "a/b", "a0", "z", "\uFFFD", "🎬", "É");
        try (SqliteScanStateStore s = SqliteScanStateStore.open(tmp.resolve("s.db"))) {
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
            assertEquals(List.of("a.txt", "a/b", "a0", "z", "É", "\uFFFD", "🎬"), seen);
        }
    }

    @Test
    void listByStatusAndMoveLookups_seeOnlyTheirStatus() {
        try (SqliteScanStateStore s = SqliteScanStateStore.open(tmp.resolve("s.db"))) {
            FileState n = state("new.mov", FileStatus.PENDING_NEW);
            FileState d = new FileState("old.mov", n.size(), n.modifiedNanos(), n.fileKey(), null, 5,
                    FileStatus.DELIVERED);
            s.write(List.of(n, d, state("gone.mov", FileStatus.MISSING)), List.of());
            assertEquals(List.of("gone.mov"), paths(s.listByStatus(FileStatus.MISSING, null, 10)));
            assertEquals(List.of("new.mov"), paths(s.findNewByFileKey(n.fileKey())));
            assertEquals(List.of("new.mov"), paths(s.findNewBySizeAndModified(10, 1_000_000_123L)));
            assertEquals(List.of(), s.listByStatus(FileStatus.PENDING_NEW, "new.mov", 10));
        }
    }

    @Test
    void deletesAndUpserts_applyTogether() {
        try (SqliteScanStateStore s = SqliteScanStateStore.open(tmp.resolve("s.db"))) {
            s.write(List.of(state("a", FileStatus.DELIVERED), state("b", FileStatus.DELIVERED)), List.of());
            s.write(List.of(state("c", FileStatus.DELIVERED)), List.of("a"));
            assertEquals(List.of("b", "c"), paths(s.list(null, 10)));
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

    @Test
    void closedStore_refusesCalls() {
        SqliteScanStateStore s = SqliteScanStateStore.open(tmp.resolve("s.db"));
        s.close();
        assertThrows(IllegalStateException.class, () -> s.find("a"));
    }

    private static List<String> paths(List<FileState> states) {
        return states.stream().map(FileState::path).collect(Collectors.toList());
    }
}
