// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 item 4 through an ingest, with the storage's {@code enable_auto_versioning}: {@code clip.mov},
 * {@code clip_v2.mov} and {@code clip_v3.mov} found in one first pass are ONE asset with three versions (the
 * suffixed files wait for their predecessors' registration, however many workers register at once); a rewritten
 * {@code clip.mov} then makes version 4, and the asset count never changes.
 */
class VersionsIngestTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    @Test
    void suffixedFilesInOnePass_areVersionsOfOneAsset_andARewriteAddsTheNext() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        Path folder = Files.createDirectories(root.resolve("edit"));
        Instant old = Instant.now().minusSeconds(3600);
        for (String name : List.of("clip.mov", "clip_v2.mov", "clip_v3.mov", "other.mov")) {
            Files.writeString(folder.resolve(name), "content of " + name);
            Files.setLastModifiedTime(folder.resolve(name), FileTime.from(old));
        }
        fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false")
                .storageSetting("enable_auto_versioning", "true").build().start();
        try (IngestPipeline pipeline = IngestPipeline.builder().client(TestClients.fast(fake))
                .storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString())
                        .flag("registration-workers", "4").build())
                .transcoders(List.of()).build()) {
            IngestSummary first = pipeline.runOnce();
            assertTrue(first.failed().isEmpty(), first.summaryLine());
            assertEquals(2, fake.assets().size(), "clip.mov with its versions, and other.mov");
            JsonNode clip = fake.assets().stream().filter(a -> a.path("title").asText().equals("clip.mov"))
                    .findFirst().orElseThrow();
            String asset = clip.path("id").asText();
            assertEquals(3, fake.asset(asset).orElseThrow().path("versions").size());
            Set<String> names = new TreeSet<>();
            fake.files(asset).forEach(f -> names.add(f.path("original_name").asText()));
            assertEquals(Set.of("clip.mov", "clip_v2.mov", "clip_v3.mov"), names);
            assertEquals(3, fake.fileSets(asset).size(), "each version its own file set");

            Files.writeString(folder.resolve("clip.mov"), "content of clip.mov, rewritten");
            Files.setLastModifiedTime(folder.resolve("clip.mov"), FileTime.from(old.plusSeconds(60)));
            IngestSummary second = pipeline.runOnce();
            assertTrue(second.failed().isEmpty(), second.summaryLine());
            assertEquals(1, second.count(RegistrationOutcome.UPDATED), second.summaryLine());
            assertEquals(2, fake.assets().size(), "the asset count does not change");
            assertEquals(4, fake.asset(asset).orElseThrow().path("versions").size());
        }
    }
}
