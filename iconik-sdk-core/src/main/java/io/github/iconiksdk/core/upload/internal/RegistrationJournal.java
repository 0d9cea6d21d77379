package io.github.iconiksdk.core.upload.internal;

import io.github.iconiksdk.api.IconikException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registration journal: one SQLite database file beside the scan state, one row per file being or having been
 * registered, plus the folder-to-collection map. Every write is its own transaction, so the journal always says
 * which step of a file's registration was last completed and whether the next was started. WAL mode; a killed
 * process never corrupts it. Thread-safe (calls are serialised).
 */
public final class RegistrationJournal implements AutoCloseable {

    /** The schema version this class writes. */
    static final int SCHEMA_VERSION = 1;

    private static final String COLUMNS = "path, idem_key, asset_id, format_id, file_set_id, file_id, step, pending,"
            + " created_asset, size, mtime_ms, checksum, metadata_hash";

    private final Path file;
    private final Connection db;

    private RegistrationJournal(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens (creating if needed) a journal file.
     *
     * @param file the database file
     * @return the journal
     * @throws IconikException if the file cannot be opened, or was written by a newer SDK
     */
    public static RegistrationJournal open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
                int version;
                try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version > SCHEMA_VERSION) {
                    db.close();
                    throw new IconikException("registration journal " + file + " has schema version " + version
                            + ", newer than this SDK's " + SCHEMA_VERSION + "; use a newer SDK or another data dir");
                }
                if (version < 1) {
                    st.execute("CREATE TABLE IF NOT EXISTS registrations (path TEXT PRIMARY KEY NOT NULL,"
                            + " idem_key TEXT NOT NULL, asset_id TEXT, format_id TEXT, file_set_id TEXT, file_id TEXT,"
                            + " step TEXT NOT NULL, pending INTEGER NOT NULL, created_asset INTEGER NOT NULL,"
                            + " size INTEGER NOT NULL, mtime_ms INTEGER NOT NULL, checksum TEXT, metadata_hash TEXT)");
                    st.execute("CREATE TABLE IF NOT EXISTS collections (directory TEXT PRIMARY KEY NOT NULL,"
                            + " collection_id TEXT NOT NULL)");
                    st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                }
            }
            return new RegistrationJournal(file, db);
        } catch (SQLException | IOException e) {
            throw new IconikException("cannot open registration journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param path a file's path relative to the storage root
     * @return its entry, if the journal has one
     */
    public synchronized Optional<JournalEntry> find(String path) {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM registrations WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** @return every entry not yet {@link Step#DONE}, for resuming after a restart */
    public synchronized List<JournalEntry> unfinished() {
        List<JournalEntry> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS
                + " FROM registrations WHERE step <> 'DONE' ORDER BY path")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Inserts or replaces an entry, durably, in one transaction.
     *
     * @param e the entry
     */
    public synchronized void save(JournalEntry e) {
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
        } catch (SQLException ex) {
            throw failure("write", ex);
        }
    }

    /**
     * Moves an entry to a new path in one transaction (replacing anything at the new path).
     *
     * @param entry   the entry at its old path
     * @param newPath the new path
     * @return the moved entry
     */
    public synchronized JournalEntry move(JournalEntry entry, String newPath) {
        JournalEntry moved = entry.movedTo(newPath);
        try {
            db.setAutoCommit(false);
            try {
                delete(entry.path());
                save(moved);
                db.commit();
            } catch (RuntimeException | SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
            return moved;
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /**
     * Forgets a file.
     *
     * @param path its path
     */
    public synchronized void delete(String path) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM registrations WHERE path = ?")) {
            ps.setString(1, path);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /**
     * @param directory a folder's path relative to the storage root
     * @return the collection made for it, if any
     */
    public synchronized Optional<String> collection(String directory) {
        try (PreparedStatement ps = db.prepareStatement("SELECT collection_id FROM collections WHERE directory = ?")) {
            ps.setString(1, directory);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Records the collection made for a folder.
     *
     * @param directory    the folder's path relative to the storage root ({@code ""} for the master collection)
     * @param collectionId the collection
     */
    public synchronized void saveCollection(String directory, String collectionId) {
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
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    private static JournalEntry read(ResultSet rs) throws SQLException {
        return new JournalEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Step.valueOf(rs.getString(7)), rs.getInt(8) != 0, rs.getInt(9) != 0, rs.getLong(10),
                rs.getLong(11), rs.getString(12), rs.getString(13));
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
