// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.upload.internal.Step;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.FaultKind;
import io.github.iconiksdk.testkit.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration against the testkit's fake iconik: the chain, exactly once under faults and crashes, changes. */
class RegistrationTest {

    private static final String GROUP = "6a3c8f0e-3f0b-4c3e-9d55-1d2f3a4b5c6d";

    @TempDir
    Path dir;

    private FakeIconik fake;
    private IconikClient client;
    private final List<IconikAssetUploader> uploaders = new ArrayList<>();

    private void start(FakeIconik.Builder builder) {
        fake = builder.seed(11).build().start();
        client = TestClients.fast(fake);
    }

    @AfterEach
    void stop() {
        uploaders.forEach(IconikAssetUploader::close);
        if (fake != null) {
            fake.stop();
        }
    }

    private IconikAssetUploader uploader(String journal) {
        return uploader(journal, null);
    }

    private IconikAssetUploader uploader(String journal,
            io.github.iconiksdk.core.upload.internal.RegistrationSaga.StepHook hook) {
        FileSettings settings = client.getStorage(fake.storageId()).fileSettings();
        IconikAssetUploader.Builder b = IconikAssetUploader.builder().client(client).storageId(fake.storageId())
                .settings(() -> settings).journal(dir.resolve(journal)).searchSettleTime(Duration.ofMillis(50));
        if (hook != null) {
            b.stepHook(hook);
        }
        IconikAssetUploader u = b.build();
        uploaders.add(u);
        return u;
    }

    private static ScanEvent.Change event(ChangeType type, String path, long size, String md5) {
        return ScanEvent.Change.of(type, path, Math.max(0, size), Instant.ofEpochMilli(1_700_000_000_000L + size),
                md5);
    }

    private static String md5(int i) {
        return String.format("%032x", i + 1);
    }

    /** Registers until it succeeds, as the gateway does on its next pass; returns how many attempts failed. */
    private static int registerPersistently(IconikAssetUploader u, ScanEvent.Change e) {
        for (int failures = 0; ; failures++) {
            try {
                u.register(e, MetadataValues.empty());
                return failures;
            } catch (IconikException transientFailure) {
                if (failures > 50) {
                    throw transientFailure;
                }
            }
        }
    }

