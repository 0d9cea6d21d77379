// SPDX-License-Identifier: Apache-2.0
/**
 * The SDK's stores on PostgreSQL, for a fleet of gateways that share storages' work: the scan state (and, as they
 * come, the registration journal and the work queue) of every storage in one database, opened with
 * {@link io.github.iconiksdk.postgresql.PostgresStateDatabase#open(String)} from a {@code postgresql://} state URL.
 * The SQLite stores of {@code iconik-sdk-core} stay the default for one machine.
 *
 * <p>Why these libraries:
 * <ul>
 *   <li><b>The PostgreSQL JDBC driver</b> (org.postgresql): the project's own, pure Java, the only driver that
 *   follows every server release.</li>
 *   <li><b>HikariCP</b>: a process serves several storages with several threads each; a bounded pool keeps the
 *   server's connection count at {@code pool-size} per gateway, however many stores and workers there are, and
 *   replaces connections that a server restart or a network split broke.</li>
 *   <li><b>Flyway</b>: versioned SQL migrations with a history table, serialised across the gateways of a fleet
 *   that start at once by a PostgreSQL advisory lock, so exactly one of them migrates.</li>
 * </ul>
 */
module io.github.iconiksdk.postgresql {
    requires transitive io.github.iconiksdk.api;
    requires transitive java.sql;
    requires transitive io.github.iconiksdk.core;
    requires com.zaxxer.hikari;
    // Flyway's jar declares no module name: "flyway.core" is derived from its file name (Maven warns about it).
    requires flyway.core;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    exports io.github.iconiksdk.postgresql;
}
