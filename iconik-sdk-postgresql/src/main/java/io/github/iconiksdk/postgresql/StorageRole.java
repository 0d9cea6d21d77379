// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.core.command.CommandRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * A role that one gateway of a fleet holds for a storage at a time, such as running the command loop (iconik's
 * SCAN button, transfers, deletions): a PostgreSQL session advisory lock on the shared database, held on a
 * connection of its own from the pool until {@link #close()}, and released by the server when that connection
 * ends (the gateway died, or its network did). Gateways that did not get it ask again later
 * ({@link #tryTake}); none waits.
 *
 * <p>The lock is keyed by the database's schema, the storage id and the role's name, so fleets in other schemas and
 * other storages never contend. Losing the connection (a server restart, the session ended, the network) loses the
 * role, and another gateway may take it: {@link #isHeld()} asks the server whether this connection still holds the
 * lock, and the command loop asks it before each poll ({@link #commandRole}), so it stops polling once the role is
 * gone. What it had already started still finishes; the handlers finish such repeated work without doing it twice
 * (see docs/scale-out.md).
 */
public final class StorageRole implements CommandRole.Held {

    private static final Logger LOG = LoggerFactory.getLogger(StorageRole.class);

    private final Connection connection;
    private final String name;
    private boolean closed;

    private StorageRole(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /**
     * Takes the role if no other gateway (or other holder in this process) has it.
     *
     * @param database  the fleet's shared database
     * @param storageId the storage
     * @param role      the role's name, for example {@code "commands"}
     * @return the role, held until closed; empty when someone else holds it
     * @throws IconikException if the database cannot be asked (names it)
     */
    public static Optional<StorageRole> tryTake(PostgresStateDatabase database, String storageId, String role) {
        Objects.requireNonNull(database, "database");
        String name = database.schema() + ":" + Objects.requireNonNull(storageId, "storageId") + ":"
                + Objects.requireNonNull(role, "role");
        Connection c = null;
        try {
            c = database.dataSource().getConnection();
            try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
                st.setString(1, name);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        LOG.info("took the role {} of storage {}", role, storageId);
                        return Optional.of(new StorageRole(c, name));
                    }
                }
            }
            c.close();
            return Optional.empty();
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IconikException("cannot ask " + database + " for the role " + role + " of storage "
                    + storageId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The command loop's role of a storage (role name {@code "commands"}) as the hook
     * {@link io.github.iconiksdk.core.command.TwoWayGateway.Builder#role} takes: one gateway of the fleet runs the
     * storage's command loop, and stops it when it no longer holds the role.
     *
     * @param database  the fleet's shared database
     * @param storageId the storage
     * @return the role to ask for; each {@link CommandRole#tryTake()} is a {@link #tryTake} of this role
     */
    public static CommandRole commandRole(PostgresStateDatabase database, String storageId) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(storageId, "storageId");
        return () -> tryTake(database, storageId, "commands").map(CommandRole.Held.class::cast);
    }

    /**
     * Asks the server whether this role's connection still holds the lock: false once the role was given up, the
     * connection broke or its session ended (the server then released the lock, and another gateway may hold it
     * now), or when the server does not answer within 5 s. Never throws.
     *
     * @return whether the role is still this gateway's
     */
    @Override
    public synchronized boolean isHeld() {
        if (closed) {
            return false;
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks"
                + " WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid() AND objsubid = 1"
                + " AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0))")) {
            st.setQueryTimeout(5);
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("the role {} cannot be confirmed, so it is taken as lost: {}", name, e.getMessage());
            return false;
        }
    }

    /** Gives the role up (another gateway may take it) and returns the connection to the pool. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Connection c = connection;
             PreparedStatement st = c.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
            st.setString(1, name);
            st.execute();
        } catch (SQLException e) {
            LOG.warn("giving up the role {} failed (the server releases it when the connection ends): {}", name,
                    e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "StorageRole[" + name + "]";
    }
}
