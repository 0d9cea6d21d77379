// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command.internal;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.core.command.CommandQueue;
import io.github.iconiksdk.core.command.CommandRecord;
import io.github.iconiksdk.core.internal.sqlite.SqliteDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command journal: one SQLite database file beside the registration journal, one row per queue item the loop
 * has received. Every write is its own transaction (WAL, {@code synchronous = NORMAL}, as the registration journal),
 * so after a kill the journal says, for each item, whether its work was started, finished (and how) and
 * acknowledged. An item is run only from {@code RECEIVED} (at most once: a second sighting of a finished item is
 * only acknowledged again), and a finished item stays unacknowledged until iconik took the acknowledgement.
 * Thread-safe (calls are serialised).
 */
public final class CommandJournal implements AutoCloseable {

    /** Item states. */
    public enum State { RECEIVED, STARTED, DONE, FAILED }

    /**
     * A row.
     *
     * @param queue    the queue
     * @param id       the item id
     * @param type     the handler type
     * @param priority 1 to 10
     * @param itemJson the item as iconik sent it (JSON), to run it after a restart
     * @param state    the state
     * @param message  the outcome's message
     * @param attempts how many times it was started
     * @param acked    whether iconik took the acknowledgement
     * @param updated  when the state last changed
     */
    public record Row(CommandQueue queue, String id, String type, int priority, String itemJson, State state,
                      String message, int attempts, boolean acked, Instant updated) {
    }

    /** Entry {@code v} takes the schema from version {@code v} to {@code v + 1}. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("CREATE TABLE IF NOT EXISTS commands (queue TEXT NOT NULL, id TEXT NOT NULL,"
                            + " type TEXT NOT NULL, priority INTEGER NOT NULL, item_json TEXT NOT NULL,"
                            + " state TEXT NOT NULL, message TEXT, attempts INTEGER NOT NULL DEFAULT 0,"
                            + " acked INTEGER NOT NULL DEFAULT 0, updated_ms INTEGER NOT NULL,"
                            + " PRIMARY KEY (queue, id))",
                    "CREATE INDEX IF NOT EXISTS commands_updated ON commands (updated_ms)"));
    static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final String COLUMNS = "queue, id, type, priority, item_json, state, message, attempts, acked,"
            + " updated_ms";

    private final Path file;
    private final Connection db;
    private final Clock clock;

    private CommandJournal(Path file, Connection db, Clock clock) {
        this.file = file;
        this.db = db;
        this.clock = clock;
    }

    /**
     * Opens (creating if needed) a journal file.
     *
     * @param file  the database file
     * @param clock the clock for update times
     * @return the journal
     * @throws IconikException if the file cannot be opened, or was written by a newer SDK
     */
    public static CommandJournal open(Path file, Clock clock) {
        return new CommandJournal(file, SqliteDatabase.open(file, "command journal", MIGRATIONS, 0), clock);
    }

