// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.config.ConfigurationException;
import io.github.iconiksdk.core.config.GatewayConfig;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.Faults;
import io.github.iconiksdk.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

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
        return pipeline(TestClients.fast(fake), 8);
    }

    private IngestPipeline pipeline(IconikClient client, int workers) {
        return pipeline(client, workers, true);
    }

    private IngestPipeline pipeline(IconikClient client, int workers, boolean watch) {
        return IngestPipeline.builder().client(client).storageId(fake.storageId())
                .config(GatewayConfig.builder().flag("data-dir", tmp.resolve("data").toString())
                        .flag("registration-workers", String.valueOf(workers)).flag("watch", String.valueOf(watch))
                        .build())
                .transcoders(List.of()).listener(events::add).build();
    }

    /** A client that counts how many asset creations run at once at most. */
    private static IconikClient countingCreations(IconikClient real, AtomicInteger peak) {
        AtomicInteger now = new AtomicInteger();
        return (IconikClient) Proxy.newProxyInstance(IconikClient.class.getClassLoader(),
                new Class<?>[] {IconikClient.class}, (proxy, method, args) -> {
                    boolean counted = method.getName().equals("createAsset");
                    if (counted) {
                        peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (counted) {
                            now.decrementAndGet();
                        }
                    }
                });
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
    void registration_runsSeveralFilesAtOnce_andOneWorkerRunsOneAtATime() throws Exception {
        startFake();
        fake.faults(new Faults(0, 0, 0, Duration.ofMillis(40))); // every answer takes a while: overlaps show
        for (int i = 0; i < 24; i++) {
            write("many/f" + i + ".wav");
        }
        AtomicInteger peak = new AtomicInteger();
        try (IngestPipeline pipeline = pipeline(countingCreations(TestClients.fast(fake), peak), 8)) {
            assertEquals(24, pipeline.runOnce().count(RegistrationOutcome.CREATED));
        }
        assertTrue(peak.get() > 1, "registrations ran one at a time with 8 workers");
        assertTrue(peak.get() <= 8, "more registrations at once than workers: " + peak.get());

        for (int i = 0; i < 6; i++) {
            write("more/g" + i + ".wav");
        }
        AtomicInteger single = new AtomicInteger();
        try (IngestPipeline pipeline = pipeline(countingCreations(TestClients.fast(fake), single), 1)) {
            assertEquals(6, pipeline.runOnce().count(RegistrationOutcome.CREATED));
        }
        assertEquals(1, single.get());
        assertEquals(30, fake.assets().size(), "every file exactly once");
    }

    @Test
    void aNewFile_costsFourRequests_itsFileRecordIsCreatedClosed() throws Exception {
        startFake();
        for (int i = 0; i < 5; i++) {
            write("four/f" + i + ".mov");
        }
        try (IngestPipeline pipeline = pipeline()) {
            assertEquals(5, pipeline.runOnce().count(RegistrationOutcome.CREATED));
        }
        List<RecordedRequest> perFile = fake.requests().stream()
                .filter(r -> r.path().startsWith("/API/") && !r.path().contains("/storages/")).toList();
        assertEquals(20, perFile.size(), perFile.stream().map(r -> r.method() + " " + r.path()).toList()::toString);
        assertTrue(perFile.stream().noneMatch(r -> r.method().equals("PATCH")), "a separate close was sent");
        for (JsonNode f : fake.allFiles()) {
            assertEquals("CLOSED", f.path("status").asText());
        }
    }

    /** A client whose file-record creations die half way, as a process killed there would leave them. */
    private static IconikClient dyingAtFileRecords(IconikClient real) {
        return (IconikClient) Proxy.newProxyInstance(IconikClient.class.getClassLoader(),
                new Class<?>[] {IconikClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createFile")) {
                        throw new IllegalStateException("simulated kill before the file record");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void afterAKill_aResumedFileIsCountedOnceInTheSummary_thoughTheScannerReportsItAgain() throws Exception {
        startFake();
        write("k/a.mov");
        write("k/b.mov");
        write("k/c.mov");
        try (IngestPipeline killed = pipeline(dyingAtFileRecords(TestClients.fast(fake)), 8)) {
            IngestSummary first = killed.runOnce();
            assertEquals(3, first.failed().size(), first.summaryLine());
        }
        // A SIGKILL comes before the scanner records what it handed over: the journal holds the three unfinished
        // registrations and the scanner reports the three files again, as new.
        for (String name : List.of("scan-state.db", "scan-state.db-wal", "scan-state.db-shm")) {
            Files.deleteIfExists(tmp.resolve("data").resolve(name));
        }
        try (IngestPipeline resumed = pipeline()) {
            IngestSummary second = resumed.runOnce();
            assertEquals(3, second.registered(), second.summaryLine());
            assertEquals(3, second.count(RegistrationOutcome.CREATED), second.summaryLine());
            assertEquals(0, second.count(RegistrationOutcome.ALREADY_REGISTERED), second.summaryLine());
            assertTrue(second.summaryLine().startsWith("registered 3 files (3 new, "), second.summaryLine());
        }
        assertEquals(Set.of("k/a.mov", "k/b.mov", "k/c.mov"), registered());
        assertEquals(3, fake.assets().size(), "every file exactly once");
    }

    @Test
    void identicalCopies_withAggregation_shareOneAsset_andGetNoRenditionsOrUploadOfTheirOwn() throws Exception {
        startFake("aggregate_identical_files", "true", "upload_files", "true");
        for (int i = 0; i < 6; i++) {
            Path p = root.resolve("card" + i + "/copy.mov");
            Files.createDirectories(p.getParent());
            Files.writeString(p, "the same clip", StandardCharsets.UTF_8);
        }
        IngestSummary s;
        try (IngestPipeline pipeline = pipeline()) {
            s = pipeline.runOnce();
        }
        assertEquals(1, fake.assets().size(), "identical files registered at once each made an asset");
        assertEquals(1, s.count(RegistrationOutcome.CREATED), s.summaryLine());
        assertEquals(5, s.count(RegistrationOutcome.AGGREGATED), s.summaryLine());
        assertEquals(1, s.uploads(), "the copies' originals were uploaded to the shared asset: " + s.summaryLine());
        assertEquals(6, fake.allFiles().stream().filter(f -> f.path("storage_id").asText()
                .equals(fake.storageId())).count(), "one file record per copy on the storage");
    }

    @Test
    void sidecarMetadataRequired_aFileWaitsForItsSidecar_andItsArrivalRegistersIt() throws Exception {
        startFake("sidecar_metadata_required", "true");
        String sidecar = "{\"metadata_values\": {\"project\": {\"field_values\": [{\"value\": \"Doc\"}]}}}";
        write("a/clip.mov");
        write("b/other.mov");
        Files.writeString(root.resolve("b/other.mov.json"), sidecar, StandardCharsets.UTF_8);
        try (IngestPipeline pipeline = pipeline()) {
            IngestSummary first = pipeline.runOnce();
            assertEquals(Set.of("b/other.mov"), registered(), first.summaryLine());
            assertTrue(events.stream().anyMatch(e -> e instanceof IngestEvent.Notice n
                    && n.message().contains("a/clip.mov")), events.toString());

            Files.writeString(root.resolve("a/clip.mov.json"), sidecar, StandardCharsets.UTF_8);
            IngestSummary second = pipeline.runOnce();
            assertEquals(Set.of("a/clip.mov", "b/other.mov"), registered(), second.summaryLine());
            assertEquals(1, second.count(RegistrationOutcome.CREATED), second.summaryLine());
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

    @Test
    void scanPaths_registersWhatChangedInTheNamedFilesAndFolders_andNothingElse() throws Exception {
        startFake();
        write("a/old.mov");
        write("b/keep.mov");
        try (IngestPipeline pipeline = pipeline(TestClients.fast(fake), 8, false)) {
            pipeline.runOnce();
            write("a/deep/new.mov");      // in a named folder, a sub-folder down
            write("c/named.mov");         // a named file
            write("c/sibling.mov");       // beside it: its folder is looked at
            write("c/sub/unnamed.mov");   // under the named file's folder: not walked
            write("elsewhere/other.mov"); // nowhere named
            Files.delete(root.resolve("b/keep.mov")); // nowhere named: not reported removed

            IngestSummary partial = pipeline.scanPaths(List.of("a", "c/named.mov"));
            assertEquals(3, partial.count(RegistrationOutcome.CREATED), partial.summaryLine());
            assertEquals(Set.of("a/old.mov", "b/keep.mov", "a/deep/new.mov", "c/named.mov", "c/sibling.mov"),
                    registered());
            assertEquals(1, pipeline.passes(), "a partial pass is no complete pass");
            assertTrue(events.stream().anyMatch(e -> e instanceof IngestEvent.PartialPassFinished f
                    && f.summary().equals(partial)), events.toString());
            assertThrows(IllegalArgumentException.class, () -> pipeline.scanPaths(List.of("a/../../x")));
            assertThrows(IllegalArgumentException.class, () -> pipeline.scanPaths(List.of("/etc")));

            IngestSummary whole = pipeline.scanPaths(List.of());
            assertEquals(2, whole.count(RegistrationOutcome.CREATED), whole.summaryLine());
            assertTrue(registered().containsAll(Set.of("c/sub/unnamed.mov", "elsewhere/other.mov")));
            assertEquals(2, pipeline.passes(), "naming nothing runs a complete pass");
        }
    }

    @Test
    void daemon_withChangeHints_registersNewFilesBetweenFullPasses() throws Exception {
        // An interval far longer than the test: only the first full pass runs; the rest is the hints' doing.
        startFake("scan_interval_seconds", "3600", "growing_files_threshold", "1");
        write("x/one.wav");
        try (IngestPipeline pipeline = pipeline()) {
            pipeline.start();
            awaitRegistered("x/one.wav");
            awaitPasses(pipeline, 1);
            write("x/two.wav");               // an existing (watched) folder
            write("card 7/CLIP/three.wav");   // a new folder tree
            awaitRegistered("x/two.wav");
            awaitRegistered("card 7/CLIP/three.wav");
            assertEquals(1, pipeline.passes(), "registered without a second full pass; events " + events);
            assertEquals(1, events.stream().filter(e -> e instanceof IngestEvent.ScanStarted).count(),
                    events.toString());
        }
        assertTrue(events.stream().anyMatch(e -> e instanceof IngestEvent.Stopped s && s.registered() == 3),
                events.toString());
        // one.wav may still be growing during the full pass (then a partial pass registers it): count both kinds.
        assertEquals(3, events.stream().mapToLong(e -> e instanceof IngestEvent.PartialPassFinished p
                ? p.summary().registered() : e instanceof IngestEvent.PassFinished f ? f.summary().registered() : 0)
                .sum(), events.toString());
    }

    @Test
    void daemon_withWatchOff_registersANewFileAtTheNextFullPass() throws Exception {
        startFake("scan_interval_seconds", "2", "growing_files_threshold", "1");
        write("x/one.wav");
        try (IngestPipeline pipeline = pipeline(TestClients.fast(fake), 8, false)) {
            pipeline.start();
            awaitRegistered("x/one.wav");
            awaitPasses(pipeline, 1);
            write("x/two.wav");
            int two = awaitRegisteredEvent("x/two.wav");
            int one = awaitRegisteredEvent("x/one.wav");
            int passAfterOne = -1;
            int scanBeforeTwo = -1;
            for (int i = 0; i < two; i++) {
                if (i > one && passAfterOne < 0 && events.get(i) instanceof IngestEvent.PassFinished) {
                    passAfterOne = i;
                }
                if (events.get(i) instanceof IngestEvent.ScanStarted) {
                    scanBeforeTwo = i;
                }
            }
            assertTrue(passAfterOne > one && scanBeforeTwo > passAfterOne,
                    "x/two.wav is registered by the scan of a later full pass than x/one.wav's; events " + events);
        }
    }

    /** Waits for the FileRegistered event of a path; returns its index in the events. */
    private int awaitRegisteredEvent(String path) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (true) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i) instanceof IngestEvent.FileRegistered r && r.path().equals(path)) {
                    return i;
                }
            }
            assertTrue(System.nanoTime() < end, "timed out waiting for " + path + "; events " + events);
            Thread.sleep(20);
        }
    }

    private void awaitRegistered(String path) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!registered().contains(path)) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + path + "; events " + events);
            Thread.sleep(20);
        }
    }

    private void awaitPasses(IngestPipeline pipeline, int passes) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (pipeline.passes() < passes) {
            assertTrue(System.nanoTime() < end, "timed out waiting for pass " + passes + "; events " + events);
            Thread.sleep(20);
        }
    }
}
