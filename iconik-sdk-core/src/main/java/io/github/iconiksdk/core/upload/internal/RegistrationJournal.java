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
    static final int SCHEMA_VERSION = 4;

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
                }
                if (version < 2) {
                    // v2: renditions and originals uploaded for a file, one row per object, and the work a file
                    // still expects (so that a restart resumes transcodes and uploads the scanner will not report).
                    st.execute("CREATE TABLE IF NOT EXISTS renditions (path TEXT NOT NULL, slot TEXT NOT NULL,"
                            + " tag TEXT NOT NULL, object_id TEXT, state TEXT NOT NULL, upload_url TEXT,"
                            + " session_url TEXT, confirmed INTEGER NOT NULL DEFAULT 0, content_md5 TEXT,"
                            + " PRIMARY KEY (path, slot))");
                    st.execute("CREATE TABLE IF NOT EXISTS upload_work (path TEXT NOT NULL, work TEXT NOT NULL,"
                            + " tag TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (path, work))");
                }
                if (version < 3) {
                    // v3: the parts of an original's multipart upload the storage confirmed (S3 ETags, B2 SHA-1s,
                    // Azure block ids, GCS part objects), so that a restart sends only the others.
                    st.execute("CREATE TABLE IF NOT EXISTS upload_parts (path TEXT NOT NULL, slot TEXT NOT NULL,"
                            + " part INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (path, slot, part))");
                }
                if (version < 4) {
                    // v4: auto-versioning: the asset version a MODIFIED file's registration goes to (issue 22).
                    st.execute("CREATE TABLE IF NOT EXISTS versions (path TEXT PRIMARY KEY NOT NULL,"
                            + " previous_version_id TEXT, version_id TEXT, started INTEGER NOT NULL,"
                            + " done INTEGER NOT NULL)");
                }
                if (version < SCHEMA_VERSION) {
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
     * @param path a file's path
     * @return its auto-versioning row, if it was ever versioned
     */
    public synchronized Optional<VersionRow> version(String path) {
        try (PreparedStatement ps = db.prepareStatement("SELECT previous_version_id, version_id, started, done"
                + " FROM versions WHERE path = ?")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new VersionRow(path, rs.getString(1), rs.getString(2),
                        rs.getInt(3) != 0, rs.getInt(4) != 0)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Inserts or replaces a file's auto-versioning row.
     *
     * @param v the row
     */
    public synchronized void saveVersion(VersionRow v) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO versions (path, previous_version_id,"
                + " version_id, started, done) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, v.path());
            setNullable(ps, 2, v.previousVersionId());
            setNullable(ps, 3, v.versionId());
            ps.setInt(4, v.started() ? 1 : 0);
            ps.setInt(5, v.done() ? 1 : 0);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /**
     * Starts a new version of a registered file in one transaction: the entry goes back to {@link Step#ASSET} with
     * the new content and no format, file set or file; the versioning row is replaced; the renditions and uploads
     * of the old content are forgotten (they stay in iconik on the old version).
     *
     * @param reset the entry to continue from
     * @param v     the new versioning row
     */
    public synchronized void startVersion(JournalEntry reset, VersionRow v) {
        try {
            db.setAutoCommit(false);
            try {
                forgetUploads(reset.path());
                save(reset);
                saveVersion(v);
                db.commit();
            } catch (RuntimeException | SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
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
                for (String table : List.of("renditions", "upload_work", "versions")) {
                    try (PreparedStatement ps = db.prepareStatement("UPDATE " + table
                            + " SET path = ? WHERE path = ?")) {
                        ps.setString(1, newPath);
                        ps.setString(2, entry.path());
                        ps.executeUpdate();
                    }
                }
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

    // ---- renditions and originals (schema v2) ----------------------------------------------------------------

    /**
     * @param path a file's path relative to the storage root
     * @return every rendition or original row of the file, in slot order
     */
    public synchronized List<RenditionRow> renditions(String path) {
        List<RenditionRow> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT path, slot, tag, object_id, state, upload_url,"
                + " session_url, confirmed, content_md5 FROM renditions WHERE path = ? ORDER BY slot")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RenditionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            RenditionRow.State.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                            rs.getLong(8), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * @param path a file's path
     * @param slot the rendition's slot
     * @return its row, if any
     */
    public synchronized Optional<RenditionRow> rendition(String path, String slot) {
        return renditions(path).stream().filter(r -> r.slot().equals(slot)).findFirst();
    }

    /**
     * Inserts or replaces a rendition row, durably.
     *
     * @param r the row
     */
    public synchronized void saveRendition(RenditionRow r) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO renditions (path, slot, tag,"
                + " object_id, state, upload_url, session_url, confirmed, content_md5)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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

    /**
     * Records a part of an upload that the storage confirmed, durably.
     *
     * @param path the file's path
     * @param slot the object's slot
     * @param part the part number, from 1
     * @param tag  what the storage answered for it (ETag, SHA-1, block id)
     */
    public synchronized void savePart(String path, String slot, int part, String tag) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO upload_parts (path, slot, part, tag)"
                + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, path);
            ps.setString(2, slot);
            ps.setInt(3, part);
            ps.setString(4, tag);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /**
     * @param path the file's path
     * @param slot the object's slot
     * @return the confirmed parts of its upload: part number to what the storage answered, in part order
     */
    public synchronized java.util.SortedMap<Integer, String> parts(String path, String slot) {
        java.util.SortedMap<Integer, String> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT part, tag FROM upload_parts WHERE path = ? AND"
                + " slot = ?")) {
            ps.setString(1, path);
            ps.setString(2, slot);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
        return out;
    }

    /**
     * Forgets the confirmed parts of an object's upload (a new upload starts).
     *
     * @param path the file's path
     * @param slot the object's slot
     */
    public synchronized void clearParts(String path, String slot) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM upload_parts WHERE path = ? AND slot = ?")) {
            ps.setString(1, path);
            ps.setString(2, slot);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /**
     * Forgets one rendition row.
     *
     * @param path the file's path
     * @param slot the slot
     */
    public synchronized void deleteRendition(String path, String slot) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM renditions WHERE path = ? AND slot = ?")) {
            ps.setString(1, path);
            ps.setString(2, slot);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /**
     * Forgets every rendition, work and versioning row of a file (it is gone from the storage).
     *
     * @param path the file's path
     */
    public synchronized void forgetUploads(String path) {
        for (String table : List.of("renditions", "upload_work", "upload_parts", "versions")) {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM " + table + " WHERE path = ?")) {
                ps.setString(1, path);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failure("write", e);
            }
        }
    }

    /**
     * Records the state of a piece of upload work of a file.
     *
     * @param path  the file's path
     * @param work  {@code RENDITIONS} or {@code ORIGINAL}
     * @param tag   the content the work is for
     * @param state {@code WANTED}, {@code DONE} or {@code FAILED}
     */
    public synchronized void saveWork(String path, String work, String tag, String state) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO upload_work (path, work, tag, state)"
                + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, path);
            ps.setString(2, work);
            ps.setString(3, tag);
            ps.setString(4, state);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /**
     * @param path a file's path
     * @param work the kind of work
     * @return {@code {tag, state}} of the work, if recorded
     */
    public synchronized Optional<String[]> work(String path, String work) {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT tag, state FROM upload_work WHERE path = ? AND work = ?")) {
            ps.setString(1, path);
            ps.setString(2, work);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * @param work  the kind of work
     * @param state the state
     * @return the paths with that work in that state, in path order
     */
    public synchronized List<String> pathsWithWork(String work, String state) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT path FROM upload_work WHERE work = ? AND state = ?"
                + " ORDER BY path")) {
            ps.setString(1, work);
            ps.setString(2, state);
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
