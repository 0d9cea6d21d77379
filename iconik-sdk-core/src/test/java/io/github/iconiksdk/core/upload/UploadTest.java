// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.upload.PendingWork;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.UploadResult;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.core.upload.internal.RenditionRow;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.FaultKind;
import io.github.iconiksdk.testkit.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rendition and original uploads against the fake: lost answers, faults on upload URLs, crashes and resumes. */
class UploadTest {

    private static final int CHUNK = 256 << 10;

    @TempDir
    Path dir;
    private Path root;
    private FakeIconik fake;
    private IconikClient client;
    private final List<IconikAssetUploader> uploaders = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        root = Files.createDirectories(dir.resolve("storage"));
        fake = FakeIconik.builder().mountPoint(root.toString()).seed(3).build().start();
        client = TestClients.fast(fake);
    }

    @AfterEach
    void stop() {
        uploaders.forEach(IconikAssetUploader::close);
        fake.stop();
    }

    private IconikAssetUploader uploader(RenditionUploadsHook hook) {
        var settings = client.getStorage(fake.storageId()).fileSettings();
        IconikAssetUploader.Builder b = IconikAssetUploader.builder().client(client).storageId(fake.storageId())
                .settings(() -> settings).journal(dir.resolve("journal.db")).storageRoot(root).chunkSize(CHUNK)
                .uploadRetries(20, Duration.ofMillis(1)).searchSettleTime(Duration.ofMillis(20));
        if (hook != null) {
            b.uploadHook(hook::before);
        }
        IconikAssetUploader u = b.build();
        uploaders.add(u);
        return u;
    }

    /** The hook's shape, without naming the internal interface in every test. */
    @FunctionalInterface
    interface RenditionUploadsHook {
        void before(String slot, RenditionRow.State state, String path);
    }

    private Registration register(IconikAssetUploader u, String path, byte[] content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        return u.register(ScanEvent.Change.of(ChangeType.NEW, path, content.length,
                Instant.ofEpochMilli(1_700_000_000_000L), md5), MetadataValues.empty());
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private List<JsonNode> copies(String assetId) {
        String files = fake.defaultStorageId("FILES");
        return fake.files(assetId).stream().filter(f -> files.equals(f.path("storage_id").asText())).toList();
    }

    @Test
    void original_interruptedMidUpload_resumesFromTheLastConfirmedChunk() throws Exception {
        byte[] content = random(9 * CHUNK + 123, 1);
        IconikAssetUploader first = uploader(null);
        Registration reg = register(first, "A001/clip.mov", content);
        assertTrue(first.want("A001/clip.mov", PendingWork.ORIGINAL));
        RuntimeException crash = new IllegalStateException("simulated crash");
        assertThrows(IllegalStateException.class, () -> first.uploadOriginal(reg, p -> {
            if (p.done() >= 3L * CHUNK) {
                throw crash;
            }
        }));
        first.close();
        uploaders.remove(first);

        IconikAssetUploader second = uploader(null);
        assertEquals(List.of("A001/clip.mov"), second.wanted(PendingWork.ORIGINAL));
        AtomicLong firstReport = new AtomicLong(-1);
        UploadResult done = second.uploadOriginal(reg, p -> firstReport.compareAndSet(-1, p.done()));
        assertTrue(done.resumed());
        assertTrue(firstReport.get() >= 4L * CHUNK, "restarted from " + firstReport.get());
        List<JsonNode> copies = copies(reg.assetId());
        assertEquals(1, copies.size());
        assertEquals("CLOSED", copies.get(0).path("status").asText());
        assertEquals(content.length + ":" + md5(content), fake.uploadedDigest(done.objectId()).orElseThrow());
        assertTrue(second.wanted(PendingWork.ORIGINAL).isEmpty());
    }

    @Test
    void original_withFaultsOnTheUploadUrl_arrivesWhole() throws Exception {
        IconikAssetUploader u = uploader(null);
        byte[] big = random(6 * CHUNK + 7, 2);
        byte[] small = random(1000, 3);
        Registration bigReg = register(u, "big.mov", big);
        Registration smallReg = register(u, "small.wav", small);
        Faults faults = Faults.none().withServerErrorRate(0.15).withRateLimitRate(0.1).withResetRate(0.15);
        fake.faults("PUT", "/__fake/upload/.*", faults);
        fake.faults("POST", "/__fake/upload/.*", faults);
        // Random faults alone may miss a GCS upload's four requests (two parts, compose, one small PUT): these
        // make sure a part is answered and then lost, and the compose fails once.
        fake.failNext(FaultKind.RESET_AFTER_APPLY, "PUT", "/__fake/upload/.*/part/.*", 1);
        fake.failNext(FaultKind.SERVER_ERROR, "PUT", "/__fake/upload/.*/compose/", 1);
        UploadResult b = u.uploadOriginal(bigReg, ProgressListener.NONE);
        UploadResult s = u.uploadOriginal(smallReg, ProgressListener.NONE);
        fake.clearFaults();
        assertEquals(big.length + ":" + md5(big), fake.uploadedDigest(b.objectId()).orElseThrow());
        assertEquals(small.length + ":" + md5(small), fake.uploadedDigest(s.objectId()).orElseThrow());
        assertEquals(1, copies(bigReg.assetId()).size());
        assertEquals(1, copies(smallReg.assetId()).size());
        assertTrue(fake.requests().stream().anyMatch(r -> r.path().startsWith("/__fake/upload/")
                && r.fault() != null), "no fault was injected");
    }

    private TranscodeResult renditions(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("keyframes"));
        List<Rendition> out = new ArrayList<>();
        out.add(new Rendition(RenditionKind.PROXY, write(folder.resolve("proxy.mp4"), 3 * CHUNK + 5, 10),
                "video/mp4", 320, 240, null));
        for (int i = 0; i < 3; i++) {
            out.add(new Rendition(RenditionKind.KEYFRAME, write(folder.resolve("keyframes/000" + i + ".jpg"), 900, i),
                    "image/jpeg", 320, 240, Duration.ofSeconds(i)));
        }
        out.add(new Rendition(RenditionKind.KEYFRAME_MAP, write(folder.resolve("keyframe-map.jpg"), 2000, 20),
                "image/jpeg", 960, 240, null));
        out.add(new Rendition(RenditionKind.POSTER, write(folder.resolve("poster.jpg"), 1000, 30), "image/jpeg",
                320, 240, null));
        return new TranscodeResult(new MediaInfo(MediaKind.VIDEO, "mov,mp4", Duration.ofSeconds(3), 0, List.of()),
                out);
    }

    private static Path write(Path p, int size, long seed) throws IOException {
        return Files.write(p, random(size, seed));
    }

    private void assertRenditionsOnce(String assetId, TranscodeResult r) throws IOException {
        List<JsonNode> proxies = fake.proxies(assetId);
        assertEquals(1, proxies.size(), proxies.toString());
        List<JsonNode> keyframes = fake.keyframes(assetId);
        assertEquals(5, keyframes.size(), keyframes.toString());
        for (JsonNode o : concat(proxies, keyframes)) {
            assertEquals("CLOSED", o.path("status").asText(), o.toString());
        }
        byte[] proxyBytes = fake.uploadedBytes(proxies.get(0).path("id").asText()).orElseThrow();
        assertEquals(Files.size(r.first(RenditionKind.PROXY).orElseThrow().file()), proxyBytes.length);
        assertEquals(1, keyframes.stream().filter(k -> k.path("type").asText().equals("POSTER")).count());
        assertEquals(1, keyframes.stream().filter(k -> k.path("type").asText().equals("KEYFRAME_MAP")).count());
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void renditions_lostAnswersToTheirCreation_areLookedUp_notDuplicated() throws Exception {
        IconikAssetUploader u = uploader(null);
        Registration reg = register(u, "clip.mov", random(100, 4));
        TranscodeResult r = renditions(dir.resolve("work"));
        fake.failNext(FaultKind.RESET_AFTER_APPLY, "POST", ".*/proxies/", 1);
        fake.failNext(FaultKind.RESET_AFTER_APPLY, "POST", ".*/keyframes/", 2);
        List<UploadResult> results = u.uploadRenditions(reg, r, ProgressListener.NONE);
        assertEquals(6, results.size());
        assertRenditionsOnce(reg.assetId(), r);
    }

    @Test
    void renditions_crashAtEveryStep_thenResumed_endOnceAndClosed() throws Exception {
        for (RenditionRow.State crashAt : RenditionRow.State.values()) {
            if (crashAt == RenditionRow.State.CLOSED) {
                continue;
            }
            AtomicInteger crashes = new AtomicInteger();
            IconikAssetUploader crashing = uploader((slot, state, path) -> {
                if (slot.equals("PROXY") && state == crashAt && crashes.getAndIncrement() == 0) {
                    throw new IllegalStateException("crash before " + state);
                }
            });
            Registration reg = register(crashing, "clip-" + crashAt + ".mov", random(100, crashAt.ordinal()));
            TranscodeResult r = renditions(dir.resolve("work-" + crashAt));
            assertThrows(IllegalStateException.class, () -> crashing.uploadRenditions(reg, r,
                    ProgressListener.NONE));
            crashing.close();
            uploaders.remove(crashing);
            IconikAssetUploader restarted = uploader(null);
            restarted.uploadRenditions(reg, r, ProgressListener.NONE);
            assertRenditionsOnce(reg.assetId(), r);
            restarted.close();
            uploaders.remove(restarted);
        }
    }

    @Test
    void renditions_withFaultsOnTheUploadUrls_areAllUploadedAndClosed() throws Exception {
        IconikAssetUploader u = uploader(null);
        Registration reg = register(u, "clip.mov", random(100, 5));
        TranscodeResult r = renditions(dir.resolve("work"));
        Faults faults = Faults.none().withServerErrorRate(0.2).withRateLimitRate(0.1).withResetRate(0.2);
        fake.faults("PUT", "/__fake/upload/.*", faults);
        fake.faults("POST", "/__fake/upload/.*", faults);
        // Random faults alone may miss a GCS upload's four requests (two parts, compose, one small PUT): these
        // make sure a part is answered and then lost, and the compose fails once.
        fake.failNext(FaultKind.RESET_AFTER_APPLY, "PUT", "/__fake/upload/.*/part/.*", 1);
        fake.failNext(FaultKind.SERVER_ERROR, "PUT", "/__fake/upload/.*/compose/", 1);
        u.uploadRenditions(reg, r, ProgressListener.NONE);
        fake.clearFaults();
        assertRenditionsOnce(reg.assetId(), r);
    }

    @Test
    void renditionsOfChangedContent_replaceTheOldOnes() throws Exception {
        IconikAssetUploader u = uploader(null);
        Registration reg = register(u, "clip.mov", random(100, 6));
        TranscodeResult r = renditions(dir.resolve("work"));
        u.uploadRenditions(reg, r, ProgressListener.NONE);
        String oldProxy = fake.proxies(reg.assetId()).get(0).path("id").asText();
        // Same content again: nothing is redone.
        u.uploadRenditions(reg, r, ProgressListener.NONE);
        assertEquals(oldProxy, fake.proxies(reg.assetId()).get(0).path("id").asText());

        byte[] changed = random(120, 7);
        Files.write(root.resolve("clip.mov"), changed);
        u.register(ScanEvent.Change.of(ChangeType.MODIFIED, "clip.mov", changed.length,
                Instant.ofEpochMilli(1_700_000_100_000L), md5(changed)), MetadataValues.empty());
        assertTrue(u.want("clip.mov", PendingWork.RENDITIONS));
        u.uploadRenditions(reg, r, ProgressListener.NONE);
        assertRenditionsOnce(reg.assetId(), r);
        assertTrue(!oldProxy.equals(fake.proxies(reg.assetId()).get(0).path("id").asText()));
    }
}
