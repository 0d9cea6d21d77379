// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.state;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.upload.RegistrationEntry;
import io.github.iconiksdk.api.upload.RegistrationStep;
import io.github.iconiksdk.api.upload.RegistrationStore;
import io.github.iconiksdk.api.upload.UploadRecord;
import io.github.iconiksdk.api.upload.UploadWork;
import io.github.iconiksdk.api.upload.VersionRecord;
import io.github.iconiksdk.core.internal.sqlite.SqliteDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The embedded {@link RegistrationStore}: one SQLite database file (by default {@code registrations.db} beside the
 * scan state), inspectable with the {@code sqlite3} tool. Write-ahead logging with {@code synchronous=NORMAL}: a
 * killed process never corrupts it or loses a finished call. The schema is versioned through {@code user_version}
 * (files written since 0.1.0 open as they are); a file written by a newer SDK is refused. Thread-safe: calls are
 * serialised on the one connection.
 */
public final class SqliteRegistrationStore implements RegistrationStore {

    /** Each entry migrates from version {@code index} to {@code index + 1}. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("CREATE TABLE IF NOT EXISTS registrations (path TEXT PRIMARY KEY NOT NULL,"
                            + " idem_key TEXT NOT NULL, asset_id TEXT, format_id TEXT, file_set_id TEXT, file_id TEXT,"
                            + " step TEXT NOT NULL, pending INTEGER NOT NULL, created_asset INTEGER NOT NULL,"
                            + " size INTEGER NOT NULL, mtime_ms INTEGER NOT NULL, checksum TEXT, metadata_hash TEXT)",
                    "CREATE TABLE IF NOT EXISTS collections (directory TEXT PRIMARY KEY NOT NULL,"
                            + " collection_id TEXT NOT NULL)"),
            // v2: renditions and originals uploaded for a file, one row per object, and the work a file still
            // expects (so that a restart resumes transcodes and uploads the scanner will not report).
            List.of("CREATE TABLE IF NOT EXISTS renditions (path TEXT NOT NULL, slot TEXT NOT NULL,"
                            + " tag TEXT NOT NULL, object_id TEXT, state TEXT NOT NULL, upload_url TEXT,"
                            + " session_url TEXT, confirmed INTEGER NOT NULL DEFAULT 0, content_md5 TEXT,"
                            + " PRIMARY KEY (path, slot))",
                    "CREATE TABLE IF NOT EXISTS upload_work (path TEXT NOT NULL, work TEXT NOT NULL,"
                            + " tag TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (path, work))"),
            // v3: the parts of an original's multipart upload the storage confirmed (S3 ETags, B2 SHA-1s, Azure
            // block ids, GCS part objects), so that a restart sends only the others.
            List.of("CREATE TABLE IF NOT EXISTS upload_parts (path TEXT NOT NULL, slot TEXT NOT NULL,"
                    + " part INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (path, slot, part))"),
            // v4: auto-versioning: the asset version a MODIFIED file's registration goes to (issue 22).
            List.of("CREATE TABLE IF NOT EXISTS versions (path TEXT PRIMARY KEY NOT NULL,"
                    + " previous_version_id TEXT, version_id TEXT, started INTEGER NOT NULL,"
                    + " done INTEGER NOT NULL)"));

    /** The schema version this class writes. */
    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final String COLUMNS = "path, idem_key, asset_id, format_id, file_set_id, file_id, step, pending,"
            + " created_asset, size, mtime_ms, checksum, metadata_hash";
    private static final String UPLOAD_COLUMNS = "path, slot, tag, object_id, state, upload_url, session_url,"
            + " confirmed, content_md5";
    private static final List<String> PER_PATH_TABLES = List.of("renditions", "upload_work", "upload_parts",
            "versions");

    private final Path file;
    private final Connection db;
    private boolean closed;

    private SqliteRegistrationStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens (creating if needed) a store file, migrating an older schema.
     *
     * @param file the database file
     * @return the open store
     * @throws IconikException if the file cannot be created or opened, is not a SQLite database, or was written by
     *                         a newer SDK; the message names the file
     */
    public static SqliteRegistrationStore open(Path file) {
        Objects.requireNonNull(file, "file");
        return new SqliteRegistrationStore(file.toAbsolutePath(),
                SqliteDatabase.open(file, "registration journal", MIGRATIONS, 0));
    }

