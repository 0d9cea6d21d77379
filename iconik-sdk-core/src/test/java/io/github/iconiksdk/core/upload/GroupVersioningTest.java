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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 22: with {@code enable_auto_versioning}, a directory asset that changes (a frame added or rewritten) becomes
 * a new version of its asset like a single file: its own ORIGINAL format and a file set holding every file again;
 * the old version keeps its file set and records; the asset count does not change; exactly once across a crash at
 * any step. {@code auto_version_ignore} (matched on the group's key) keeps the in-place update.
 */
class GroupVersioningTest {

    @TempDir
    Path dir;
    private UploaderFixture fixture;
    private FakeIconik fake;
    private IconikClient client;

    private void start(String ignore) {
        FakeIconik.Builder b = FakeIconik.builder().seed(23).storageSetting("enable_auto_versioning", "true");
        if (ignore != null) {
            b.storageSetting("auto_version_ignore", "[\"" + ignore + "\"]");
        }
        fixture = new UploaderFixture(b, dir);
        fake = fixture.fake;
        client = fixture.client;
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
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

    /** Files per version id, each version's records all in its one file set. */
    private Map<String, Integer> filesPerVersion(String asset) {
        Map<String, String> setVersion = new TreeMap<>();
        for (JsonNode fs : fake.fileSets(asset)) {
            setVersion.put(fs.path("id").asText(), fs.path("version_id").asText());
        }
        Map<String, Integer> out = new TreeMap<>();
        for (JsonNode f : fake.files(asset)) {
            String version = f.path("version_id").asText();
            assertEquals(version, setVersion.get(f.path("file_set_id").asText()), f.toString());
            assertEquals("CLOSED", f.path("status").asText());
            out.merge(version, 1, Integer::sum);
        }
        return out;
    }

    private List<String> versionIds(String asset) {
        List<String> ids = new ArrayList<>();
        fake.asset(asset).orElseThrow().path("versions").forEach(v -> ids.add(v.path("id").asText()));
        return ids;
    }

    @Test
    void grownSequence_becomesVersion2_withAFileSetOfEveryFrame_andTheFirstKeepsItsOwn() {
        start(null);
        IconikAssetUploader u = uploader(null);
        Registration v1 = u.registerGroup(sequence(3, 10), MetadataValues.empty());
        Registration v2 = u.registerGroup(sequence(5, 10), MetadataValues.empty());
        assertEquals(RegistrationOutcome.UPDATED, v2.outcome());
        assertEquals(v1.assetId(), v2.assetId());
        assertEquals(1, fake.assets().size(), "the asset count does not change");
        List<String> versions = versionIds(v1.assetId());
        assertEquals(2, versions.size());
        assertEquals(Map.of(versions.get(0), 3, versions.get(1), 5), filesPerVersion(v1.assetId()));
        assertEquals(2, fake.formats(v1.assetId()).size());
        assertEquals("f_[0001-0005].dpx", fake.asset(v1.assetId()).orElseThrow().path("title").asText());

        assertEquals(RegistrationOutcome.ALREADY_REGISTERED,
                u.registerGroup(sequence(5, 10), MetadataValues.empty()).outcome());
        assertEquals(2, versionIds(v1.assetId()).size(), "a repeat makes no third version");
        u.registerGroup(sequence(5, 20), MetadataValues.empty());
        assertEquals(3, versionIds(v1.assetId()).size(), "rewritten frames make version 3");
        assertEquals(13, fake.files(v1.assetId()).size());
        assertEquals(List.of(), u.unfinished());
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"VERSION", "FORMAT", "FILE_SET", "FILE", "CLOSED", "DONE"})
    void crashAtAnyStepOfTheGroupsNewVersion_resumesToExactlyOneVersion2(Step at) {
        start(null);
        Registration v1 = uploader(null).registerGroup(sequence(3, 10), MetadataValues.empty());
        fixture.closeOldest();
        boolean[] crashed = {false};
        IconikAssetUploader crashing = uploader((step, path) -> {
            boolean fileStep = step == Step.FILE || step == Step.CLOSED;
            if (step == at && !crashed[0] && (!fileStep || path.endsWith("0002.dpx"))) {
                crashed[0] = true;
                throw new IllegalStateException("simulated crash before " + step + " of " + path);
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.registerGroup(sequence(4, 10),
                MetadataValues.empty()));
        fixture.closeOldest();
        IconikAssetUploader restarted = uploader(null);
        restarted.unfinished().stream().filter(p -> !AssetGroup.isGroupPath(p))
                .forEach(p -> restarted.resume(p, MetadataValues.empty()));
        restarted.registerGroup(sequence(4, 10), MetadataValues.empty());
        assertEquals(1, fake.assets().size());
        List<String> versions = versionIds(v1.assetId());
        assertEquals(2, versions.size(), "exactly one new version");
        assertEquals(Map.of(versions.get(0), 3, versions.get(1), 4), filesPerVersion(v1.assetId()));
        assertEquals(List.of(), restarted.unfinished());
    }

    @Test
    void autoVersionIgnoreOnTheGroupsKey_updatesInPlace() {
        start("*.dpx");
        IconikAssetUploader u = uploader(null);
        Registration v1 = u.registerGroup(sequence(3, 10), MetadataValues.empty());
        u.registerGroup(sequence(4, 10), MetadataValues.empty());
        assertEquals(1, versionIds(v1.assetId()).size());
        assertEquals(4, fake.files(v1.assetId()).size());
        assertEquals(1, fake.fileSets(v1.assetId()).size());
    }
}
