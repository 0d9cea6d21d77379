// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.command.TwoWayGateway;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StorageRole}: one holder per storage and role across processes' pools, given up on close, known lost when
 * its session ends; and the command loop of a {@link TwoWayGateway} stopping when its role is lost. Real server.
 */
class StorageRoleTest {

    @TempDir
    Path tmp;

    /**
     * Ends, as the server's superuser, the session holding the role (a restart, an idle timeout, a dead network),
     * and waits until the server has let its lock go. pg_terminate_backend only signals the session: its client hears
     * of the end (FATAL) before the ending session releases its locks, so a test that went on at once could find the
     * role still taken by a session that was going away.
     */
    private static void endTheHoldersSession(PostgresStateDatabase db, String storageId, String role)
            throws SQLException, InterruptedException {
        String name = db.schema() + ":" + storageId + ":" + role;
        String holders = " FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1"
                + " AND ((classid::bigint << 32) | objid::bigint) = hashtextextended('" + name + "', 0)";
        PostgresTestServer.execute("SELECT pg_terminate_backend(pid)" + holders);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection c = PostgresTestServer.jdbc();
             PreparedStatement st = c.prepareStatement("SELECT count(*)" + holders)) {
            while (true) {
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                assertTrue(System.nanoTime() < end, "the ended session still holds " + name);
                Thread.sleep(10);
            }
        }
    }

    @Test
    void aRoleWhoseSessionEnded_isNoLongerHeld_andAnotherGatewayTakesIt() throws Exception {
        String url = PostgresTestServer.freshSchemaUrl();
        try (PostgresStateDatabase first = PostgresStateDatabase.open(url);
             PostgresStateDatabase second = PostgresStateDatabase.open(url)) {
            StorageRole held = StorageRole.tryTake(first, "s", "commands").orElseThrow();
            assertTrue(held.isHeld());
            assertFalse(StorageRole.tryTake(second, "s", "commands").isPresent());
            assertTrue(held.isHeld(), "asking again does not lose it");

            endTheHoldersSession(first, "s", "commands");
            assertFalse(held.isHeld(), "the server released the lock with the session");
            try (StorageRole taken = StorageRole.tryTake(second, "s", "commands").orElseThrow()) {
                assertTrue(taken.isHeld());
                assertFalse(held.isHeld());
            }
            held.close(); // on a dead connection: logged, not thrown
            assertFalse(held.isHeld());
        }
    }

    @Test
    void theCommandLoop_stopsWhenItsRoleIsLost_andTheOtherGatewayTakesOverAfterItsNextPass() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Files.writeString(root.resolve("a.txt"), "a file");
        FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("local_proxy_creation", "false")
                .storageSetting("local_keyframe_creation", "false").build().start();
        String url = PostgresTestServer.freshSchemaUrl();
        try (PostgresStateDatabase first = PostgresStateDatabase.open(url);
             PostgresStateDatabase second = PostgresStateDatabase.open(url);
             SharedPipelineState firstState = first.share(fake.storageId(), Duration.ofSeconds(30));
             SharedPipelineState secondState = second.share(fake.storageId(), Duration.ofSeconds(30));
             IngestPipeline one = pipeline(fake, firstState, "one");
             IngestPipeline two = pipeline(fake, secondState, "two");
             TwoWayGateway oneCommands = twoWay(one, fake, first, firstState, "one");
             TwoWayGateway twoCommands = twoWay(two, fake, second, secondState, "two")) {
            one.runOnce();
            two.runOnce();
            assertTrue(oneCommands.isRunning(), "the first to ask holds the role");
            assertFalse(twoCommands.isRunning());

            endTheHoldersSession(first, fake.storageId(), "commands");
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (oneCommands.isRunning()) {
                assertTrue(System.nanoTime() < end, "the loop whose role was lost still runs");
                Thread.sleep(50);
            }
            two.runOnce();
            assertTrue(twoCommands.isRunning(), "the other gateway takes the role after its next pass");
            one.runOnce();
            assertFalse(oneCommands.isRunning(), "asked again, the first finds the role taken");
        } finally {
            fake.stop();
        }
    }

    private IngestPipeline pipeline(FakeIconik fake, SharedPipelineState state, String name) {
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .build();
        IngestPipeline.Builder b = IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve(name).toString())
                        .flag("watch", "false").build())
                .transcoders(List.of());
        state.applyTo(b);
        return b.build();
    }

    private TwoWayGateway twoWay(IngestPipeline pipeline, FakeIconik fake, PostgresStateDatabase db,
                                 SharedPipelineState state, String name) {
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .build();
        return TwoWayGateway.builder(pipeline, client, fake.storageId(), tmp.resolve(name).resolve("commands.db"))
                .interval(Duration.ofMillis(200)).registrationStore(state.registrationStore())
                .role(StorageRole.commandRole(db, fake.storageId())).build();
    }

    @Test
    void oneGatewayHoldsARole_untilItGivesItUp_andOtherStoragesAndRolesDoNotContend() {
        String url = PostgresTestServer.freshSchemaUrl();
        // two databases opened from one URL: two gateways' pools on the same schema
        try (PostgresStateDatabase first = PostgresStateDatabase.open(url);
             PostgresStateDatabase second = PostgresStateDatabase.open(url)) {
            Optional<StorageRole> held = StorageRole.tryTake(first, "s1", "commands");
            assertTrue(held.isPresent());
            assertFalse(StorageRole.tryTake(second, "s1", "commands").isPresent(), "another gateway");
            assertFalse(StorageRole.tryTake(first, "s1", "commands").isPresent(), "another holder in the process");
            try (StorageRole other = StorageRole.tryTake(second, "s2", "commands").orElseThrow();
                 StorageRole otherRole = StorageRole.tryTake(second, "s1", "something else").orElseThrow()) {
                assertTrue(other.toString().contains("s2"));
                assertTrue(otherRole.toString().contains("something else"));
            }
            held.get().close();
            held.get().close(); // idempotent
            try (StorageRole taken = StorageRole.tryTake(second, "s1", "commands").orElseThrow()) {
                assertFalse(StorageRole.tryTake(first, "s1", "commands").isPresent());
            }
        }
    }

    @Test
    void closingTheDatabase_releasesTheRole_forTheOtherGateways() throws InterruptedException {
        String url = PostgresTestServer.freshSchemaUrl();
        try (PostgresStateDatabase survivor = PostgresStateDatabase.open(url)) {
            PostgresStateDatabase dying = PostgresStateDatabase.open(url);
            assertTrue(StorageRole.tryTake(dying, "s", "commands").isPresent());
            dying.close(); // its connections end, as when the process dies: the server releases the lock
            // ... once its session has ended there: closing a connection does not wait for the server's session to
            // go, and the lock goes with the session. Asked once at once, the other gateway was refused now and then.
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (StorageRole.tryTake(survivor, "s", "commands").isEmpty()) {
                assertTrue(System.nanoTime() < end, "the role of the closed database was never released");
                Thread.sleep(10);
            }
        }
    }
}
