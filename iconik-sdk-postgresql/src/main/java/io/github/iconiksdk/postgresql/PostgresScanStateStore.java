// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.scan.FileState;
import io.github.iconiksdk.api.scan.FileStatus;
import io.github.iconiksdk.api.scan.ScanStateStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ScanStateStore} of one storage on PostgreSQL, from {@link PostgresStateDatabase#scanStateStore}: the
 * rows of table {@code scan_state} with this storage's id. Each call borrows a pooled connection; a
 * {@link #write} is one transaction, so a crash (of the process or of the server) leaves the batch wholly applied
 * or not at all.
 *
 * <p>Thread-safe, although a scanner uses it from one thread at a time. Closing the store does not close the
 * database.
 */
public final class PostgresScanStateStore implements ScanStateStore {

    private static final String COLUMNS = "path, size, mtime_ns, file_key, checksum, unchanged_since_ms, status";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM scan_state WHERE storage_id = ? ";

    private final PostgresStateDatabase database;
    private final String storageId;
    private volatile boolean closed;

    PostgresScanStateStore(PostgresStateDatabase database, String storageId) {
        this.database = database;
        this.storageId = storageId;
    }

    /**
     * The storage whose state this is.
     *
     * @return the iconik storage id
     */
    public String storageId() {
        return storageId;
    }

    @Override
    public Optional<FileState> find(String path) {
        Objects.requireNonNull(path, "path");
        List<FileState> found = query(SELECT + "AND path = ?", path);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<FileState> list(String afterPath, int limit) {
        checkLimit(limit);
        return afterPath == null
                ? query(SELECT + "ORDER BY path LIMIT ?", limit)
                : query(SELECT + "AND path > ? ORDER BY path LIMIT ?", afterPath, limit);
    }

    @Override
    public List<FileState> listByStatus(FileStatus status, String afterPath, int limit) {
        Objects.requireNonNull(status, "status");
        checkLimit(limit);
        // The status is a literal, not a parameter, so that the planner can use the partial index of owed rows.
        String where = SELECT + "AND status = " + code(status) + " ";
        return afterPath == null
                ? query(where + "ORDER BY path LIMIT ?", limit)
                : query(where + "AND path > ? ORDER BY path LIMIT ?", afterPath, limit);
    }

    @Override
    public List<FileState> findNewByFileKey(String fileKey) {
        Objects.requireNonNull(fileKey, "fileKey");
        return query(SELECT + "AND file_key = ? AND status = " + code(FileStatus.PENDING_NEW) + " ORDER BY path",
                fileKey);
    }

    @Override
    public List<FileState> findNewBySizeAndModified(long size, long modifiedNanos) {
        return query(SELECT + "AND size = ? AND mtime_ns = ? AND status = " + code(FileStatus.PENDING_NEW)
                + " ORDER BY path", size, modifiedNanos);
    }

    @Override
    public void write(Collection<FileState> upserts, Collection<String> deletes) {
        Objects.requireNonNull(upserts, "upserts");
        Objects.requireNonNull(deletes, "deletes");
        ensureOpen();
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return;
        }
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                if (!deletes.isEmpty()) {
                    try (PreparedStatement st = c.prepareStatement(
                            "DELETE FROM scan_state WHERE storage_id = ? AND path = ?")) {
                        for (String path : deletes) {
                            st.setString(1, storageId);
                            st.setString(2, path);
                            st.addBatch();
                        }
                        st.executeBatch();
                    }
                }
                if (!upserts.isEmpty()) {
                    try (PreparedStatement st = c.prepareStatement("INSERT INTO scan_state (storage_id, " + COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (storage_id, path) DO UPDATE SET"
                            + " size = excluded.size, mtime_ns = excluded.mtime_ns, file_key = excluded.file_key,"
                            + " checksum = excluded.checksum, unchanged_since_ms = excluded.unchanged_since_ms,"
                            + " status = excluded.status")) {
                        for (FileState s : dedupe(upserts)) {
                            st.setString(1, storageId);
                            st.setString(2, s.path());
                            st.setLong(3, s.size());
                            st.setLong(4, s.modifiedNanos());
                            setNullable(st, 5, s.fileKey());
                            setNullable(st, 6, s.checksum());
                            st.setLong(7, s.unchangedSinceMillis());
                            st.setShort(8, code(s.status()));
                            st.addBatch();
                        }
                        st.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public long count() {
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM scan_state WHERE storage_id = ?")) {
            st.setString(1, storageId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** Marks the store closed; the database and its other stores stay open. */
    @Override
    public void close() {
        closed = true;
    }

    /**
     * Names the storage and the database, without a password.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "PostgresScanStateStore[" + storageId + " in " + database.describe() + "]";
    }

    /** A batch may name a path twice; ON CONFLICT cannot update one row twice in a statement, so the last wins. */
    private static Collection<FileState> dedupe(Collection<FileState> upserts) {
        java.util.LinkedHashMap<String, FileState> byPath = new java.util.LinkedHashMap<>();
        for (FileState s : upserts) {
            byPath.put(s.path(), s);
        }
        return byPath.values();
    }

    private List<FileState> query(String sql, Object... params) {
        ensureOpen();
        try (Connection c = database.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, storageId);
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 2, params[i]);
            }
            List<FileState> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new FileState(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), status(rs.getShort(7))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static void setNullable(PreparedStatement st, int index, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("scan state store of storage " + storageId + " is closed");
        }
    }

    private IconikException failure(String what, SQLException e) {
        return new IconikException("cannot " + what + " the scan state of storage " + storageId + " in "
                + database.describe() + ": " + e.getMessage(), e);
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    /** Stable codes in the database: never renumber, only add (the same as the SQLite store's). */
    private static short code(FileStatus status) {
        switch (status) {
            case PENDING_NEW: return 0;
            case PENDING_MODIFIED: return 1;
            case DELIVERED: return 2;
            case MISSING: return 3;
            default: throw new IllegalArgumentException(String.valueOf(status));
        }
    }

    private static FileStatus status(short code) {
        switch (code) {
            case 0: return FileStatus.PENDING_NEW;
            case 1: return FileStatus.PENDING_MODIFIED;
            case 2: return FileStatus.DELIVERED;
            case 3: return FileStatus.MISSING;
            default: throw new IconikException("scan_state holds an unknown status code " + code);
        }
    }
}
