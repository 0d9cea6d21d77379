// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.postgresql;

import io.github.iconiksdk.api.scan.FileStatus;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.api.upload.RegistrationStep;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.client.RetryOptions;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.FakeStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The SDK's ingest pipeline keeping its scan state and registration journal on PostgreSQL, against the fake. */
class IngestPipelineOnPostgresTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final FakeStorage storage = new FakeStorage().withoutLocalRenditions();

    @Test
    void runOnce_withPostgresStores_registersEveryFileOnce_andWritesNoSqliteFile() throws Exception {
        Path root = storage.root();
        for (String p : List.of("day1/a.mov", "day1/b.wav", "c.jpg")) {
            Files.createDirectories(root.resolve(p).getParent());
            Files.writeString(root.resolve(p), "content of " + p, StandardCharsets.UTF_8);
        }
        FakeIconik fake = storage.fake();
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .retry(RetryOptions.builder().maxAttempts(12).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5)).maxTotalTime(Duration.ofSeconds(30)).build())
                .rateLimit(RateLimitOptions.disabled()).requestTimeout(Duration.ofSeconds(10)).build();
        Path data = tmp.resolve("data");
        try (PostgresStateDatabase db = PostgresStateDatabase.open(PostgresTestServer.freshSchemaUrl());
             PostgresRegistrationStore journal = db.registrationStore(fake.storageId())) {
            IngestPipeline.Builder builder = IngestPipeline.builder().client(client).storageId(fake.storageId())
                    .config(GatewayConfig.builder().flag("data-dir", data.toString()).build())
                    .transcoders(List.of())
                    .scanStateStores(() -> db.scanStateStore(fake.storageId()))
                    .registrationStore(journal);
            try (IngestPipeline pipeline = builder.build()) {
                IngestSummary first = pipeline.runOnce();
                assertEquals(3, first.count(RegistrationOutcome.CREATED), first.summaryLine());
                assertEquals(0, pipeline.runOnce().registered());
            }
            assertEquals(3, fake.allFiles().size());
            assertEquals(List.of(), journal.unfinished());
            assertEquals(RegistrationStep.DONE, journal.find("day1/a.mov").orElseThrow().step());
            try (PostgresScanStateStore scanState = db.scanStateStore(fake.storageId())) {
                assertEquals(3, scanState.count());
                assertEquals(List.of(), scanState.listByStatus(FileStatus.PENDING_NEW, null, 10));
            }
            // a restart with a fresh pipeline on the same database registers nothing again
            try (IngestPipeline again = builder.build()) {
                assertEquals(0, again.runOnce().registered());
            }
            assertEquals(3, fake.allFiles().size());
        }
        assertFalse(Files.exists(data.resolve("scan-state.db")), "no SQLite scan state");
        assertFalse(Files.exists(data.resolve("registrations.db")), "no SQLite journal");
    }
}
