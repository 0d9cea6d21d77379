// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.internal.sqlite;

import io.github.iconiksdk.api.IconikException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * Opens the SDK's SQLite files the one way they are all opened: the folder created, the file named by a
 * {@code file:} URI (so {@code ?}, {@code #} or {@code %} in its path stay part of the name), a busy timeout,
 * write-ahead logging (refused on a file system without it), {@code synchronous=NORMAL}, and the schema brought to
 * the current version through SQLite's {@code user_version}: each migration runs once, all pending ones in one
 * transaction, and a file written by a newer SDK is refused rather than guessed at. Every error names the file.
 */
public final class SqliteDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

    private SqliteDatabase() {
    }

    /**
     * Opens (creating if needed) a database file and migrates it.
     *
     * @param file       the database file
     * @param what       what the file is, for messages ({@code "scan state file"})
     * @param migrations entry {@code v} holds the statements that take the schema from version {@code v} to
     *                   {@code v + 1}; the current version is the list's size
     * @param cacheKib   SQLite's page cache in KiB (native memory), or 0 for SQLite's default
     * @return the open connection, in auto-commit mode
     * @throws IconikException if the file cannot be created, opened or migrated, is not a SQLite database, lives on
     *                         a file system without write-ahead logging, or has a newer schema; the message names
     *                         the file
     */
    public static Connection open(Path file, String what, List<List<String>> migrations, int cacheKib) {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new IconikException("cannot create the folder of the " + what + " " + absolute + ": " + e, e);
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + absolute.toUri());
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    String mode = rs.next() ? rs.getString(1) : "?";
                    if (!"wal".equalsIgnoreCase(mode)) {
                        throw new IconikException(what + " " + absolute
                                + ": the file system does not support write-ahead logging (journal mode " + mode
                                + "); put the file on a local disk");
                    }
                }
                st.execute("PRAGMA synchronous = NORMAL");
                if (cacheKib > 0) {
                    st.execute("PRAGMA cache_size = -" + cacheKib);
                }
            }
            migrate(connection, absolute, what, migrations);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IconikException("cannot open the " + what + " " + absolute + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void migrate(Connection connection, Path file, String what, List<List<String>> migrations)
            throws SQLException {
        int target = migrations.size();
        int version;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > target) {
            throw new IconikException(what + " " + file + " has schema version " + version
                    + ", newer than this SDK's " + target + "; use a newer SDK or another file");
        }
        if (version == target) {
            return;
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (int v = version; v < target; v++) {
                for (String sql : migrations.get(v)) {
                    st.execute(sql);
                }
                LOG.debug("{} {} migrated to schema version {}", what, file, v + 1);
            }
            st.execute("PRAGMA user_version = " + target);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one reported
            }
        }
    }
}
