// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.postgresql.internal.StateUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * One process's connection to the PostgreSQL database that a fleet of gateways shares: a connection pool
 * (HikariCP) and the schema of the SDK's tables, migrated on open (Flyway). The stores of every storage a process
 * serves come from one instance, and share its pool; close it last.
 *
 * <p>Opening migrates the schema to this SDK's version. Gateways that start together are serialised by Flyway's
 * PostgreSQL advisory lock, so exactly one of them migrates. Migrations only ever add (tables, columns,
 * indexes); a database migrated by a newer SDK is therefore used as it is by an older one, which lets a fleet be
 * upgraded one machine at a time.
 *
 * <p>The database must use the UTF-8 encoding (paths are Unicode); paths are compared in the {@code "C"}
 * collation, which in UTF-8 is Unicode code point order, the order {@link io.github.iconiksdk.api.scan.ScanStateStore}
 * requires whatever the database's default collation.
 *
 * <p>Thread-safe.
 */
public final class PostgresStateDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStateDatabase.class);

    /** Flyway's history table, named so that it cannot collide with an application's own Flyway history. */
    static final String HISTORY_TABLE = "iconik_sdk_schema_history";

    private final StateUrl url;
    private final HikariDataSource dataSource;

    private PostgresStateDatabase(StateUrl url, HikariDataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
    }

    /**
     * Opens a database from a state URL, {@code postgresql://[user[:password]@]host[:port][/database][?…]}: the
     * query may set {@code schema} (default {@code iconik_sdk}), {@code pool-size} (default 10) and any parameter of
     * the PostgreSQL JDBC driver ({@code sslmode=verify-full}, …). Without a password in the URL the driver reads
     * {@code ~/.pgpass}, as {@code psql} does.
     *
     * @param stateUrl the URL
     * @return the open database, its schema migrated
     * @throws IllegalArgumentException if the URL is malformed (the message shows it without its password)
     * @throws IconikException          if the server cannot be reached, refuses the credentials, its database is not
     *                                  UTF-8, or the migration fails; the message names the database
     */
    public static PostgresStateDatabase open(String stateUrl) {
        StateUrl url = StateUrl.parse(stateUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("iconik-sdk-postgresql");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setSchema(url.schema());
        config.setMaximumPoolSize(url.poolSize());
        config.setMinimumIdle(Math.min(2, url.poolSize()));
        // Fail fast when the server is not there: the caller sees the reason at start-up, not on the first store call.
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(30_000);
        config.addDataSourceProperty("ApplicationName", "iconik-sdk");
        // One multi-row INSERT per batch instead of one statement per row: the scan state's batches are large.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IconikException("cannot connect to the state database " + url + ": " + rootMessage(e), e);
        }
        try {
            checkEncoding(dataSource, url);
            migrate(dataSource, url);
            return new PostgresStateDatabase(url, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static void checkEncoding(DataSource dataSource, StateUrl url) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT current_setting('server_encoding')");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            String encoding = rs.getString(1);
            if (!"UTF8".equalsIgnoreCase(encoding)) {
                throw new IconikException("state database " + url + " uses the encoding " + encoding
                        + "; the SDK needs UTF8 (CREATE DATABASE … ENCODING 'UTF8')");
            }
        } catch (SQLException e) {
            throw new IconikException("cannot read the state database " + url + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource, StateUrl url) {
        try {
            MigrateResult result = Flyway.configure(PostgresStateDatabase.class.getClassLoader())
                    .dataSource(dataSource)
                    .schemas(url.schema())
                    .createSchemas(true)
                    .table(HISTORY_TABLE)
                    // not a package name (the hyphens), so a named module does not encapsulate the scripts
                    .locations("classpath:iconik-sdk-postgresql/migration")
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("state database {} migrated to schema version {}", url, result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new IconikException("cannot migrate the state database " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Everything an ingest pipeline of a fleet keeps here, for one storage:
     * {@code db.share(storageId, leaseTime).applyTo(IngestPipeline.builder()…)}.
     *
     * @param storageId the iconik storage id
     * @param leaseTime how long this process's claims last unrenewed (the {@code work-lease-seconds} setting)
     * @return the state; close it after the pipeline
     * @throws IllegalArgumentException if the storage id is empty or the lease time shorter than one second
     * @throws IllegalStateException    if this database is closed
     */
    public SharedPipelineState share(String storageId, java.time.Duration leaseTime) {
        requireStorageId(storageId);
        Objects.requireNonNull(leaseTime, "leaseTime");
        ensureOpen();
        return new SharedPipelineState(this, storageId, leaseTime);
    }

    /**
     * The scan state of one storage: what its scanner has seen.
     *
     * @param storageId the iconik storage id; each storage's state is separate
     * @return a store on this database's pool; closing it leaves the database open
     * @throws IllegalArgumentException if the storage id is empty
     * @throws IllegalStateException    if this database is closed
     */
    public PostgresScanStateStore scanStateStore(String storageId) {
        requireStorageId(storageId);
        ensureOpen();
        return new PostgresScanStateStore(this, storageId);
    }

    /**
     * The registration journal of one storage, shared by every gateway serving it.
     *
     * @param storageId the iconik storage id; each storage's journal is separate
     * @return a store on this database's pool; closing it leaves the database open
     * @throws IllegalArgumentException if the storage id is empty
     * @throws IllegalStateException    if this database is closed
     */
    public PostgresRegistrationStore registrationStore(String storageId) {
        requireStorageId(storageId);
        ensureOpen();
        return new PostgresRegistrationStore(this, storageId);
    }

    /**
     * A work queue on this database, shared with every gateway that opens the same database and schema: each call
     * makes a new worker (owner) with its own lease renewal.
     *
     * @param leaseTime how long a lease lasts unrenewed: how soon a dead gateway's work is taken over (renewed each
     *                  third of it; at least one second)
     * @return the queue; close it before the database
     * @throws IllegalArgumentException if the lease time is shorter than one second
     * @throws IllegalStateException    if this database is closed
     */
    public PostgresWorkQueue workQueue(java.time.Duration leaseTime) {
        Objects.requireNonNull(leaseTime, "leaseTime");
        if (leaseTime.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("work lease time " + leaseTime + " is shorter than one second");
        }
        ensureOpen();
        return new PostgresWorkQueue(this, leaseTime);
    }

    /**
     * The pool, for an embedder's own queries on the SDK's tables (read-only, please: their layout is not an API).
     *
     * @return the pooled data source; its connections use the SDK's schema
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The schema the SDK's tables live in.
     *
     * @return the schema name
     */
    public String schema() {
        return url.schema();
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return dataSource.isClosed();
    }

    /** Closes the pool: every store of this database fails from then on. Idempotent. */
    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Names the database without its password.
     *
     * @return {@code PostgresStateDatabase[postgresql://user@host:port/db (schema s)]}
     */
    @Override
    public String toString() {
        return "PostgresStateDatabase[" + url + "]";
    }

    Connection connection() throws SQLException {
        ensureOpen();
        return dataSource.getConnection();
    }

    String describe() {
        return url.toString();
    }

    private void ensureOpen() {
        if (dataSource.isClosed()) {
            throw new IllegalStateException("state database " + url + " is closed");
        }
    }

    static void requireStorageId(String storageId) {
        Objects.requireNonNull(storageId, "storageId");
        if (storageId.isBlank()) {
            throw new IllegalArgumentException("storage id is empty");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
