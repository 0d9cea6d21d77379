// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.state;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.FileStatus;
import io.github.iconiksdk.api.scan.ScanStateStore;
import io.github.iconiksdk.core.internal.sqlite.SqliteDatabase;
import io.github.iconiksdk.core.scan.internal.FolderDigests;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded {@link ScanStateStore}: one SQLite database file, inspectable with the {@code sqlite3} tool.
 *
 * <p>The database runs in write-ahead-log mode with {@code synchronous=NORMAL}: a killed process never corrupts
 * it and never loses a committed batch; a power cut may roll back the last few batches, which a scanner only
 * notices as events reported again (delivery is at least once anyway). The schema is versioned through SQLite's
 * {@code user_version}; opening an older file migrates it in one transaction, and a file written by a newer SDK
 * is refused rather than guessed at. A store is used from one thread at a time.
 *
 * <p>Besides the files, the store keeps a digest per leaf folder whose files are all delivered (table
 * {@code folders}), which lets a scan pass over an unchanged folder without reading its rows; every write of a
 * file's state forgets the digests of the folders above it in the same transaction.
 */
public final class SqliteScanStateStore implements ScanStateStore, FolderDigests {

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = 2;

    /** Each entry migrates from version {@code index} to {@code index + 1}. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    "CREATE TABLE files ("
                            + " path TEXT PRIMARY KEY NOT NULL,"
                            + " size INTEGER NOT NULL,"
                            + " mtime_ns INTEGER NOT NULL,"
                            + " file_key TEXT,"
                            + " checksum TEXT,"
                            + " unchanged_since_ms INTEGER NOT NULL,"
                            + " status INTEGER NOT NULL"
                            + ") WITHOUT ROWID",
                    // Partial indexes: in a settled store nearly every row is DELIVERED, so these stay small.
                    "CREATE INDEX files_owed ON files(status, path) WHERE status <> " + code(FileStatus.DELIVERED),
                    "CREATE INDEX files_new_by_key ON files(file_key) WHERE status = "
                            + code(FileStatus.PENDING_NEW),
                    "CREATE INDEX files_new_by_size ON files(size, mtime_ns) WHERE status = "
                            + code(FileStatus.PENDING_NEW)),
            // Version 2: digests of leaf folders whose files are all delivered (FolderDigests, issue 17).
            List.of("CREATE TABLE folders (path TEXT PRIMARY KEY NOT NULL, digest BLOB NOT NULL) WITHOUT ROWID"));

    private static final String COLUMNS = "path, size, mtime_ns, file_key, checksum, unchanged_since_ms, status";

    private final Path file;
    private final Connection connection;
    private final PreparedStatement find;
    private final PreparedStatement listFirst;
    private final PreparedStatement listAfter;
    private final Map<FileStatus, PreparedStatement> byStatusFirst = new EnumMap<>(FileStatus.class);
    private final Map<FileStatus, PreparedStatement> byStatusAfter = new EnumMap<>(FileStatus.class);
    private final PreparedStatement byKey;
    private final PreparedStatement bySize;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private final PreparedStatement findDigest;
    private final PreparedStatement listBefore;
    private final PreparedStatement listBetween;
    private final PreparedStatement putDigest;
    private final PreparedStatement forgetDigest;
    private boolean closed;

    private SqliteScanStateStore(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        String select = "SELECT " + COLUMNS + " FROM files ";
        find = connection.prepareStatement(select + "WHERE path = ?");
        listFirst = connection.prepareStatement(select + "ORDER BY path LIMIT ?");
        listAfter = connection.prepareStatement(select + "WHERE path > ? ORDER BY path LIMIT ?");
        for (FileStatus status : FileStatus.values()) {
            // The status is a literal, not a parameter, so that SQLite can use the partial index.
            String where = "WHERE status = " + code(status) + " ";
            byStatusFirst.put(status, connection.prepareStatement(select + where + "ORDER BY path LIMIT ?"));
            byStatusAfter.put(status,
                    connection.prepareStatement(select + where + "AND path > ? ORDER BY path LIMIT ?"));
        }
        byKey = connection.prepareStatement(select + "WHERE file_key = ? AND status = "
                + code(FileStatus.PENDING_NEW) + " ORDER BY path");
        bySize = connection.prepareStatement(select + "WHERE size = ? AND mtime_ns = ? AND status = "
                + code(FileStatus.PENDING_NEW) + " ORDER BY path");
        upsert = connection.prepareStatement("INSERT OR REPLACE INTO files (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
        delete = connection.prepareStatement("DELETE FROM files WHERE path = ?");
        listBefore = connection.prepareStatement(select + "WHERE path < ? ORDER BY path LIMIT ?");
        listBetween = connection.prepareStatement(select + "WHERE path > ? AND path < ? ORDER BY path LIMIT ?");
        findDigest = connection.prepareStatement("SELECT digest FROM folders WHERE path = ?");
        putDigest = connection.prepareStatement("INSERT OR REPLACE INTO folders (path, digest) VALUES (?, ?)");
        forgetDigest = connection.prepareStatement("DELETE FROM folders WHERE path = ?");
    }

    /**
     * Opens a store file, creating it (and its folder) if missing and migrating an older schema.
     *
     * @param file the database file
     * @return the open store
     * @throws IconikException if the file cannot be created or opened, is not a SQLite database, or was written
     *                         by a newer version of the SDK; the message names the file
     */
    public static SqliteScanStateStore open(Path file) {
        Objects.requireNonNull(file, "file");
        // 8 MiB of native page cache keeps the interior pages of a million-row table cached (the default 2 MiB
        // does not); mmap and temp_store made no measurable difference on 500,000 rows.
        Connection connection = SqliteDatabase.open(file, "scan state file", MIGRATIONS, 8192);
        try {
            return new SqliteScanStateStore(file.toAbsolutePath(), connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IconikException("cannot open the scan state file " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    @Override
    public Optional<FileState> find(String path) {
        Objects.requireNonNull(path, "path");
        ensureOpen();
        try {
            find.setString(1, path);
            List<FileState> found = read(find);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public List<FileState> list(String afterPath, int limit) {
        checkLimit(limit);
        ensureOpen();
        try {
            return page(afterPath == null ? listFirst : listAfter, afterPath, limit);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public List<FileState> listByStatus(FileStatus status, String afterPath, int limit) {
        Objects.requireNonNull(status, "status");
        checkLimit(limit);
        ensureOpen();
        try {
            return page(afterPath == null ? byStatusFirst.get(status) : byStatusAfter.get(status), afterPath, limit);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public List<FileState> findNewByFileKey(String fileKey) {
        Objects.requireNonNull(fileKey, "fileKey");
        ensureOpen();
        try {
            byKey.setString(1, fileKey);
            return read(byKey);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public List<FileState> findNewBySizeAndModified(long size, long modifiedNanos) {
        ensureOpen();
        try {
            bySize.setLong(1, size);
            bySize.setLong(2, modifiedNanos);
            return read(bySize);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void write(Collection<FileState> upserts, Collection<String> deletes) {
        write(upserts, deletes, Map.of());
    }

    /**
     * Looks up the digest of a leaf folder (see {@link FolderDigests}).
     *
     * @param folder the folder's path relative to the root
     * @return its digest, or {@code null} if none is recorded
     * @throws IconikException if the store cannot be read; the message names the file
     */
    @Override
    public byte[] folderDigest(String folder) {
        Objects.requireNonNull(folder, "folder");
        ensureOpen();
        try {
            findDigest.setString(1, folder);
            try (ResultSet rs = findDigest.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Lists known files between two paths (see {@link FolderDigests}).
     *
     * @param afterPath  only paths greater than this one, or {@code null} to start at the first
     * @param beforePath only paths less than this one
     * @param limit      at most this many states, positive
     * @return the page, in path order
     * @throws IconikException if the store cannot be read; the message names the file
     */
    @Override
    public List<FileState> listBetween(String afterPath, String beforePath, int limit) {
        Objects.requireNonNull(beforePath, "beforePath");
        checkLimit(limit);
        ensureOpen();
        try {
            PreparedStatement st = afterPath == null ? listBefore : listBetween;
            int i = 1;
            if (afterPath != null) {
                st.setString(i++, afterPath);
            }
            st.setString(i++, beforePath);
            st.setInt(i, limit);
            return read(st);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Applies a batch atomically and records folder digests in the same transaction (see {@link FolderDigests}):
     * first the deletions and upserts, each forgetting the digests of the folders above its path, then the
     * digests.
     *
     * @param upserts states to insert or replace
     * @param deletes paths to forget
     * @param digests folder path to digest
     * @throws IconikException if the store cannot be written (nothing is applied then); the message names the file
     */
    @Override
    public void write(Collection<FileState> upserts, Collection<String> deletes, Map<String, byte[]> digests) {
        Objects.requireNonNull(upserts, "upserts");
        Objects.requireNonNull(deletes, "deletes");
        Objects.requireNonNull(digests, "digests");
        ensureOpen();
        if (upserts.isEmpty() && deletes.isEmpty() && digests.isEmpty()) {
            return;
        }
        try {
            connection.setAutoCommit(false);
            try {
                for (String path : deletes) {
                    delete.setString(1, path);
                    delete.addBatch();
                }
                if (!deletes.isEmpty()) {
                    delete.executeBatch();
                }
                for (FileState s : upserts) {
                    upsert.setString(1, s.path());
                    upsert.setLong(2, s.size());
                    upsert.setLong(3, s.modifiedNanos());
                    upsert.setString(4, s.fileKey());
                    upsert.setString(5, s.checksum());
                    upsert.setLong(6, s.unchangedSinceMillis());
                    upsert.setInt(7, code(s.status()));
                    upsert.addBatch();
                }
                if (!upserts.isEmpty()) {
                    upsert.executeBatch();
                }
                Set<String> folders = foldersAbove(upserts, deletes);
                for (String folder : folders) {
                    forgetDigest.setString(1, folder);
                    forgetDigest.addBatch();
                }
                if (!folders.isEmpty()) {
                    forgetDigest.executeBatch();
                }
                for (Map.Entry<String, byte[]> d : digests.entrySet()) {
                    putDigest.setString(1, d.getKey());
                    putDigest.setBytes(2, d.getValue());
                    putDigest.addBatch();
                }
                if (!digests.isEmpty()) {
                    putDigest.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public long count() {
        ensureOpen();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM files")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // Fold the write-ahead log back into the main file, so that the file alone is the whole state.
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    @Override
    public String toString() {
        return "SqliteScanStateStore[" + file + "]";
    }

    /**
     * Every folder above the written paths ({@code ""} for the root). Batches are mostly runs of one folder's
     * files, so a path in the same folder as the one before it costs a comparison, not a substring.
     */
    private static Set<String> foldersAbove(Collection<FileState> upserts, Collection<String> deletes) {
        Set<String> folders = new HashSet<>();
        String[] last = {null};
        for (FileState s : upserts) {
            addFoldersAbove(s.path(), folders, last);
        }
        for (String path : deletes) {
            addFoldersAbove(path, folders, last);
        }
        return folders;
    }

    private static void addFoldersAbove(String path, Set<String> folders, String[] last) {
        int slash = path.lastIndexOf('/');
        String previous = last[0];
        if (previous != null && slash == previous.length() && path.startsWith(previous)) {
            return; // same folder as the path before
        }
        String parent = slash < 0 ? "" : path.substring(0, slash);
        last[0] = parent;
        folders.add(parent);
        for (int s = parent.lastIndexOf('/'); s > 0; s = parent.lastIndexOf('/', s - 1)) {
            folders.add(parent.substring(0, s));
        }
        if (!parent.isEmpty()) {
            folders.add("");
        }
    }

    private List<FileState> page(PreparedStatement st, String afterPath, int limit) throws SQLException {
        int i = 1;
        if (afterPath != null) {
            st.setString(i++, afterPath);
        }
        st.setInt(i, limit);
        return read(st);
    }

    private static List<FileState> read(PreparedStatement st) throws SQLException {
        List<FileState> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new FileState(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), status(rs.getInt(7))));
            }
        }
        return out;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("scan state store " + file + " is closed");
        }
    }

    private IconikException failure(String what, SQLException e) {
        return new IconikException("cannot " + what + " the scan state file " + file + ": " + e.getMessage(), e);
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }

    /** Stable codes on disk: never renumber, only add. */
    private static int code(FileStatus status) {
        switch (status) {
            case PENDING_NEW: return 0;
            case PENDING_MODIFIED: return 1;
            case DELIVERED: return 2;
            case MISSING: return 3;
            default: throw new IllegalArgumentException(String.valueOf(status));
        }
    }

    private static FileStatus status(int code) {
        switch (code) {
            case 0: return FileStatus.PENDING_NEW;
            case 1: return FileStatus.PENDING_MODIFIED;
            case 2: return FileStatus.DELIVERED;
            case 3: return FileStatus.MISSING;
            default: throw new IconikException("scan state file holds an unknown status code " + code);
        }
    }
}
