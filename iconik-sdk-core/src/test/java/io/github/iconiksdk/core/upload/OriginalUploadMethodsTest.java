// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.api.IconikClientException;
import io.github.iconiksdk.api.IconikException;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.upload.PendingWork;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.UploadResult;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.TestClients;
import io.github.iconiksdk.testkit.FakeIconik;
import io.github.iconiksdk.testkit.FaultKind;
import io.github.iconiksdk.testkit.Faults;
import io.github.iconiksdk.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Originals uploaded to each cloud FILES storage method the fake serves (GCS parts and compose, S3 multipart, B2
 * large files, Azure blocks), with a 5 MiB part size: whole under faults, once per storage, and resumed after a crash
 * by sending only the parts the storage had not confirmed. Files are generated in a temporary folder.
 */
class OriginalUploadMethodsTest {

    private static final long PART = 5L << 20;

    @TempDir
    Path dir;
    private FakeIconik fake;
    private final List<IconikAssetUploader> uploaders = new ArrayList<>();

    @AfterEach
    void stop() {
        uploaders.forEach(IconikAssetUploader::close);
        if (fake != null) {
            fake.stop();
        }
    }

    private Path root() throws IOException {
        return Files.createDirectories(dir.resolve("storage"));
    }

    private IconikAssetUploader uploader(IconikClient client, String journal) throws IOException {
        var settings = client.getStorage(fake.storageId()).fileSettings();
        IconikAssetUploader u = IconikAssetUploader.builder().client(client).storageId(fake.storageId())
                .settings(() -> settings).journal(dir.resolve(journal)).storageRoot(root()).chunkSize(PART)
                .parallelParts(4, 8).uploadRetries(30, Duration.ofMillis(1))
                .searchSettleTime(Duration.ofMillis(20)).build();
        uploaders.add(u);
        return u;
    }

    private Registration register(IconikAssetUploader u, String path, long size, long seed) throws Exception {
        Path file = root().resolve(path);
        Files.createDirectories(file.getParent());
        write(file, size, seed);
        return u.register(ScanEvent.Change.of(ChangeType.NEW, path, size, Instant.ofEpochMilli(1_700_000_000_000L),
                md5(file)), MetadataValues.empty());
    }

    /** Random bytes written in 1 MiB pieces (never the whole file in memory). */
    private static void write(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buf.length) {
                random.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
    }

