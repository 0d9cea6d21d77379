// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.RegistrationOutcome;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.upload.internal.RegistrationSaga;
import io.github.iconiksdk.core.upload.internal.Step;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.FaultKind;
import org.junit.jupiter.api.AfterEach;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Auto-versioning against the fake: with {@code enable_auto_versioning}, a rewritten file becomes version 2 of its
 * asset (own ORIGINAL format, file set and file record; the asset count does not change), exactly once across
 * crashes at every step and lost answers; {@code auto_version_ignore} and versioning off keep the in-place update.
 */
class AutoVersioningTest {

    @TempDir
    Path dir;
    private UploaderFixture fixture;
    private FakeIconik fake;
    private IconikClient client;

    private void start(boolean versioning, String ignore) {
        start(versioning, ignore, null);
    }

    private void start(boolean versioning, String ignore, String suffix) {
        FakeIconik.Builder b = FakeIconik.builder().seed(21).storageSetting("enable_auto_versioning",
                String.valueOf(versioning));
        if (suffix != null) {
            b.storageSetting("asset_versions_suffix", "\"" + suffix + "\"");
        }
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

    private static ScanEvent.Change event(ChangeType type, String path, long size, String md5) {
        return ScanEvent.Change.of(type, path, size, Instant.ofEpochMilli(1_700_000_000_000L + size), md5);
    }

    private List<String> versionIds(String assetId) {
        List<String> ids = new ArrayList<>();
        fake.asset(assetId).orElseThrow().path("versions").forEach(v -> ids.add(v.path("id").asText()));
        return ids;
    }

    private static Set<String> texts(List<JsonNode> nodes, String field) {
        Set<String> out = new HashSet<>();
        nodes.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    /** The fake holds one asset with two versions, each with one ORIGINAL format, file set and file of its content. */
    private void assertTwoVersions(Registration v1, Registration v2) {
        assertEquals(1, fake.assets().size(), "the asset count does not change");
        assertEquals(v1.assetId(), v2.assetId());
        List<String> versions = versionIds(v1.assetId());
        assertEquals(2, versions.size(), "version 2 of the same asset");
        List<JsonNode> formats = fake.formats(v1.assetId());
        assertEquals(2, formats.size(), formats.toString());
        assertEquals(Set.of("ORIGINAL"), texts(formats, "name"));
        assertEquals(Set.copyOf(versions), texts(formats, "version_id"));
        assertEquals(2, fake.fileSets(v1.assetId()).size());
        assertEquals(Set.copyOf(versions), texts(fake.fileSets(v1.assetId()), "version_id"));
        List<JsonNode> files = fake.files(v1.assetId());
        assertEquals(2, files.size(), files.toString());
        for (JsonNode f : files) {
            boolean second = f.path("id").asText().equals(v2.fileId());
            assertEquals(second ? versions.get(1) : versions.get(0), f.path("version_id").asText());
            assertEquals(second ? "bbbb" : "aaaa", f.path("checksum").asText());
            assertEquals("CLOSED", f.path("status").asText());
        }
        assertNotEquals(v1.formatId(), v2.formatId());
        assertNotEquals(v1.fileId(), v2.fileId());
    }

    @Test
    void rewrittenFile_becomesVersion2OfTheSameAsset() {
        start(true, null);
        IconikAssetUploader u = uploader(null);
        Registration v1 = u.register(event(ChangeType.NEW, "A/clip.mov", 100, "aaaa"), MetadataValues.empty());
        Registration v2 = u.register(event(ChangeType.MODIFIED, "A/clip.mov", 200, "bbbb"), MetadataValues.empty());
        assertEquals(RegistrationOutcome.UPDATED, v2.outcome());
        assertTwoVersions(v1, v2);
        Registration again = u.register(event(ChangeType.MODIFIED, "A/clip.mov", 200, "bbbb"),
                MetadataValues.empty());
        assertEquals(RegistrationOutcome.ALREADY_REGISTERED, again.outcome());
        assertEquals(2, versionIds(v1.assetId()).size(), "a repeated event makes no third version");
        assertEquals(v2.fileId(), again.fileId());
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"VERSION", "FORMAT", "FILE_SET", "FILE", "CLOSED", "METADATA", "DONE"})
    void crashAtAnyStepOfTheNewVersion_resumesToExactlyOneVersion2(Step at) {
        start(true, null);
        Registration v1 = uploader(null).register(event(ChangeType.NEW, "A/clip.mov", 100, "aaaa"),
                MetadataValues.empty());
        fixture.closeOldest();
        boolean[] crashed = {false};
        IconikAssetUploader crashing = uploader((step, path) -> {
            if (step == at && !crashed[0]) {
                crashed[0] = true;
                throw new IllegalStateException("simulated crash before " + step);
            }
        });
        ScanEvent.Change modified = event(ChangeType.MODIFIED, "A/clip.mov", 200, "bbbb");
        assertThrows(IllegalStateException.class, () -> crashing.register(modified, MetadataValues.empty()));
        fixture.closeOldest();
        IconikAssetUploader restarted = uploader(null);
        restarted.unfinished().forEach(p -> restarted.resume(p, MetadataValues.empty()));
        Registration v2 = restarted.register(modified, MetadataValues.empty());
        assertTwoVersions(v1, v2);
    }

    @ParameterizedTest
    @EnumSource(value = FaultKind.class, names = {"RESET_AFTER_APPLY", "RESET_BEFORE_APPLY", "SERVER_ERROR"})
    void lostOrRefusedAnswerToTheVersionRequest_makesOneVersion(FaultKind kind) {
        start(true, null);
        IconikAssetUploader u = uploader(null);
        Registration v1 = u.register(event(ChangeType.NEW, "A/clip.mov", 100, "aaaa"), MetadataValues.empty());
        fake.failNext(kind, "POST", ".*/assets/[^/]+/versions/", 5);
        ScanEvent.Change modified = event(ChangeType.MODIFIED, "A/clip.mov", 200, "bbbb");
        Registration v2 = null;
        for (int attempt = 0; v2 == null && attempt < 20; attempt++) {
            try {
                v2 = u.register(modified, MetadataValues.empty());
            } catch (IconikException transientFailure) {
                // the next pass tries again
            }
        }
        fake.clearFaults();
        assertTwoVersions(v1, v2);
    }

    @Test
    void autoVersionIgnore_andVersioningOff_updateInPlace() {
        start(true, "*.tmp");
        IconikAssetUploader u = uploader(null);
        Registration r1 = u.register(event(ChangeType.NEW, "A/render.tmp", 100, "aaaa"), MetadataValues.empty());
        Registration r2 = u.register(event(ChangeType.MODIFIED, "A/render.tmp", 200, "bbbb"), MetadataValues.empty());
        assertEquals(1, versionIds(r1.assetId()).size(), "an ignored file is not versioned");
        assertEquals(r1.fileId(), r2.fileId());
        assertEquals("bbbb", fake.files(r1.assetId()).get(0).path("checksum").asText());
        stop(); // closes the uploaders and the fake

        dir = dir.resolve("off"); // a journal of its own for the second fake
        start(false, null);
        IconikAssetUploader off = uploader(null);
        Registration o1 = off.register(event(ChangeType.NEW, "A/clip.mov", 100, "aaaa"), MetadataValues.empty());
        off.register(event(ChangeType.MODIFIED, "A/clip.mov", 200, "bbbb"), MetadataValues.empty());
        assertEquals(1, versionIds(o1.assetId()).size(), "without versioning, today's overwrite stays");
        assertEquals(1, fake.files(o1.assetId()).size());
    }

    @Test
    void newFileNamedWithTheVersionSuffix_becomesTheNextVersionOfTheOlderFilesAsset() {
        start(true, null);
        IconikAssetUploader u = uploader(null);
        Registration v1 = u.register(event(ChangeType.NEW, "A/clip.mov", 100, "aaaa"), MetadataValues.empty());
        Registration v2 = u.register(event(ChangeType.NEW, "A/clip_v2.mov", 200, "bbbb"), MetadataValues.empty());
        assertEquals(RegistrationOutcome.UPDATED, v2.outcome());
        assertTwoVersions(v1, v2);
        assertEquals("clip_v2.mov", fake.files(v1.assetId()).stream()
                .filter(f -> f.path("id").asText().equals(v2.fileId())).findFirst().orElseThrow()
                .path("original_name").asText(fake.files(v1.assetId()).toString()));

        Registration v3 = u.register(event(ChangeType.NEW, "A/clip_v3.mov", 300, "cccc"), MetadataValues.empty());
        assertEquals(v1.assetId(), v3.assetId(), "clip_v3 follows clip_v2");
        assertEquals(3, versionIds(v1.assetId()).size());
        assertEquals(1, fake.assets().size());
        Registration again = u.register(event(ChangeType.NEW, "A/clip_v3.mov", 300, "cccc"), MetadataValues.empty());
        assertEquals(RegistrationOutcome.ALREADY_REGISTERED, again.outcome());
        assertEquals(3, versionIds(v1.assetId()).size(), "a repeated event makes no fourth version");

        // Not sequential (no clip_v4), another folder, another extension: assets of their own.
        Registration gap = u.register(event(ChangeType.NEW, "A/clip_v5.mov", 500, "eeee"), MetadataValues.empty());
        Registration elsewhere = u.register(event(ChangeType.NEW, "B/clip_v2.mov", 600, "ffff"),
                MetadataValues.empty());
        Registration otherExt = u.register(event(ChangeType.NEW, "A/clip_v2.mxf", 700, "gggg"),
                MetadataValues.empty());
        assertEquals(RegistrationOutcome.CREATED, gap.outcome());
        assertEquals(4, fake.assets().size(), "clip_v5.mov, B/clip_v2.mov, clip_v2.mxf are assets of their own");
        for (Registration own : List.of(gap, elsewhere, otherExt)) {
            assertNotEquals(v1.assetId(), own.assetId(), own.path());
            assertEquals(1, versionIds(own.assetId()).size(), own.path());
        }
    }

    @Test
    void versionSuffix_isTheStoragesSetting_autoVersionIgnoreOptsOut_andVersioningOffRegistersAnAssetOfItsOwn() {
        start(true, "*.tmp", "-rev#");
        IconikAssetUploader u = uploader(null);
        Registration v1 = u.register(event(ChangeType.NEW, "A/clip.mov", 100, "aaaa"), MetadataValues.empty());
        Registration defaultSuffix = u.register(event(ChangeType.NEW, "A/clip_v2.mov", 300, "cccc"),
                MetadataValues.empty());
        assertNotEquals(v1.assetId(), defaultSuffix.assetId(), "the storage's suffix is -rev#, not _v#");
        Registration v2 = u.register(event(ChangeType.NEW, "A/clip-rev2.mov", 200, "bbbb"), MetadataValues.empty());
        assertEquals(v1.assetId(), v2.assetId());
        assertEquals(2, versionIds(v1.assetId()).size());
        u.register(event(ChangeType.NEW, "A/render.tmp", 400, "dddd"), MetadataValues.empty());
        Registration ignored = u.register(event(ChangeType.NEW, "A/render-rev2.tmp", 500, "eeee"),
                MetadataValues.empty());
        assertEquals(1, versionIds(ignored.assetId()).size(), "auto_version_ignore opts out");
        assertEquals(4, fake.assets().size());
        stop(); // closes the uploaders and the fake

        dir = dir.resolve("off"); // a journal of its own for the second fake
        start(false, null);
        IconikAssetUploader off = uploader(null);
        Registration o1 = off.register(event(ChangeType.NEW, "A/clip.mov", 100, "aaaa"), MetadataValues.empty());
        Registration o2 = off.register(event(ChangeType.NEW, "A/clip_v2.mov", 200, "bbbb"), MetadataValues.empty());
        assertNotEquals(o1.assetId(), o2.assetId(), "without versioning, clip_v2.mov is an asset of its own");
        assertEquals(2, fake.assets().size());
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"VERSION", "FORMAT", "FILE_SET", "FILE", "METADATA", "DONE"})
    void crashWhileRegisteringTheSuffixedFile_resumesToExactlyOneVersion2(Step at) {
        start(true, null);
        Registration v1 = uploader(null).register(event(ChangeType.NEW, "A/clip.mov", 100, "aaaa"),
                MetadataValues.empty());
        fixture.closeOldest();
        boolean[] crashed = {false};
        IconikAssetUploader crashing = uploader((step, path) -> {
            if (step == at && path.equals("A/clip_v2.mov") && !crashed[0]) {
                crashed[0] = true;
                throw new IllegalStateException("simulated crash before " + step);
            }
        });
        ScanEvent.Change added = event(ChangeType.NEW, "A/clip_v2.mov", 200, "bbbb");
        assertThrows(IllegalStateException.class, () -> crashing.register(added, MetadataValues.empty()));
        fixture.closeOldest();
        IconikAssetUploader restarted = uploader(null);
        restarted.unfinished().forEach(p -> restarted.resume(p, MetadataValues.empty()));
        Registration v2 = restarted.register(added, MetadataValues.empty());
        assertTwoVersions(v1, v2);
    }

    @Test
    void suffixedFileRemovedBeforeItsVersionIsComplete_leavesTheAssetAndItsFirstVersion() {
        start(true, null);
        Registration v1 = uploader(null).register(event(ChangeType.NEW, "A/clip.mov", 100, "aaaa"),
                MetadataValues.empty());
        fixture.closeOldest();
        IconikAssetUploader crashing = uploader((step, path) -> {
            if (step == Step.CLOSED && path.equals("A/clip_v2.mov")) {
                throw new IllegalStateException("simulated crash before " + step);
            }
        });
        assertThrows(IllegalStateException.class, () -> crashing.register(
                event(ChangeType.NEW, "A/clip_v2.mov", 200, "bbbb"), MetadataValues.empty()));
        fixture.closeOldest();
        uploader(null).register(event(ChangeType.REMOVED, "A/clip_v2.mov", 0, null), MetadataValues.empty());
        assertEquals(1, fake.assets().size(), "the asset of clip.mov stays");
        assertEquals(v1.fileId(), fake.files(v1.assetId()).stream()
                .filter(f -> !"MISSING".equals(f.path("status").asText())).findFirst().orElseThrow()
                .path("id").asText());
    }
}
