// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.upload.RegistrationEntry;
import io.github.iconiksdk.api.upload.RegistrationStep;
import io.github.iconiksdk.api.upload.RegistrationStore;
import io.github.iconiksdk.api.upload.UploadRecord;
import io.github.iconiksdk.api.upload.UploadWork;
import io.github.iconiksdk.api.upload.VersionRecord;

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
 * The {@link RegistrationStore} of one storage on PostgreSQL, from
 * {@link PostgresStateDatabase#registrationStore}: the journal that several gateways share, so that a file one of
 * them began registering is finished by another, and never registered twice.
 *
 * <p>Exactly once is a database rule here, not a promise of one process: a path has one registration row per
 * storage, an idempotency key belongs to one path (a unique constraint), and {@link #save} refuses to give a path
 * another key while a row with its own key is there. Two gateways that both find a file unregistered and both
 * choose a key race on one row; the loser's save fails with an {@link IconikException} saying so, before it has
 * created anything in iconik, and the winner registers the file.
 *
 * <p>Each call is one transaction on a pooled connection. Thread-safe; closing the store leaves the database open.
 */
public final class PostgresRegistrationStore implements RegistrationStore {

    private static final String ENTRY_COLUMNS = "path, idem_key, asset_id, format_id, file_set_id, file_id, step,"
            + " pending, created_asset, size, mtime_ms, checksum, metadata_hash";
    private static final String UPLOAD_COLUMNS = "path, slot, tag, object_id, state, upload_url, session_url,"
            + " confirmed, content_md5";
    private static final String UPSERT_ENTRY = "INSERT INTO registrations (storage_id, " + ENTRY_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (storage_id, path) DO UPDATE SET"
            + " idem_key = excluded.idem_key, asset_id = excluded.asset_id, format_id = excluded.format_id,"
            + " file_set_id = excluded.file_set_id, file_id = excluded.file_id, step = excluded.step,"
            + " pending = excluded.pending, created_asset = excluded.created_asset, size = excluded.size,"
            + " mtime_ms = excluded.mtime_ms, checksum = excluded.checksum, metadata_hash = excluded.metadata_hash";

    private final PostgresStateDatabase database;
    private final String storageId;
    private volatile boolean closed;

    PostgresRegistrationStore(PostgresStateDatabase database, String storageId) {
        this.database = database;
        this.storageId = storageId;
    }

    /**
     * The storage whose journal this is.
     *
     * @return the iconik storage id
     */
    public String storageId() {
        return storageId;
    }

    @Override
    public Optional<RegistrationEntry> find(String path) {
        Objects.requireNonNull(path, "path");
        List<RegistrationEntry> found = entries("AND path = ?", path);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<RegistrationEntry> unfinished() {
        return entries("AND step <> 'DONE' ORDER BY path");
    }

    /**
     * {@inheritDoc}
     *
     * <p>Refused when the path already has an entry with another idempotency key: only {@link #move} or
     * {@link #delete} change a path's key.
     *
     * @throws IconikException if another registration of the path (another key) is journalled, naming the path
     */
    @Override
    public void save(RegistrationEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement(UPSERT_ENTRY
                     + " WHERE registrations.idem_key = excluded.idem_key")) {
            bindEntry(st, entry);
            if (st.executeUpdate() == 0) {
                throw new IconikException("registration of " + entry.path() + " in storage " + storageId
                        + " was begun with another idempotency key (by another gateway, or before this file was"
                        + " forgotten); not starting a second one");
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new IconikException("idempotency key " + entry.key() + " of " + entry.path() + " in storage "
                        + storageId + " is already another path's: " + e.getMessage(), e);
            }
            throw failure("write", e);
        }
    }

    @Override
    public void move(String fromPath, RegistrationEntry moved) {
        Objects.requireNonNull(fromPath, "fromPath");
        Objects.requireNonNull(moved, "moved");
        String to = moved.path();
        transaction(c -> {
            if (!fromPath.equals(to)) {
                for (String table : List.of("registrations", "uploads", "upload_parts", "upload_work", "versions")) {
                    update(c, "DELETE FROM " + table + " WHERE storage_id = ? AND path = ?", to);
                    try (PreparedStatement st = c.prepareStatement("UPDATE " + table
                            + " SET path = ? WHERE storage_id = ? AND path = ?")) {
                        st.setString(1, to);
                        st.setString(2, storageId);
                        st.setString(3, fromPath);
                        st.executeUpdate();
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement(UPSERT_ENTRY)) {
                bindEntry(st, moved);
                st.executeUpdate();
            }
        });
    }

    @Override
    public void delete(String path) {
        Objects.requireNonNull(path, "path");
        transaction(c -> update(c, "DELETE FROM registrations WHERE storage_id = ? AND path = ?", path));
    }

    @Override
    public Optional<String> collection(String directory) {
        Objects.requireNonNull(directory, "directory");
        return strings("SELECT collection_id FROM collections WHERE storage_id = ? AND directory = ?", directory)
                .stream().findFirst();
    }

    @Override
    public void saveCollection(String directory, String collectionId) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(collectionId, "collectionId");
        transaction(c -> update(c, "INSERT INTO collections (storage_id, directory, collection_id) VALUES (?, ?, ?)"
                + " ON CONFLICT (storage_id, directory) DO UPDATE SET collection_id = excluded.collection_id",
                directory, collectionId));
    }

    @Override
    public SortedMap<String, String> collections() {
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement(
                     "SELECT directory, collection_id FROM collections WHERE storage_id = ?")) {
            st.setString(1, storageId);
            SortedMap<String, String> out = new TreeMap<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void forgetCollection(String directory) {
        Objects.requireNonNull(directory, "directory");
        transaction(c -> update(c, "DELETE FROM collections WHERE storage_id = ? AND directory = ?", directory));
    }

    @Override
    public List<UploadRecord> uploads(String path) {
        Objects.requireNonNull(path, "path");
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("SELECT " + UPLOAD_COLUMNS
                     + " FROM uploads WHERE storage_id = ? AND path = ? ORDER BY slot")) {
            st.setString(1, storageId);
            st.setString(2, path);
            List<UploadRecord> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
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
    public void saveUpload(UploadRecord record) {
        Objects.requireNonNull(record, "record");
        transaction(c -> update(c, "INSERT INTO uploads (storage_id, " + UPLOAD_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (storage_id, path, slot) DO UPDATE SET"
                        + " tag = excluded.tag, object_id = excluded.object_id, state = excluded.state,"
                        + " upload_url = excluded.upload_url, session_url = excluded.session_url,"
                        + " confirmed = excluded.confirmed, content_md5 = excluded.content_md5",
                record.path(), record.slot(), record.tag(), record.objectId(), record.state().name(),
                record.uploadUrl(), record.sessionUrl(), record.confirmed(), record.contentMd5()));
    }

    @Override
    public void deleteUpload(String path, String slot) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(slot, "slot");
        transaction(c -> update(c, "DELETE FROM uploads WHERE storage_id = ? AND path = ? AND slot = ?", path, slot));
    }

    @Override
    public void savePart(String path, String slot, int part, String tag) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(tag, "tag");
        transaction(c -> update(c, "INSERT INTO upload_parts (storage_id, path, slot, part, tag) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (storage_id, path, slot, part) DO UPDATE SET tag = excluded.tag", path, slot, part, tag));
    }

    @Override
    public SortedMap<Integer, String> parts(String path, String slot) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(slot, "slot");
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("SELECT part, tag FROM upload_parts"
                     + " WHERE storage_id = ? AND path = ? AND slot = ? ORDER BY part")) {
            st.setString(1, storageId);
            st.setString(2, path);
            st.setString(3, slot);
            SortedMap<Integer, String> out = new TreeMap<>();
            try (ResultSet rs = st.executeQuery()) {
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
    public void clearParts(String path, String slot) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(slot, "slot");
        transaction(c -> update(c, "DELETE FROM upload_parts WHERE storage_id = ? AND path = ? AND slot = ?",
                path, slot));
    }

    @Override
    public void forgetUploads(String path) {
        Objects.requireNonNull(path, "path");
        transaction(c -> {
            forget(c, path);
        });
    }

    private void forget(Connection c, String path) throws SQLException {
        for (String table : List.of("uploads", "upload_parts", "upload_work", "versions")) {
            update(c, "DELETE FROM " + table + " WHERE storage_id = ? AND path = ?", path);
        }
    }

    @Override
    public Optional<VersionRecord> version(String path) {
        Objects.requireNonNull(path, "path");
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("SELECT previous_version_id, version_id, started, done"
                     + " FROM versions WHERE storage_id = ? AND path = ?")) {
            st.setString(1, storageId);
            st.setString(2, path);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new VersionRecord(path, rs.getString(1), rs.getString(2), rs.getBoolean(3),
                                rs.getBoolean(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void saveVersion(VersionRecord version) {
        Objects.requireNonNull(version, "version");
        transaction(c -> upsertVersion(c, version));
    }

    @Override
    public void startVersion(RegistrationEntry reset, VersionRecord version) {
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(version, "version");
        transaction(c -> {
            forget(c, reset.path());
            try (PreparedStatement st = c.prepareStatement(UPSERT_ENTRY)) {
                bindEntry(st, reset);
                st.executeUpdate();
            }
            upsertVersion(c, version);
        });
    }

    private void upsertVersion(Connection c, VersionRecord v) throws SQLException {
        update(c, "INSERT INTO versions (storage_id, path, previous_version_id, version_id, started, done)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (storage_id, path) DO UPDATE SET"
                + " previous_version_id = excluded.previous_version_id, version_id = excluded.version_id,"
                + " started = excluded.started, done = excluded.done",
                v.path(), v.previousVersionId(), v.versionId(), v.started(), v.done());
    }

    @Override
    public void saveWork(UploadWork work) {
        Objects.requireNonNull(work, "work");
        transaction(c -> update(c, "INSERT INTO upload_work (storage_id, path, kind, tag, state) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (storage_id, path, kind) DO UPDATE SET tag = excluded.tag, state = excluded.state",
                work.path(), work.kind(), work.tag(), work.state().name()));
    }

    @Override
    public Optional<UploadWork> work(String path, String kind) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("SELECT tag, state FROM upload_work"
                     + " WHERE storage_id = ? AND path = ? AND kind = ?")) {
            st.setString(1, storageId);
            st.setString(2, path);
            st.setString(3, kind);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next()
                        ? Optional.of(new UploadWork(path, kind, rs.getString(1),
                                UploadWork.State.valueOf(rs.getString(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public List<String> pathsWithWork(String kind, UploadWork.State state) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        return strings("SELECT path FROM upload_work WHERE storage_id = ? AND kind = ? AND state = ? ORDER BY path",
                kind, state.name());
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
        return "PostgresRegistrationStore[" + storageId + " in " + database.describe() + "]";
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void transaction(Work work) {
        ensureOpen();
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
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

    /** Runs a statement whose first parameter is the storage id, the others as given. */
    private void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            st.executeUpdate();
        }
    }

    private List<String> strings(String sql, Object... params) {
        ensureOpen();
        try (Connection c = database.connection(); PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, params);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private List<RegistrationEntry> entries(String where, Object... params) {
        ensureOpen();
        try (Connection c = database.connection();
             PreparedStatement st = c.prepareStatement("SELECT " + ENTRY_COLUMNS
                     + " FROM registrations WHERE storage_id = ? " + where)) {
            bind(st, params);
            List<RegistrationEntry> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new RegistrationEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6),
                            RegistrationStep.valueOf(rs.getString(7)), rs.getBoolean(8), rs.getBoolean(9),
                            rs.getLong(10), rs.getLong(11), rs.getString(12), rs.getString(13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private void bind(PreparedStatement st, Object... params) throws SQLException {
        st.setString(1, storageId);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                st.setNull(i + 2, Types.VARCHAR);
            } else {
                st.setObject(i + 2, p);
            }
        }
    }

    private void bindEntry(PreparedStatement st, RegistrationEntry e) throws SQLException {
        bind(st, e.path(), e.key(), e.assetId(), e.formatId(), e.fileSetId(), e.fileId(), e.step().name(),
                e.pending(), e.createdAsset(), e.size(), e.modifiedMs(), e.checksum(), e.metadataHash());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("registration store of storage " + storageId + " is closed");
        }
    }

    private IconikException failure(String what, SQLException e) {
        return new IconikException("cannot " + what + " the registration journal of storage " + storageId + " in "
                + database.describe() + ": " + e.getMessage(), e);
    }
}