    /** The part of the fake's state registration decides, independent of generated ids. */
    private Map<String, String> state() {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode asset : fake.assets()) {
            String id = asset.get("id").asText();
            List<JsonNode> files = fake.files(id);
            StringBuilder b = new StringBuilder("title=" + asset.path("title").asText());
            fake.formats(id).forEach(f -> b.append(" format=").append(f.path("name").asText()));
            fake.fileSets(id).forEach(fs -> b.append(" fileset=").append(fs.path("base_dir").asText()).append('/')
                    .append(fs.path("name").asText()));
            files.forEach(f -> b.append(" file=").append(f.path("directory_path").asText()).append('/')
                    .append(f.path("original_name").asText()).append(':').append(f.path("status").asText())
                    .append(':').append(f.path("size").asText()).append(':').append(f.path("checksum").asText()));
            out.put(files.isEmpty() ? "orphan:" + id : files.get(0).path("directory_path").asText() + "/"
                    + files.get(0).path("original_name").asText(), b.toString());
        }
        return out;
    }

    @Test
    void newFile_registersAssetOriginalFormatFileSetAndClosedFile() {
        start(FakeIconik.builder());
        Registration r = uploader("j.db").register(event(ChangeType.NEW, "A001/clip one.MOV", 1234, md5(1)),
                MetadataValues.empty());
        assertEquals(RegistrationOutcome.CREATED, r.outcome());
        assertEquals(Map.of("A001/clip one.MOV", "title=clip one.MOV format=ORIGINAL fileset=A001/clip one.MOV"
                + " file=A001/clip one.MOV:CLOSED:1234:" + md5(1)), state());
        JsonNode file = fake.files(r.assetId()).get(0);
        assertEquals(fake.storageId(), file.path("storage_id").asText());
        assertEquals(r.fileId(), file.path("id").asText());
        JsonNode format = fake.formats(r.assetId()).get(0);
        assertEquals("FILE", format.path("storage_methods").get(0).asText());
    }

    @Test
    void sameEventTwice_changesNothing() {
        start(FakeIconik.builder());
        IconikAssetUploader u = uploader("j.db");
        ScanEvent.Change e = event(ChangeType.NEW, "a.wav", 10, md5(2));
        String first = u.register(e, MetadataValues.empty()).assetId();
        fake.clearRequests();
        Registration again = u.register(e, MetadataValues.empty());
        assertEquals(RegistrationOutcome.ALREADY_REGISTERED, again.outcome());
        assertEquals(first, again.assetId());
        assertEquals(0, fake.requests().size(), "a repeated delivery must not call iconik");
    }

    @Test
    void thousandFilesUnderFaults_eachRegisteredExactlyOnce() {
        start(FakeIconik.builder());
        IconikAssetUploader u = uploader("j.db");
        fake.faults(new Faults(0.05, 0.05, 0.02, Duration.ZERO));
        int failures = 0;
        for (int i = 0; i < 1000; i++) {
            failures += registerPersistently(u, event(ChangeType.NEW, "card/" + (i / 100) + "/c" + i + ".mov",
                    100 + i, md5(i)));
        }
        fake.clearFaults();
        Map<String, String> state = state();
        assertEquals(1000, fake.assets().size(), "one asset per file, no duplicate");
        assertEquals(1000, fake.allFiles().size(), "one file record per file");
        assertEquals(1000, state.size(), "no orphan asset");
        for (int i = 0; i < 1000; i++) {
            String path = "card/" + (i / 100) + "/c" + i + ".mov";
            assertEquals("title=c" + i + ".mov format=ORIGINAL fileset=" + path + " file=" + path + ":CLOSED:"
                    + (100 + i) + ":" + md5(i), state.get(path), path);
        }
        assertTrue(u.unfinished().isEmpty());
        System.out.println("registration under faults: " + failures + " register calls failed and were retried");
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"ASSET", "FORMAT", "FILE_SET", "FILE", "CLOSED", "EXTERNAL_ID",
            "METADATA", "COLLECTION", "ACCESS", "DONE"})
    void crashBeforeAnyStep_thenRestart_endsInTheSameStateAsNoCrash(Step crashAt) {
        start(FakeIconik.builder().storageSetting("enable_collection_directory_mapping", "true")
                .storageSetting("access_group_id", "\"" + GROUP + "\""));
        ScanEvent.Change e = event(ChangeType.NEW, "x/y/clip.mov", 42, md5(3));
        AtomicBoolean crashed = new AtomicBoolean();
        IconikAssetUploader doomed = uploader("j.db", (step, path) -> {
            if (step == crashAt && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("simulated crash before " + step);
            }
        });
        assertThrows(IllegalStateException.class, () -> doomed.register(e, MetadataValues.empty()));
        doomed.close();
        uploaders.remove(doomed);
        IconikAssetUploader restarted = uploader("j.db");
        assertEquals(List.of("x/y/clip.mov"), restarted.unfinished());
        if (crashAt.ordinal() % 2 == 0) {
            restarted.register(e, MetadataValues.empty()); // the scanner delivers the event again
        } else {
            assertTrue(restarted.resume("x/y/clip.mov", MetadataValues.empty()).isPresent()); // or the journal
        }
        assertEquals(1, fake.assets().size());
        assertEquals(Map.of("x/y/clip.mov", "title=clip.mov format=ORIGINAL fileset=x/y/clip.mov"
                + " file=x/y/clip.mov:CLOSED:42:" + md5(3)), state());
        assertTrue(restarted.unfinished().isEmpty());
        assertEquals(1, fake.collectionAssets(collectionOf("y")).size());
        assertEquals(1, fake.groupAcls(fake.assets().get(0).path("id").asText()).size());
    }

    @Test
    void accessGroup_getsReadAndWriteOnNewAssets() {
        start(FakeIconik.builder().storageSetting("access_group_id", "\"" + GROUP + "\""));
        Registration r = uploader("j.db").register(event(ChangeType.NEW, "g.mov", 1, md5(40)),
                MetadataValues.empty());
        List<JsonNode> acls = fake.groupAcls(r.assetId());
        assertEquals(1, acls.size());
        assertEquals(GROUP, acls.get(0).path("group_id").asText());
        assertEquals("[\"read\",\"write\"]", acls.get(0).path("permissions").toString());
    }

    private String collectionOf(String title) {
        return fake.collections().stream().filter(c -> title.equals(c.path("title").asText())).findFirst()
                .orElseThrow().path("id").asText();
    }

    @ParameterizedTest
    @EnumSource(value = FaultKind.class)
    void lostOrRefusedAnswerOnEveryCreate_isResolvedWithoutDuplicates(FaultKind kind) {
        start(FakeIconik.builder());
        IconikAssetUploader u = uploader("j.db");
        for (String create : List.of(".*/assets/?$", ".*/formats/?$", ".*/file_sets/?$", ".*/files/?$")) {
            fake.failNext(kind, "POST", create, 1);
        }
        for (int i = 0; i < 3; i++) {
            registerPersistently(u, event(ChangeType.NEW, "f" + i + ".mxf", 7 + i, md5(10 + i)));
        }
        Map<String, String> state = state();
        assertEquals(3, fake.assets().size(), state.toString());
        assertEquals(3, state.size(), state.toString());
        for (int i = 0; i < 3; i++) {
            assertEquals("title=f" + i + ".mxf format=ORIGINAL fileset=/f" + i + ".mxf file=/f" + i + ".mxf:CLOSED:"
                    + (7 + i) + ":" + md5(10 + i), state.get("/f" + i + ".mxf"));
        }
    }

    @Test
    void modifiedMovedAndRemoved_updateTheSameFileRecord() {
        start(FakeIconik.builder());
        IconikAssetUploader u = uploader("j.db");
        Registration r = u.register(event(ChangeType.NEW, "a/clip.mov", 100, md5(4)), MetadataValues.empty());

        Registration m = u.register(event(ChangeType.MODIFIED, "a/clip.mov", 200, md5(5)), MetadataValues.empty());
        assertEquals(RegistrationOutcome.UPDATED, m.outcome());
        JsonNode file = fake.files(r.assetId()).get(0);
        assertEquals(200, file.path("size").asLong());
        assertEquals(md5(5), file.path("checksum").asText());

        Registration mv = u.register(ScanEvent.Change.moved("a/clip.mov", "b/renamed.mov", 200,
                Instant.ofEpochMilli(1_700_000_000_200L), md5(5)), MetadataValues.empty());
        assertEquals(RegistrationOutcome.MOVED, mv.outcome());
        assertEquals(r.fileId(), mv.fileId());
        file = fake.files(r.assetId()).get(0);
        assertEquals("b", file.path("directory_path").asText());
        assertEquals("renamed.mov", file.path("original_name").asText());

        Registration rm = u.register(event(ChangeType.REMOVED, "b/renamed.mov", -1, null), MetadataValues.empty());
        assertEquals(RegistrationOutcome.REMOVED, rm.outcome());
        assertEquals("MISSING", fake.files(r.assetId()).get(0).path("status").asText());
        assertEquals(1, fake.assets().size());
    }

    @Test
    void removedBeforeRegistrationFinished_leavesNothingBehind() {
        start(FakeIconik.builder());
        AtomicBoolean crash = new AtomicBoolean(true);
        IconikAssetUploader u = uploader("j.db", (step, path) -> {
            if (step == Step.CLOSED && crash.getAndSet(false)) {
                throw new IllegalStateException("simulated failure");
            }
        });
        assertThrows(IllegalStateException.class,
                () -> u.register(event(ChangeType.NEW, "gone.mov", 5, md5(6)), MetadataValues.empty()));
        assertEquals(1, fake.assets().size());
        u.register(event(ChangeType.REMOVED, "gone.mov", -1, null), MetadataValues.empty());
        assertEquals(0, fake.assets().size(), "the half-made asset is removed");
        assertTrue(u.unfinished().isEmpty());
    }

    @Test
    void identicalContent_withAggregationOn_joinsTheExistingAsset() {
        start(FakeIconik.builder().storageSetting("aggregate_identical_files", "true"));
        IconikAssetUploader u = uploader("j.db");
        Registration first = u.register(event(ChangeType.NEW, "a/one.mov", 9, md5(7)), MetadataValues.empty());
        Registration copy = u.register(event(ChangeType.NEW, "b/copy.mov", 9, md5(7)), MetadataValues.empty());
        assertEquals(RegistrationOutcome.AGGREGATED, copy.outcome());
        assertEquals(first.assetId(), copy.assetId());
        assertEquals(1, fake.assets().size());
        Set<String> paths = new HashSet<>();
        fake.files(first.assetId()).forEach(f -> paths.add(f.path("directory_path").asText() + "/"
                + f.path("original_name").asText()));
        assertEquals(Set.of("a/one.mov", "b/copy.mov"), paths);
    }

    @Test
    void titleWithoutExtension_andFilenameAsExternalId_followTheStorageSettings() {
        start(FakeIconik.builder().storageSetting("title_includes_extension", "false")
                .storageSetting("filename_is_external_id", "true"));
        Registration r = uploader("j.db").register(event(ChangeType.NEW, "d/A001C003.MOV", 3, md5(8)),
                MetadataValues.empty());
        JsonNode asset = fake.asset(r.assetId()).orElseThrow();
        assertEquals("A001C003", asset.path("title").asText());
        assertEquals("A001C003.MOV", asset.path("external_id").asText());
    }

    @Test
    void sidecarValues_goToTheStoragesView_andAreRewrittenOnlyWhenChanged() {
        start(FakeIconik.builder());
        client.send("POST", "/API/metadata/v1/fields/",
                "{\"name\":\"project\",\"label\":\"Project\",\"field_type\":\"string\"}");
        client.send("POST", "/API/metadata/v1/fields/",
                "{\"name\":\"keywords\",\"label\":\"Keywords\",\"field_type\":\"string\",\"multi\":true}");
        String view = client.send("POST", "/API/metadata/v1/views/", "{\"name\":\"Sidecar\",\"view_fields\":"
                + "[{\"name\":\"project\"},{\"name\":\"keywords\"}]}");
        String viewId = view.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        client.updateStorage(fake.storageId(), new io.github.iconiksdk.core.client.model.StorageUpdate(null, null,
                null, null, Map.of("metadata_view_id", viewId)));
        IconikAssetUploader u = uploader("j.db");
        MetadataValues md = MetadataValues.builder().add("project", "Harbour Doc").add("keywords", "drone")
                .add("keywords", "sunset").build();
        Registration r = u.register(event(ChangeType.NEW, "clip.mov", 1, md5(30)), md);
        Map<String, JsonNode> values = fake.metadata(r.assetId());
        assertEquals("Harbour Doc", values.get("project").path("field_values").get(0).path("value").asText());
        assertEquals(2, values.get("keywords").path("field_values").size());

        fake.clearRequests();
        assertEquals(RegistrationOutcome.ALREADY_REGISTERED,
                u.register(event(ChangeType.MODIFIED, "clip.mov", 1, md5(30)), md).outcome());
        assertEquals(0, fake.requests().size(), "unchanged sidecar values are not written again");
        MetadataValues changed = md.toBuilder().remove("keywords").add("keywords", "night").build();
        assertEquals(RegistrationOutcome.UPDATED,
                u.register(event(ChangeType.MODIFIED, "clip.mov", 1, md5(30)), changed).outcome());
        assertEquals("night", fake.metadata(r.assetId()).get("keywords").path("field_values").get(0)
                .path("value").asText());
    }

    @Test
    void collectionMapping_nestsFoldersUnderTheMasterCollection_createdOnce() {
        start(FakeIconik.builder().storageSetting("enable_collection_directory_mapping", "true"));
        IconikAssetUploader u = uploader("j.db");
        u.register(event(ChangeType.NEW, "shoot/day1/a.mov", 1, md5(20)), MetadataValues.empty());
        u.register(event(ChangeType.NEW, "shoot/day1/b.mov", 2, md5(21)), MetadataValues.empty());
        u.register(event(ChangeType.NEW, "shoot/day2/c.mov", 3, md5(22)), MetadataValues.empty());
        Map<String, Integer> titles = new HashMap<>();
        fake.collections().forEach(c -> titles.merge(c.path("title").asText(), 1, Integer::sum));
        assertEquals(1, titles.get("Storage Gateways"));
        assertEquals(1, titles.get("shoot"));
        assertEquals(1, titles.get("day1"));
        assertEquals(2, fake.collectionAssets(collectionOf("day1")).size());
        assertNotNull(titles.get("day2"));
    }

    /** Issue 16 bug: a MOVED file kept its file set's base_dir and name, and its asset stayed in the old collection. */
    @Test
    void moved_fileSetAndCollectionFollowTheFile() {
        start(FakeIconik.builder().storageSetting("enable_collection_directory_mapping", "true"));
        IconikAssetUploader u = uploader("j.db");
        Registration r = u.register(event(ChangeType.NEW, "shoot/day1/clip.mov", 5, md5(30)), MetadataValues.empty());
        u.register(event(ChangeType.NEW, "shoot/day2/other.mov", 6, md5(31)), MetadataValues.empty());
        assertEquals(List.of(r.assetId()), fake.collectionAssets(collectionOf("day1")));

        Registration mv = u.register(ScanEvent.Change.moved("shoot/day1/clip.mov", "shoot/day2/renamed.mov", 5,
                Instant.ofEpochMilli(1_700_000_000_005L), md5(30)), MetadataValues.empty());
        assertEquals(RegistrationOutcome.MOVED, mv.outcome());
        JsonNode fileSet = fake.fileSets(r.assetId()).get(0);
        assertEquals("shoot/day2", fileSet.path("base_dir").asText());
        assertEquals("renamed.mov", fileSet.path("name").asText());
        assertEquals(List.of(), fake.collectionAssets(collectionOf("day1")));
        assertTrue(fake.collectionAssets(collectionOf("day2")).contains(r.assetId()));
        assertEquals(2, fake.collectionAssets(collectionOf("day2")).size());

        // The same MOVED delivered again (a crash before the scanner recorded it) changes nothing.
        u.register(ScanEvent.Change.moved("shoot/day1/clip.mov", "shoot/day2/renamed.mov", 5,
                Instant.ofEpochMilli(1_700_000_000_005L), md5(30)), MetadataValues.empty());
        assertEquals(1, fake.fileSets(r.assetId()).size());
        assertEquals(2, fake.collectionAssets(collectionOf("day2")).size());
        assertEquals(2, fake.assets().size());
    }

    /** An aggregated asset stays in a folder's collection while one of its identical copies is still there. */
    @Test
    void moved_aggregatedCopy_leavesTheAssetInTheFolderItsOtherCopyIsIn() {
        start(FakeIconik.builder().storageSetting("enable_collection_directory_mapping", "true")
                .storageSetting("aggregate_identical_files", "true"));
        IconikAssetUploader u = uploader("j.db");
        Registration first = u.register(event(ChangeType.NEW, "day1/one.mov", 9, md5(40)), MetadataValues.empty());
        u.register(event(ChangeType.NEW, "day1/copy.mov", 9, md5(40)), MetadataValues.empty());
        u.register(ScanEvent.Change.moved("day1/copy.mov", "day2/copy.mov", 9,
                Instant.ofEpochMilli(1_700_000_000_009L), md5(40)), MetadataValues.empty());
        assertEquals(List.of(first.assetId()), fake.collectionAssets(collectionOf("day1")));
        assertEquals(List.of(first.assetId()), fake.collectionAssets(collectionOf("day2")));
    }

    /**
     * A creation iconik never applied: the lookup by key searches for the whole settle time and finds nothing; the
     * next attempt creates at once rather than searching all over again (the faults benchmark spent 44 % of its
     * requests on such searches).
     */
    @Test
    void aLostCreationFoundAbsent_isCreatedOnTheNextAttemptWithoutASecondSearch() {
        start(FakeIconik.builder());
        IconikAssetUploader u = uploader("j.db");
        fake.failNext(FaultKind.SERVER_ERROR, "POST", ".*/assets/?$", 1);
        ScanEvent.Change e = event(ChangeType.NEW, "lost.mov", 3, md5(50));
        assertThrows(IconikException.class, () -> u.register(e, MetadataValues.empty()));
        long searchesOfTheFirstAttempt = fake.requestCount("POST", "/API/search/.*", null);
        assertTrue(searchesOfTheFirstAttempt >= 1);

        Registration r = u.register(e, MetadataValues.empty());

        assertEquals(RegistrationOutcome.CREATED, r.outcome());
        assertEquals(searchesOfTheFirstAttempt, fake.requestCount("POST", "/API/search/.*", null));
        assertEquals(1, fake.assets().size());
    }
}
