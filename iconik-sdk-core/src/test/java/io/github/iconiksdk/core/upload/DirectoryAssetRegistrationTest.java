// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.upload.AssetGroup;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.upload.internal.RegistrationSaga;
import io.github.iconiksdk.core.upload.internal.Step;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Directory assets against the fake: a group of files is one asset with one file set holding a record per file,
 * exactly once across a crash before any step of the group or of one of its files; added and changed files are
 * added and updated in the same asset.
 */
class DirectoryAssetRegistrationTest {

    @TempDir
    Path dir;
    private UploaderFixture fixture;
    private FakeIconik fake;
    private IconikClient client;

    @BeforeEach
    void start() {
        fixture = new UploaderFixture(FakeIconik.builder().seed(22), dir);
        fake = fixture.fake;
        client = fixture.client;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private IconikAssetUploader uploader(RegistrationSaga.StepHook hook) {
        return fixture.uploader(hook);
    }

    private static AssetGroup sequence(int frames, long size) {
        List<ScanEvent.Change> files = new ArrayList<>();
        for (int f = 1; f <= frames; f++) {
            files.add(ScanEvent.Change.of(ChangeType.NEW, String.format("vfx/s1/f_%04d.dpx", f), size,
                    Instant.ofEpochMilli(1_700_000_000_000L + size), "md5-" + f + "-" + size));
        }
        return new AssetGroup("vfx/s1/f_%04d.dpx", String.format("f_[0001-%04d].dpx", frames), "vfx/s1", files);
    }

    /** One asset titled as the group, one file set on its folder, one CLOSED record per file in that set. */
    private String assertOneAsset(int files) {
        List<JsonNode> assets = fake.assets();
        assertEquals(1, assets.size(), assets.toString());
        String asset = assets.get(0).path("id").asText();
        assertEquals(1, fake.formats(asset).size());
        List<JsonNode> sets = fake.fileSets(asset);
        assertEquals(1, sets.size(), sets.toString());
        assertEquals("vfx/s1", sets.get(0).path("base_dir").asText());
        List<JsonNode> records = fake.files(asset);
        assertEquals(files, records.size(), "one record per file, none twice");
        Set<String> names = new HashSet<>();
        for (JsonNode f : records) {
            assertEquals(sets.get(0).path("id").asText(), f.path("file_set_id").asText());
            assertEquals("CLOSED", f.path("status").asText());
            assertEquals("vfx/s1", f.path("directory_path").asText());
            names.add(f.path("original_name").asText());
        }
        assertEquals(files, names.size());
        return asset;
    }

    @Test
    void group_isOneAsset_aRepeatChangesNothing_andAddedOrChangedFramesJoinIt() {
        IconikAssetUploader u = uploader(null);
        Registration first = u.registerGroup(sequence(3, 10), MetadataValues.empty());
        assertEquals(RegistrationOutcome.CREATED, first.outcome());
        assertEquals("directory-asset:vfx/s1/f_%04d.dpx", first.path());
        assertNull(first.fileId());
        String asset = assertOneAsset(3);
        assertEquals("f_[0001-0003].dpx", fake.asset(asset).orElseThrow().path("title").asText());

        assertEquals(RegistrationOutcome.ALREADY_REGISTERED,
                u.registerGroup(sequence(3, 10), MetadataValues.empty()).outcome());
        Registration grown = u.registerGroup(sequence(5, 10), MetadataValues.empty());
        assertEquals(RegistrationOutcome.UPDATED, grown.outcome());
        assertEquals(first.assetId(), grown.assetId());
        assertOneAsset(5);
        assertEquals("f_[0001-0005].dpx", fake.asset(asset).orElseThrow().path("title").asText(),
                "the title follows the range");
        u.registerGroup(sequence(5, 20), MetadataValues.empty());
        for (JsonNode f : fake.files(asset)) {
            assertEquals(20, f.path("size").asLong());
        }
        assertTrue(u.registration(first.path()).isPresent());
        assertEquals(List.of(), u.unfinished());
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"ASSET", "FORMAT", "FILE_SET", "EXTERNAL_ID", "FILE", "CLOSED", "DONE"})
    void crashBeforeAnyStep_resumesToExactlyOneAssetWithEveryFileOnce(Step at) {
        boolean[] crashed = {false};
        IconikAssetUploader crashing = uploader((step, path) -> {
            // FILE and CLOSED are steps of the files: crash at the second file's
            boolean fileStep = step == Step.FILE || step == Step.CLOSED;
            if (step == at && !crashed[0] && (!fileStep || path.endsWith("0002.dpx"))) {
                crashed[0] = true;
                throw new IllegalStateException("simulated crash before " + step + " of " + path);
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.registerGroup(sequence(3, 10),
                MetadataValues.empty()));
        fixture.closeOldest();
        IconikAssetUploader restarted = uploader(null);
        restarted.unfinished().stream().filter(p -> !AssetGroup.isGroupPath(p))
                .forEach(p -> restarted.resume(p, MetadataValues.empty()));
        Registration again = restarted.registerGroup(sequence(3, 10), MetadataValues.empty());
        assertOneAsset(3);
        assertEquals(List.of(), restarted.unfinished());
        assertEquals(again.assetId(), fake.assets().get(0).path("id").asText());
    }
}