    private static String md5(Path file) throws Exception {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    private List<JsonNode> filesOn(String assetId, String storageId) {
        return fake.files(assetId).stream().filter(f -> storageId.equals(f.path("storage_id").asText())).toList();
    }

    /** A request that carried one part of a multipart upload, in the protocol of the method. */
    private static boolean isPart(RecordedRequest r, String method) {
        if (!r.path().startsWith("/__fake/upload/") || r.status() < 200 || r.status() >= 300) {
            return false;
        }
        return switch (method) {
            case "S3" -> r.method().equals("PUT") && r.query().contains("partNumber=");
            case "B2" -> r.method().equals("POST") && r.path().contains("/b2/part/");
            case "AZURE" -> r.method().equals("PUT") && r.query().contains("comp=block&");
            default -> r.method().equals("PUT") && r.path().contains("/part/");
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"GCS", "S3", "B2", "AZURE"})
    void originalsOfEverySize_underFaults_arriveWholeOncePerStorage(String method) throws Exception {
        fake = FakeIconik.builder().mountPoint(root().toString()).filesStorageMethod(method).seed(7).build().start();
        Faults faults = Faults.none().withServerErrorRate(0.05).withResetRate(0.05);
        fake.faults("*", "/__fake/upload/.*", faults);
        fake.faults("*", "/API/files/v1/assets/[^/]+/files/[^/]+/multipart.*", faults);
        IconikClient client = TestClients.fast(fake);
        IconikAssetUploader u = uploader(client, "journal.db");
        String cloud = fake.defaultStorageId("FILES");
        long[] sizes = {1, PART + 1, 8 * PART + 7};
        // Parts go in parallel, so which requests draw a fault varies from run to run: after the three sizes, more
        // files of the largest size until a fault has surely reached the upload URLs or the multipart endpoints.
        for (int i = 0; i < sizes.length || (i < sizes.length + 6 && !faultSeen()); i++) {
            long size = sizes[Math.min(i, sizes.length - 1)];
            String path = "A00" + i + "/clip" + i + ".mov";
            Registration reg = register(u, path, size, i);
            assertTrue(u.want(path, PendingWork.ORIGINAL));
            UploadResult done = u.uploadOriginal(reg, p -> { });
            assertEquals(size + ":" + md5(root().resolve(path)), fake.uploadedDigest(done.objectId())
                    .orElseThrow(), method + " " + size + " bytes");
            List<JsonNode> copies = filesOn(reg.assetId(), cloud);
            assertEquals(1, copies.size(), "one file record on the " + method + " storage");
            assertEquals("CLOSED", copies.get(0).path("status").asText());
            assertEquals(1, filesOn(reg.assetId(), fake.storageId()).size(), "one file record on the gateway's");
        }
        assertTrue(faultSeen(), "the faults reached the upload URLs");
    }

    /** @return whether a 5xx or a reset was answered to an upload URL or a multipart endpoint */
    private boolean faultSeen() {
        return fake.requests().stream().anyMatch(r -> (r.path().startsWith("/__fake/upload/")
                || r.path().contains("/multipart")) && (r.status() >= 500 || r.status() == 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GCS", "S3", "B2", "AZURE"})
    void crashDuringA40MiBUpload_resumeSendsOnlyTheUnconfirmedParts(String method) throws Exception {
        fake = FakeIconik.builder().mountPoint(root().toString()).filesStorageMethod(method).seed(9).build().start();
        IconikClient client = TestClients.fast(fake);
        String path = "A001/big.mov";
        long size = 8 * PART + 7;
        int parts = 9;
        IconikAssetUploader first = uploader(client, "journal.db");
        Registration reg = register(first, path, size, 42);
        assertTrue(first.want(path, PendingWork.ORIGINAL));
        assertThrows(IllegalStateException.class, () -> first.uploadOriginal(reg, p -> {
            if (p.done() >= 3 * PART && p.done() < size) {
                throw new IllegalStateException("simulated crash");
            }
        }));
        first.close();
        uploaders.remove(first);
        long sentBefore = fake.requests().stream().filter(r -> isPart(r, method)).count();
        assertTrue(sentBefore >= 3 && sentBefore < parts, method + ": " + sentBefore + " parts before the crash");
        fake.clearRequests();

        IconikAssetUploader second = uploader(client, "journal.db");
        assertEquals(List.of(path), second.wanted(PendingWork.ORIGINAL));
        UploadResult done = second.uploadOriginal(reg, p -> { });
        assertTrue(done.resumed());
        long sentAfter = fake.requests().stream().filter(r -> isPart(r, method)).count();
        assertEquals(parts - sentBefore, sentAfter, method + ": only the parts not confirmed before are sent");
        assertEquals(size + ":" + md5(root().resolve(path)), fake.uploadedDigest(done.objectId()).orElseThrow());
        assertEquals(1, filesOn(reg.assetId(), fake.defaultStorageId("FILES")).size());
    }

    @Test
    void uploadedOriginal_cloudTranscodeAsked_onceAndTheJobMakesProxyAndKeyframes() throws Exception {
        fake = FakeIconik.builder().mountPoint(root().toString()).filesStorageMethod("S3").seed(3).build().start();
        IconikClient client = TestClients.fast(fake);
        IconikAssetUploader u = uploader(client, "journal.db");
        String path = "A001/clip.mov";
        Registration reg = register(u, path, 1000, 5);
        assertThrows(IllegalStateException.class, () -> u.requestCloudTranscode(path), "nothing uploaded yet");
        UploadResult copy = u.uploadOriginal(reg, p -> { });
        Optional<String> job = u.requestCloudTranscode(path);
        assertTrue(job.isPresent());
        assertTrue(fake.requests().stream().anyMatch(r -> r.method().equals("POST") && r.path().equals(
                "/API/files/v1/assets/" + reg.assetId() + "/files/" + copy.objectId() + "/keyframes/")),
                "asked for the uploaded copy");
        assertEquals(Optional.empty(), u.requestCloudTranscode(path), "asked once per content");
        assertTrue(fake.runJobs().contains(job.get()));
        assertEquals(1, fake.proxies(reg.assetId()).size());
        assertTrue(fake.keyframes(reg.assetId()).size() >= 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FTP", "SFTP", "HTTP"})
    void filesStorageOfAMethodWithNoUploader_isRefusedNamingStorageAndMethod_beforeAnyRecord(String method)
            throws Exception {
        fake = FakeIconik.builder().mountPoint(root().toString()).seed(5).build().start();
        IconikClient client = TestClients.fast(fake);
        String cloud = fake.defaultStorageId("FILES");
        client.send("PATCH", "/API/files/v1/storages/" + cloud + "/", "{\"method\":\"" + method + "\"}");
        IconikAssetUploader u = uploader(client, "journal.db");
        String path = "A001/clip.mov";
        Registration reg = register(u, path, PART + 1, 11);
        fake.clearRequests();
        IconikClientException refused = assertThrows(IconikClientException.class,
                () -> u.uploadOriginal(reg, p -> { }));
        assertTrue(refused.getMessage().contains("storage " + cloud) && refused.getMessage().contains(
                "method " + method), refused.getMessage());
        assertEquals(List.of(), filesOn(reg.assetId(), cloud), "no file record left OPEN on the " + method
                + " storage");
        assertTrue(fake.requests().stream().noneMatch(r -> r.path().startsWith("/__fake/upload/")),
                "nothing sent to an upload URL");
    }

    /** The method and path of the fake's requests that carry one part, per storage method. */
    private static String[] partRequests(String method) {
        return switch (method) {
            case "B2" -> new String[] {"POST", "/__fake/upload/.*/b2/part/.*"};
            case "GCS" -> new String[] {"PUT", "/__fake/upload/.*/part/.*"};
            default -> new String[] {"PUT", "/__fake/upload/.*"};
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"GCS", "S3", "B2", "AZURE"})
    void partDamagedByTheStorage_isDetectedAndSentAgain_theObjectArrivesWhole(String method) throws Exception {
        fake = FakeIconik.builder().mountPoint(root().toString()).filesStorageMethod(method).seed(13).build().start();
        IconikClient client = TestClients.fast(fake);
        IconikAssetUploader u = uploader(client, "journal.db");
        String path = "A001/damaged.mov";
        long size = 8 * PART + 7;
        Registration reg = register(u, path, size, 17);
        String[] parts = partRequests(method);
        fake.failNext(FaultKind.CORRUPT_BODY, parts[0], parts[1], 2);
        UploadResult done = u.uploadOriginal(reg, p -> { });
        assertEquals(2, fake.requests().stream().filter(r -> r.fault() == FaultKind.CORRUPT_BODY).count(),
                "two parts were damaged");
        assertEquals(size + ":" + md5(root().resolve(path)), fake.uploadedDigest(done.objectId()).orElseThrow(),
                method + ": the damaged parts were sent again");
        assertTrue(fake.requests().stream().filter(r -> r.method().equals(parts[0]) && r.path().matches(parts[1]))
                .count() >= 9 + 2, "9 parts and the 2 sent again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GCS", "S3", "B2", "AZURE"})
    void storageThatDamagesEveryAttempt_failsNamingTheChecksum_andTheRecordStaysOpen(String method)
            throws Exception {
        fake = FakeIconik.builder().mountPoint(root().toString()).filesStorageMethod(method).seed(19).build().start();
        IconikClient client = TestClients.fast(fake);
        var settings = client.getStorage(fake.storageId()).fileSettings();
        IconikAssetUploader u = IconikAssetUploader.builder().client(client).storageId(fake.storageId())
                .settings(() -> settings).journal(dir.resolve("journal.db")).storageRoot(root()).chunkSize(PART)
                .parallelParts(2, 2).uploadRetries(3, Duration.ofMillis(1))
                .searchSettleTime(Duration.ofMillis(20)).build();
        uploaders.add(u);
        String path = "A001/always-damaged.mov";
        Registration reg = register(u, path, 2 * PART + 1, 23);
        String[] parts = partRequests(method);
        fake.failNext(FaultKind.CORRUPT_BODY, parts[0], parts[1], 1000);
        IconikException failed = assertThrows(IconikException.class, () -> u.uploadOriginal(reg, p -> { }));
        assertTrue(failed.getMessage().matches("(?is).*(checksum|BadDigest|Md5Mismatch).*"), failed.getMessage());
        assertTrue(failed.getMessage().contains("damaged.mov"), "names the file: " + failed.getMessage());
        List<JsonNode> copies = filesOn(reg.assetId(), fake.defaultStorageId("FILES"));
        assertTrue(copies.stream().noneMatch(f -> "CLOSED".equals(f.path("status").asText())),
                "no copy is CLOSED with damaged bytes");
    }
}