    /**
     * @param queue the queue
     * @param id    the item id
     * @return its row, if the journal has one
     */
    public synchronized Optional<Row> find(CommandQueue queue, String id) {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS
                + " FROM commands WHERE queue = ? AND id = ?")) {
            ps.setString(1, queue.name());
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Records a newly seen item as {@code RECEIVED}, unless the journal has it already.
     *
     * @return whether it was new
     */
    public synchronized boolean receive(CommandQueue queue, String id, String type, int priority, String itemJson) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO commands (queue, id, type, priority,"
                + " item_json, state, attempts, acked, updated_ms) VALUES (?, ?, ?, ?, ?, 'RECEIVED', 0, 0, ?)")) {
            ps.setString(1, queue.name());
            ps.setString(2, id);
            ps.setString(3, type);
            ps.setInt(4, priority);
            ps.setString(5, itemJson);
            ps.setLong(6, clock.millis());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** Marks an item started (one more attempt), durably, before its handler runs. */
    public synchronized void started(CommandQueue queue, String id) {
        update("UPDATE commands SET state = 'STARTED', attempts = attempts + 1, updated_ms = ? WHERE queue = ?"
                + " AND id = ?", null, queue, id);
    }

    /** Puts a started item back to {@code RECEIVED} after a transient failure, for another attempt. */
    public synchronized void retry(CommandQueue queue, String id, String message) {
        update("UPDATE commands SET state = 'RECEIVED', message = ?, updated_ms = ? WHERE queue = ? AND id = ?",
                message, queue, id);
    }

    /** Records an item's outcome, durably, before it is acknowledged. */
    public synchronized void finished(CommandQueue queue, String id, boolean succeeded, String message) {
        update("UPDATE commands SET state = '" + (succeeded ? "DONE" : "FAILED") + "', message = ?, updated_ms = ?"
                + " WHERE queue = ? AND id = ?", message, queue, id);
    }

    /** Changes the priority of an item not yet started. */
    public synchronized void priority(CommandQueue queue, String id, int priority) {
        try (PreparedStatement ps = db.prepareStatement("UPDATE commands SET priority = ? WHERE queue = ? AND id = ?"
                + " AND state = 'RECEIVED'")) {
            ps.setInt(1, priority);
            ps.setString(2, queue.name());
            ps.setString(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** Records that iconik took the acknowledgement of a finished item. */
    public synchronized void acknowledged(CommandQueue queue, String id) {
        try (PreparedStatement ps = db.prepareStatement("UPDATE commands SET acked = 1 WHERE queue = ? AND id = ?")) {
            ps.setString(1, queue.name());
            ps.setString(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** @return every row iconik has not yet taken the acknowledgement of, oldest first */
    public synchronized List<Row> unacknowledged() {
        return rows("SELECT " + COLUMNS + " FROM commands WHERE acked = 0 ORDER BY updated_ms, id", -1);
    }

    /**
     * @param limit how many
     * @return the most recently updated rows, newest first
     */
    public synchronized List<Row> recent(int limit) {
        return rows("SELECT " + COLUMNS + " FROM commands ORDER BY updated_ms DESC, id LIMIT ?", limit);
    }

    /** @return per queue and state, how many rows */
    public synchronized Map<CommandQueue, Map<State, Long>> counts() {
        Map<CommandQueue, Map<State, Long>> out = new EnumMap<>(CommandQueue.class);
        for (CommandQueue q : CommandQueue.values()) {
            Map<State, Long> m = new EnumMap<>(State.class);
            for (State s : State.values()) {
                m.put(s, 0L);
            }
            out.put(q, m);
        }
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT queue, state, COUNT(*) FROM commands GROUP BY queue, state")) {
            while (rs.next()) {
                out.get(CommandQueue.valueOf(rs.getString(1))).put(State.valueOf(rs.getString(2)), rs.getLong(3));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Forgets acknowledged rows last updated before a time (iconik no longer lists them: their ids do not come
     * back).
     *
     * @return how many were removed
     */
    public synchronized int prune(Instant before) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM commands WHERE acked = 1 AND updated_ms < ?")) {
            ps.setLong(1, before.toEpochMilli());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** @param r a row @return it as a status record */
    public static CommandRecord record(Row r) {
        String state = switch (r.state()) {
            case RECEIVED -> "PENDING";
            case STARTED -> "RUNNING";
            case DONE -> "DONE";
            case FAILED -> "FAILED";
        };
        return new CommandRecord(r.queue(), r.id(), r.type(), state, r.message(), r.attempts(), r.acked(),
                r.updated());
    }

    private void update(String sql, String message, CommandQueue queue, String id) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            int i = 1;
            if (sql.contains("message = ?")) {
                ps.setString(i++, message);
            }
            ps.setLong(i++, clock.millis());
            ps.setString(i++, queue.name());
            ps.setString(i, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private List<Row> rows(String sql, int limit) {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (limit >= 0) {
                ps.setInt(1, limit);
            }
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

    private static Row read(ResultSet rs) throws SQLException {
        return new Row(CommandQueue.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getInt(4),
                rs.getString(5), State.valueOf(rs.getString(6)), rs.getString(7), rs.getInt(8), rs.getInt(9) == 1,
                Instant.ofEpochMilli(rs.getLong(10)));
    }

    private IconikException failure(String what, SQLException e) {
        return new IconikException("cannot " + what + " command journal " + file + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