    /** @return the database file */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<RegistrationEntry> find(String path) {
        Objects.requireNonNull(path, "path");
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM registrations WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized List<RegistrationEntry> unfinished() {
        ensureOpen();
        List<RegistrationEntry> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS
                + " FROM registrations WHERE step <> 'DONE' ORDER BY path");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void save(RegistrationEntry e) {
        Objects.requireNonNull(e, "entry");
        ensureOpen();
        try {
            insert(e);
        } catch (SQLException ex) {
            throw failure("write", ex);
        }
    }

    private void insert(RegistrationEntry e) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO registrations (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.path());
            ps.setString(2, e.key());
            setNullable(ps, 3, e.assetId());
            setNullable(ps, 4, e.formatId());
            setNullable(ps, 5, e.fileSetId());
            setNullable(ps, 6, e.fileId());
            ps.setString(7, e.step().name());
            ps.setInt(8, e.pending() ? 1 : 0);
            ps.setInt(9, e.createdAsset() ? 1 : 0);
            ps.setLong(10, e.size());
            ps.setLong(11, e.modifiedMs());
            setNullable(ps, 12, e.checksum());
            setNullable(ps, 13, e.metadataHash());
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized Optional<VersionRecord> version(String path) {
        Objects.requireNonNull(path, "path");
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement("SELECT previous_version_id, version_id, started, done"
                + " FROM versions WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new VersionRecord(path, rs.getString(1), rs.getString(2),
                        rs.getInt(3) != 0, rs.getInt(4) != 0)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void saveVersion(VersionRecord v) {
        Objects.requireNonNull(v, "version");
        ensureOpen();
        try {
            insertVersion(v);
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private void insertVersion(VersionRecord v) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO versions (path, previous_version_id,"
                + " version_id, started, done) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, v.path());
            setNullable(ps, 2, v.previousVersionId());
            setNullable(ps, 3, v.versionId());
            ps.setInt(4, v.started() ? 1 : 0);
            ps.setInt(5, v.done() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized void startVersion(RegistrationEntry reset, VersionRecord v) {
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(v, "version");
        ensureOpen();
        try {
            db.setAutoCommit(false);
            try {
                for (String table : PER_PATH_TABLES) {
                    deleteRows(table, reset.path());
                }
                insert(reset);
                insertVersion(v);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public synchronized void move(String fromPath, RegistrationEntry moved) {
        Objects.requireNonNull(fromPath, "fromPath");
        Objects.requireNonNull(moved, "moved");
        ensureOpen();
        if (fromPath.equals(moved.path())) {
            save(moved);
            return;
        }
        try {
            db.setAutoCommit(false);
            try {
                deleteRows("registrations", fromPath);
                for (String table : PER_PATH_TABLES) {
                    deleteRows(table, moved.path());
                }
                insert(moved);
                for (String table : PER_PATH_TABLES) {
                    try (PreparedStatement ps = db.prepareStatement("UPDATE " + table
                            + " SET path = ? WHERE path = ?")) {
                        ps.setString(1, moved.path());
                        ps.setString(2, fromPath);
                        ps.executeUpdate();
                    }
                }
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public synchronized void delete(String path) {
        Objects.requireNonNull(path, "path");
        ensureOpen();
        try {
            deleteRows("registrations", path);
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private void deleteRows(String table, String path) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM " + table + " WHERE path = ?")) {
            ps.setString(1, path);
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized Optional<String> collection(String directory) {
        Objects.requireNonNull(directory, "directory");
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement("SELECT collection_id FROM collections WHERE directory = ?")) {
            ps.setString(1, directory);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void saveCollection(String directory, String collectionId) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(collectionId, "collectionId");
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT OR REPLACE INTO collections (directory, collection_id) VALUES (?, ?)")) {
            ps.setString(1, directory);
            ps.setString(2, collectionId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public synchronized SortedMap<String, String> collections() {
        ensureOpen();
        SortedMap<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT directory, collection_id FROM collections");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void forgetCollection(String directory) {
        Objects.requireNonNull(directory, "directory");
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM collections WHERE directory = ?")) {
            ps.setString(1, directory);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public synchronized List<UploadRecord> uploads(String path) {
        Objects.requireNonNull(path, "path");
        ensureOpen();
        List<UploadRecord> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT " + UPLOAD_COLUMNS
                + " FROM renditions WHERE path = ? ORDER BY slot")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UploadRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            UploadRecord.State.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                            rs.getLong(8), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void saveUpload(UploadRecord r) {
        Objects.requireNonNull(r, "record");
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO renditions (" + UPLOAD_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.path());
            ps.setString(2, r.slot());
            ps.setString(3, r.tag());
            setNullable(ps, 4, r.objectId());
            ps.setString(5, r.state().name());
            setNullable(ps, 6, r.uploadUrl());
            setNullable(ps, 7, r.sessionUrl());
            ps.setLong(8, r.confirmed());
            setNullable(ps, 9, r.contentMd5());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw failure("write", ex);
        }
    }

    @Override
    public synchronized void deleteUpload(String path, String slot) {
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM renditions WHERE path = ? AND slot = ?")) {
            ps.setString(1, Objects.requireNonNull(path, "path"));
            ps.setString(2, Objects.requireNonNull(slot, "slot"));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public synchronized void savePart(String path, String slot, int part, String tag) {
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO upload_parts (path, slot, part, tag)"
                + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, Objects.requireNonNull(path, "path"));
            ps.setString(2, Objects.requireNonNull(slot, "slot"));
            ps.setInt(3, part);
            ps.setString(4, Objects.requireNonNull(tag, "tag"));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public synchronized SortedMap<Integer, String> parts(String path, String slot) {
        ensureOpen();
        SortedMap<Integer, String> out = new TreeMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT part, tag FROM upload_parts WHERE path = ? AND"
                + " slot = ?")) {
            ps.setString(1, Objects.requireNonNull(path, "path"));
            ps.setString(2, Objects.requireNonNull(slot, "slot"));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void clearParts(String path, String slot) {
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM upload_parts WHERE path = ? AND slot = ?")) {
            ps.setString(1, Objects.requireNonNull(path, "path"));
            ps.setString(2, Objects.requireNonNull(slot, "slot"));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public synchronized void forgetUploads(String path) {
        Objects.requireNonNull(path, "path");
        ensureOpen();
        try {
            db.setAutoCommit(false);
            try {
                for (String table : PER_PATH_TABLES) {
                    deleteRows(table, path);
                }
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public synchronized void saveWork(UploadWork w) {
        Objects.requireNonNull(w, "work");
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO upload_work (path, work, tag, state)"
                + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, w.path());
            ps.setString(2, w.kind());
            ps.setString(3, w.tag());
            ps.setString(4, w.state().name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    @Override
    public synchronized Optional<UploadWork> work(String path, String kind) {
        ensureOpen();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT tag, state FROM upload_work WHERE path = ? AND work = ?")) {
            ps.setString(1, Objects.requireNonNull(path, "path"));
            ps.setString(2, Objects.requireNonNull(kind, "kind"));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new UploadWork(path, kind, rs.getString(1),
                        UploadWork.State.valueOf(rs.getString(2)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized List<String> pathsWithWork(String kind, UploadWork.State state) {
        ensureOpen();
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT path FROM upload_work WHERE work = ? AND state = ?"
                + " ORDER BY path")) {
            ps.setString(1, Objects.requireNonNull(kind, "kind"));
            ps.setString(2, Objects.requireNonNull(state, "state").name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    @Override
    public String toString() {
        return "SqliteRegistrationStore[" + file + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("registration journal " + file + " is closed");
        }
    }

    private static RegistrationEntry entry(ResultSet rs) throws SQLException {
        return new RegistrationEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), RegistrationStep.valueOf(rs.getString(7)), rs.getInt(8) != 0,
                rs.getInt(9) != 0, rs.getLong(10), rs.getLong(11), rs.getString(12), rs.getString(13));
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private IconikException failure(String what, SQLException e) {
        return new IconikException("cannot " + what + " registration journal " + file + ": " + e.getMessage(), e);
    }
}
