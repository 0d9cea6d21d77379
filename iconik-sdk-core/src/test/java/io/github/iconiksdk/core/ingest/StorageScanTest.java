// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ScanSummary;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.core.pattern.PatternSet;
import io.github.iconiksdk.core.pattern.Patterns;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scan-only entry: {@link StorageScan} and {@link IngestPipeline#scanOnly}, which report and register nothing. */
class StorageScanTest {

    @TempDir
    Path tmp;

    private Path tree(String... files) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("storage"));
        for (String f : files) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        return root;
    }

    private static List<String> lines(List<ScanEvent> events) {
        return events.stream().map(e -> e instanceof ScanEvent.Change c ? c.type() + " " + c.path()
                : e.getClass().getSimpleName() + " " + e.path()).sorted().toList();
    }

    @Test
    void withAStateFile_aSecondPassReportsOnlyWhatChanged() throws IOException {
        Path root = tree("a.mov", "clips/b.mov");
        StorageScan scan = StorageScan.builder().root(root).growingThreshold(Duration.ZERO)
                .stateFile(tmp.resolve("scan.db")).build();
        List<ScanEvent> first = new ArrayList<>();
        ScanSummary s1 = scan.scanOnce(first::add);
        assertEquals(List.of("NEW a.mov", "NEW clips/b.mov"), lines(first));
        assertEquals(2, s1.added());

        Files.delete(root.resolve("a.mov"));
        List<ScanEvent> second = new ArrayList<>();
        scan.scanOnce(second::add);
        assertEquals(List.of("REMOVED a.mov"), lines(second));
    }

    @Test
    void withoutAStateFile_everyPassSeesEveryFileAndLeavesNoStateBehind() throws IOException {
        Path root = tree("a.mov");
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        String before = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", scratch.toString());
        try {
            StorageScan scan = StorageScan.builder().root(root).growingThreshold(Duration.ZERO).build();
            for (int i = 0; i < 2; i++) {
                List<ScanEvent> events = new ArrayList<>();
                scan.scanOnce(events::add);
                assertEquals(List.of("NEW a.mov"), lines(events), "pass " + (i + 1));
            }
        } finally {
            System.setProperty("java.io.tmpdir", before);
        }
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("iconik-scan-")).toList());
        }
    }

    @Test
    void scanDirectories_mayBeAbsoluteBelowTheRoot_andOneOutsideIsRefusedNamingIt() throws IOException {
        Path root = tree("in/a.mov", "out/b.mov");
        List<ScanEvent> events = new ArrayList<>();
        StorageScan.builder().root(root).scanDirectories(List.of(root.resolve("in").toString()))
                .growingThreshold(Duration.ZERO).build().scanOnce(events::add);
        assertEquals(List.of("NEW in/a.mov"), lines(events));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageScan.builder()
                .root(root).scanDirectories(List.of(tmp.toString())).build());
        assertTrue(e.getMessage().contains("'" + tmp + "'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StorageScan.builder().root(root).scanDirectories(List.of("../x")).build());
    }

    @Test
    void patternsAndTheGrowingThreshold_apply() throws IOException {
        Path root = tree("a.mov", "a.tmp");
        PatternSet patterns = PatternSet.builder().scanIgnore(Patterns.compile(List.of("*.tmp"))).build();
        List<ScanEvent> events = new ArrayList<>();
        ScanSummary s = StorageScan.builder().root(root).patterns(patterns).growingThreshold(Duration.ofHours(1))
                .build().scanOnce(events::add);
        assertEquals(List.of("Growing a.mov"), lines(events)); // written just now: not settled for an hour
        assertEquals(1, s.ignored());
    }

    @Test
    void scanPatternsAsText_withoutAnIgnoreList_applyIconiksDefault_andABadOneIsNamed() throws IOException {
        Path root = tree("a.mov", "b.fcpcache", "c.tmp");
        ScanSummary byDefault = StorageScan.builder().root(root).scanIgnore(null)
                .growingThreshold(Duration.ZERO).build().scanOnce(e -> { });
        assertEquals(2, byDefault.added(), "*.fcpcache is on iconik's default ignore list");
        ScanSummary none = StorageScan.builder().root(root).scanIgnore(List.of())
                .growingThreshold(Duration.ZERO).build().scanOnce(e -> { });
        assertEquals(3, none.added());
        ScanSummary given = StorageScan.builder().root(root).scanIgnore(List.of("*.tmp")).scanInclude(List.of("*.mov"))
                .growingThreshold(Duration.ZERO).build().scanOnce(e -> { });
        assertEquals(1, given.added(), "c.tmp ignored, b.fcpcache not included");
        io.github.iconiksdk.api.pattern.InvalidPatternException e = assertThrows(
                io.github.iconiksdk.api.pattern.InvalidPatternException.class,
                () -> StorageScan.builder().scanInclude(List.of("re:/[z-a]/")));
        assertTrue(e.getMessage().contains("[z-a]") && e.getMessage().contains("scan include list"), e.getMessage());
    }

    @Test
    void pipelineScanOnly_usesTheStorageSettings_registersNothing_andTheNextPassRegistersEverything()
            throws IOException {
        Path root = tree("keep/a.mov", "keep/b.mov", "skip/c.mov", "keep/d.tmp");
        try (FakeIconik fake = FakeIconik.builder().port(0).mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_directories", "[\"keep\"]")
                .storageSetting("scan_ignore", "[\"*.tmp\"]").storageSetting("local_proxy_creation", "false")
                .storageSetting("local_keyframe_creation", "false").build().start();
             IngestPipeline pipeline = IngestPipeline.builder().client(TestClients.fast(fake))
                     .storageId(fake.storageId()).transcoders(List.of())
                     .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                     .build()) {
            for (int i = 0; i < 2; i++) {
                List<ScanEvent> events = new ArrayList<>();
                ScanSummary s = pipeline.scanOnly(events::add);
                assertEquals(List.of("NEW keep/a.mov", "NEW keep/b.mov"), lines(events), "dry run " + (i + 1));
                assertEquals(1, s.ignored());
            }
            assertEquals(List.of(), fake.assets());
            assertEquals(0, fake.requestCount("POST", ".*", null), "a dry run makes no request that changes iconik");

            assertEquals(2, pipeline.runOnce().registered());
            assertEquals(2, fake.assets().size());
        }
    }

    @Test
    void pipelineScanOnly_aMountPointThatIsNoFolderHere_failsNamingIt() {
        try (FakeIconik fake = FakeIconik.builder().port(0).mountPoint(tmp.resolve("absent").toString()).build()
                .start();
             IngestPipeline pipeline = IngestPipeline.builder().client(TestClients.fast(fake))
                     .storageId(fake.storageId()).transcoders(List.of())
                     .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString()).build())
                     .build()) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> pipeline.scanOnly(event -> { }));
            assertTrue(e.getMessage().contains("mount_point"), e.getMessage());
        }
    }
}
