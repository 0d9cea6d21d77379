package io.github.iconiksdk.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingest pipeline against the testkit's fake iconik: passes, events, the summary, settings it cannot use. */
class IngestPipelineTest {

    @TempDir
    Path tmp;
    private Path root;
    private FakeIconik fake;
    private final List<IngestEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    private void startFake(String... settings) throws IOException {
        root = Files.createDirectories(tmp.resolve("storage"));
        FakeIconik.Builder b = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0")
                .storageSetting("local_proxy_creation", "false").storageSetting("local_keyframe_creation", "false");
        for (int i = 0; i < settings.length; i += 2) {
            b.storageSetting(settings[i], settings[i + 1]);
        }
        fake = b.build().start();
    }

    private IngestPipeline pipeline() {
        return IngestPipeline.builder().client(TestClients.fast(fake)).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                .transcoders(List.of()).listener(events::add).build();
    }

    private void write(String path) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "content of " + path, StandardCharsets.UTF_8);
    }

    private Set<String> registered() {
        Set<String> paths = new TreeSet<>();
        for (JsonNode f : fake.allFiles()) {
            paths.add((f.path("directory_path").asText() + "/" + f.path("original_name").asText())
                    .replaceFirst("^/", ""));
        }
        return paths;
    }

    @Test
    void runOnce_registersEveryFile_reportsEvents_andASecondPassChangesNothing() throws Exception {
        startFake();
        write("day1/a.mov");
        write("day1/b.wav");
        write("c.jpg");
        try (IngestPipeline pipeline = pipeline()) {
            IngestSummary first = pipeline.runOnce();
            assertEquals(3, first.count(RegistrationOutcome.CREATED), first.summaryLine());
            assertTrue(first.failed().isEmpty());
            assertEquals(Set.of("day1/a.mov", "day1/b.wav", "c.jpg"), registered());
            assertEquals(3, events.stream().filter(e -> e instanceof IngestEvent.FileRegistered).count());
            assertTrue(events.get(0) instanceof IngestEvent.StorageRead, events.toString());
            assertTrue(events.stream().anyMatch(e -> e instanceof IngestEvent.ScanFinished f
                    && f.summary().added() == 3), events.toString());
            assertTrue(events.get(events.size() - 1) instanceof IngestEvent.PassFinished, events.toString());

            IngestSummary second = pipeline.runOnce();
            assertEquals(0, second.registered(), second.summaryLine());
            assertEquals(3, fake.allFiles().size());
            assertEquals(2, pipeline.passes());
        }
    }

    @Test
    void mountPointNotAFolderHere_runOnceThrowsNamingIt_andReportsThePassFailed() throws Exception {
        startFake("mount_point", "\"" + tmp.resolve("not-here") + "\"");
        try (IngestPipeline pipeline = pipeline()) {
            ConfigurationException e = assertThrows(ConfigurationException.class, pipeline::runOnce);
            assertTrue(e.getMessage().contains("mount_point"), e.getMessage());
            assertTrue(events.stream().anyMatch(x -> x instanceof IngestEvent.PassFailed p
                    && p.retryIn().isEmpty() && p.message().contains("not-here")), events.toString());
        }
    }

    @Test
    void daemon_startedAndClosed_registersFilesThenStops() throws Exception {
        startFake("scan_interval_seconds", "1");
        write("x/one.wav");
        IngestPipeline pipeline = pipeline();
        pipeline.start();
        long end = System.nanoTime() + 30_000_000_000L;
        while (!registered().contains("x/one.wav")) {
            assertTrue(System.nanoTime() < end, "timed out waiting for x/one.wav; events " + events);
            Thread.sleep(50);
        }
        pipeline.close();
        assertTrue(events.stream().anyMatch(e -> e instanceof IngestEvent.Stopped), events.toString());
    }
}
