// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.ingest.IngestEvent;
import io.github.iconiksdk.core.ingest.IngestPipeline;
import io.github.iconiksdk.core.ingest.IngestSummary;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance (issue 23): with a {@code [watch-folder:braw]} section in the gateway's configuration file and the
 * stand-in tool (a script running ffmpeg) watching its folder, an ingest of a {@code .braw} gives its asset the
 * proxy the tool made; with the tool stopped, the file is still registered and the failure names the plugin's rule,
 * the file and the timeout. Through the pipeline, the section's options and the plugin's claim by name.
 */
class WatchFolderIngestTest {

    @TempDir
    Path tmp;
    private Path root;
    private Path in;
    private Path out;
    private FakeIconik fake;
    private final List<IngestEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void storage() throws Exception {
        root = Files.createDirectories(tmp.resolve("storage"));
        in = Files.createDirectories(tmp.resolve("braw-in"));
        out = Files.createDirectories(tmp.resolve("braw-out"));
        Media.clip(root.resolve("A001/A001_C007.braw"), 320, 240);
        fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").build().start();
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    private IngestSummary ingest(int timeoutSeconds) throws Exception {
        Path ini = Files.writeString(tmp.resolve("gateway.ini"), String.join("\n",
                "[watch-folder:braw]",
                "patterns = *.braw",
                "input = " + in,
                "output = " + out,
                "output-pattern = {stem}_proxy.mp4",
                "timeout-seconds = " + timeoutSeconds,
                "stable-seconds = 1",
                "poll-millis = 50", ""));
        IconikClient client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .rateLimit(RateLimitOptions.disabled()).build();
        try (IngestPipeline pipeline = IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().configFile(ini).flag("data-dir", tmp.resolve("data").toString())
                        .build())
                .transcoders(List.of(new WatchFolderTranscoderProvider())).listener(events::add).build()) {
            IngestSummary summary = pipeline.runOnce();
            assertTrue(summary.failed().isEmpty(), summary.summaryLine());
            assertEquals(1, summary.registered(), summary.summaryLine());
            return summary;
        }
    }

    private String brawAsset() {
        return fake.allFiles().stream().filter(f -> f.path("original_name").asText().equals("A001_C007.braw"))
                .findFirst().orElseThrow(() -> new AssertionError("the .braw is not registered"))
                .path("asset_id").asText();
    }

    /** The files under a folder, at any depth (the plugin's own empty state folder does not count). */
    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void ingestOfABraw_withTheToolRunning_givesItsAssetTheToolsProxy() throws Exception {
        IngestSummary summary;
        try (StandInTool tool = StandInTool.start(tmp, in, out)) {
            summary = ingest(60);
        }
        assertEquals(0, summary.renditionsFailed(), summary.summaryLine());
        List<JsonNode> proxies = fake.proxies(brawAsset());
        assertEquals(1, proxies.size(), proxies.toString());
        Path proxy = Files.write(tmp.resolve("taken.mp4"),
                fake.uploadedBytes(proxies.get(0).path("id").asText()).orElseThrow());
        assertEquals("160x120", Media.size(proxy), "the tool scales to 120 px high: its proxy was uploaded");
        assertEquals(List.of(), list(in), "the staged source is removed");
        assertEquals(List.of(), list(out), "the proxy was taken out of the tool's folder, no job journal left");
    }

    @Test
    void ingestOfABraw_withTheToolStopped_registersItAndNamesPluginFileAndTimeout() throws Exception {
        IngestSummary summary = ingest(1);
        assertEquals(1, summary.renditionsFailed(), summary.summaryLine());
        assertTrue(fake.proxies(brawAsset()).isEmpty());
        String problems = events.stream().filter(e -> e instanceof IngestEvent.Problem).map(Object::toString)
                .reduce("", String::concat);
        assertTrue(problems.contains("watch-folder rule 'braw'"), problems);
        assertTrue(problems.contains("A001_C007.braw"), problems);
        assertTrue(problems.contains("1 s timeout"), problems);
        assertEquals(List.of(), list(in), "nothing left in the tool's input folder");
    }
}
