// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RetryOptions;
import io.github.iconiksdk.core.command.internal.RegistrationCatalog;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's handlers against the testkit's fake: transfers in, deletions, scans, keyframes, aborts. */
class GatewayHandlersTest {

    private static final String F = "/API/files/v1";
    private static final String A = "/API/assets/v1";

    @TempDir
    Path tmp;

    private FakeIconik fake;
    private IconikClient client;
    private Path root;
    private MountPoint mount;
    private RegistrationCatalog catalog;
    private String gateway;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(tmp.resolve("mount"));
        fake = FakeIconik.builder().mountPoint(root.toString()).build().start();
        client = IconikClient.builder().endpoint(fake.url()).credentials(fake.appId(), fake.authToken())
                .retry(RetryOptions.none()).build();
        mount = MountPoint.of(root);
        catalog = new RegistrationCatalog(tmp.resolve("registrations.db"));
        gateway = fake.storageId();
    }

    @AfterEach
    void stop() {
        catalog.close();
        fake.stop();
    }

    private CommandLoop.Builder loop() {
        return CommandLoop.builder(client, gateway, tmp.resolve("commands.db"))
                .handler(CommandQueue.TRANSFERS_TO.itemType(), GatewayHandlers.transfersIn(client, gateway, mount,
                        catalog))
                .handler(CommandQueue.DELETIONS.itemType(), GatewayHandlers.deletions(client, gateway, mount,
                        catalog))
                .handler(CommandQueue.TRANSFERS_FROM.itemType(), GatewayHandlers.transfersOut(client, gateway,
                        mount, catalog));
    }

    private List<JsonNode> filesOn(String storageId, String assetId) {
        List<JsonNode> out = new ArrayList<>();
        fake.files(assetId).stream().filter(f -> storageId.equals(f.path("storage_id").asText())).forEach(out::add);
        return out;
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private JsonNode send(String method, String path, Object body) {
        return client.send(method, path, body, JsonNode.class);
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    /** An asset whose closed ORIGINAL is on a storage; the bytes are uploaded when it is a cloud one. */
    private String[] asset(String storageId, String dir, String name, byte[] bytes) throws Exception {
        String assetId = send("POST", A + "/assets/", m("title", name)).get("id").asText();
        String a = F + "/assets/" + assetId;
        String formatId = send("POST", a + "/formats/", m("name", "ORIGINAL")).get("id").asText();
        String setId = send("POST", a + "/file_sets/", m("format_id", formatId, "name", name, "storage_id",
                storageId, "base_dir", dir)).get("id").asText();
        String fileId = send("POST", a + "/files/", m("original_name", name, "directory_path", dir, "file_set_id",
                setId, "storage_id", storageId, "size", bytes.length, "checksum", md5(bytes), "type", "FILE"))
                .get("id").asText();
        if (!storageId.equals(gateway)) {
            String url = send("GET", a + "/files/" + fileId + "/?generate_signed_post_url=true", null)
                    .get("upload_url").asText();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() < 300, r.body());
        }
        send("PATCH", a + "/files/" + fileId + "/", m("status", "CLOSED"));
        return new String[]{assetId, setId, fileId};
    }

    private void copyTo(String storageId, String assetId, Map<String, Object> extra) {
        Map<String, Object> body = m("object_ids", List.of(assetId), "object_type", "assets");
        body.putAll(extra);
        send("POST", F + "/storages/" + storageId + "/bulk/", body);
    }

    private List<String> jobStates(String type) {
        List<String> out = new ArrayList<>();
        fake.jobs().stream().filter(j -> type.equals(j.get("type").asText()))
                .forEach(j -> out.add(j.get("status").asText()));
        return out;
    }

    @Test
    void aCloudAssetCopiedToTheGateway_landsAtTheDestination_withTheSameBytes_recordedOnce() throws Exception {
        byte[] bytes = "the cloud's bytes".getBytes(StandardCharsets.UTF_8);
        String[] cloud = asset(fake.defaultStorageId("FILES"), "", "clip.mov", bytes);
        copyTo(gateway, cloud[0], m("file_path", "incoming/today"));
        try (CommandLoop l = loop().build()) {
            assertEquals(1, l.runOnce());
            assertEquals("DONE", l.stats().recent().get(0).state(), l.stats().recent().get(0).message());
        }
        Path landed = root.resolve("incoming/today/clip.mov");
        assertArrayEquals(bytes, Files.readAllBytes(landed));
        try (var listing = Files.list(landed.getParent())) {
            assertEquals(1, listing.count(), "no temporary file left");
        }
        List<JsonNode> onGateway = new ArrayList<>();
        fake.files(cloud[0]).stream().filter(f -> gateway.equals(f.path("storage_id").asText()))
                .forEach(onGateway::add);
        assertEquals(1, onGateway.size());
        assertEquals("incoming/today", onGateway.get(0).get("directory_path").asText());
        assertEquals(bytes.length, onGateway.get(0).get("size").asLong());
        assertEquals(md5(bytes), onGateway.get(0).get("checksum").asText());
        assertEquals("CLOSED", onGateway.get(0).get("status").asText());
        FileCatalog.Entry known = catalog.find("incoming/today/clip.mov").orElseThrow();
        assertEquals(cloud[0], known.assetId());
        assertEquals(onGateway.get(0).get("id").asText(), known.fileId());
        assertTrue(fake.pendingTransfersTo(gateway).isEmpty());
        assertEquals(List.of("FINISHED"), jobStates("TRANSFER"));
        assertEquals(1, fake.assets().size(), "the same asset, no new one");
    }

    @Test
    void transfersNamingPathsOutsideTheMount_areRefused_acknowledgedFailed_andNothingOutsideChanges()
            throws Exception {
        String[] cloud = asset(fake.defaultStorageId("FILES"), "", "evil.mov", new byte[]{1, 2});
        copyTo(gateway, cloud[0], m("file_path", "../outside"));
        String[] cloud2 = asset(fake.defaultStorageId("FILES"), "", "evil2.mov", new byte[]{3});
        copyTo(gateway, cloud2[0], m("file_path", tmp.resolve("abs").toString()));
        try (CommandLoop l = loop().build()) {
            assertEquals(2, l.runOnce());
            assertEquals(2L, l.stats().failed().get(CommandQueue.TRANSFERS_TO));
            assertTrue(l.stats().recent().get(0).message().contains("refused"), l.stats().recent().get(0).message());
        }
        assertFalse(Files.exists(tmp.resolve("outside")));
        assertFalse(Files.exists(tmp.resolve("abs")));
        assertTrue(fake.pendingTransfersTo(gateway).isEmpty());
        assertEquals(List.of("FAILED", "FAILED"), jobStates("TRANSFER"));
    }

    @Test
    void anExistingDifferentFile_isNotOverwritten_unlessTheTransferSaysSo() throws Exception {
        byte[] bytes = "new".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("in"));
        Files.writeString(root.resolve("in/x.mov"), "old content");
        String[] cloud = asset(fake.defaultStorageId("FILES"), "", "x.mov", bytes);
        copyTo(gateway, cloud[0], m("file_path", "in"));
        try (CommandLoop l = loop().build()) {
            l.runOnce();
            assertEquals("FAILED", l.stats().recent().get(0).state());
            assertEquals("old content", Files.readString(root.resolve("in/x.mov")));
            copyTo(gateway, cloud[0], m("file_path", "in", "overwrite", true));
            l.runOnce();
            assertEquals("DONE", l.stats().recent().get(0).state(), l.stats().recent().get(0).message());
        }
        assertArrayEquals(bytes, Files.readAllBytes(root.resolve("in/x.mov")));
    }

    @Test
    void purgedFiles_areDeleted_onlyWhileTheStorageAllowsDelete_andOnlyTheFileIconikMeans() throws Exception {
        byte[] bytes = "gateway media".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("media"));
        Files.write(root.resolve("media/a.mov"), bytes);
        Files.write(root.resolve("media/b.mov"), bytes);
        Files.writeString(root.resolve("media/c.mov"), "changed since");
        String[] a = asset(gateway, "media", "a.mov", bytes);
        String[] b = asset(gateway, "media", "b.mov", bytes);
        String[] c = asset(gateway, "media", "c.mov", bytes);
        send("PATCH", F + "/storages/" + gateway + "/", m("settings", m("delete", true)));
        for (String[] x : List.of(a, b, c)) {
            send("DELETE", A + "/assets/" + x[0] + "/", null);
            send("DELETE", A + "/assets/" + x[0] + "/purge/", null);
        }
        assertEquals(3, fake.pendingDeletions(gateway).size());
        send("PATCH", F + "/storages/" + gateway + "/", m("settings", m("delete", false)));
        try (CommandLoop l = loop().queues(java.util.EnumSet.of(CommandQueue.DELETIONS)).build()) {
            assertEquals(3, l.runOnce());
            assertEquals(3L, l.stats().failed().get(CommandQueue.DELETIONS));
            assertTrue(l.stats().recent().get(0).message().contains("does not allow delete"));
        }
        assertTrue(Files.exists(root.resolve("media/a.mov")));
        assertTrue(fake.pendingDeletions(gateway).isEmpty());

        String[] d = asset(gateway, "media", "a.mov", bytes);
        String[] e = asset(gateway, "media", "c.mov", bytes);
        send("PATCH", F + "/storages/" + gateway + "/", m("settings", m("delete", true)));
        for (String[] x : List.of(d, e)) {
            send("DELETE", A + "/assets/" + x[0] + "/", null);
            send("DELETE", A + "/assets/" + x[0] + "/purge/", null);
        }
        catalog.recorded("media/a.mov", new FileCatalog.Entry(d[0], null, d[1], d[2], bytes.length, md5(bytes), 0));
        catalog.recorded("media/c.mov", new FileCatalog.Entry(e[0], null, e[1], e[2], bytes.length, md5(bytes), 0));
        try (CommandLoop l = loop().queues(java.util.EnumSet.of(CommandQueue.DELETIONS)).build()) {
            assertEquals(2, l.runOnce());
        }
        assertFalse(Files.exists(root.resolve("media/a.mov")), "deleted");
        assertTrue(catalog.find("media/a.mov").isEmpty());
        assertEquals("changed since", Files.readString(root.resolve("media/c.mov")), "not the file iconik means");
        assertTrue(Files.exists(root.resolve("media/b.mov")));
        assertTrue(fake.pendingDeletions(gateway).isEmpty());
    }

    @Test
    void deletionsOutsideTheMount_orThroughSymlinks_areRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("victim.txt"), "keep");
        Files.writeString(outside.resolve("linked.mov"), "keep too");
        Files.createSymbolicLink(root.resolve("link.mov"), outside.resolve("linked.mov"));
        Files.createSymbolicLink(root.resolve("dirlink"), outside);
        send("PATCH", F + "/storages/" + gateway + "/", m("settings", m("delete", true)));
        String[] up = asset(gateway, "..", "victim.txt", "keep".getBytes(StandardCharsets.UTF_8));
        String[] link = asset(gateway, "", "link.mov", "keep too".getBytes(StandardCharsets.UTF_8));
        String[] viaDir = asset(gateway, "dirlink", "linked.mov", "keep too".getBytes(StandardCharsets.UTF_8));
        for (String[] x : List.of(up, link, viaDir)) {
            send("DELETE", A + "/assets/" + x[0] + "/", null);
            send("DELETE", A + "/assets/" + x[0] + "/purge/", null);
        }
        try (CommandLoop l = loop().queues(java.util.EnumSet.of(CommandQueue.DELETIONS)).build()) {
            assertEquals(3, l.runOnce());
            assertEquals(3L, l.stats().failed().get(CommandQueue.DELETIONS));
        }
        assertEquals("keep", Files.readString(tmp.resolve("victim.txt")));
        assertEquals("keep too", Files.readString(outside.resolve("linked.mov")));
        assertTrue(Files.isSymbolicLink(root.resolve("link.mov")));
    }

    @Test
    void scanRequests_scanTheNamedPaths_orEverything_andRefuseOnesOutside() {
        List<List<Path>> scans = new ArrayList<>();
        client.requestScan(gateway, List.of("media"), List.of(root.resolve("a.mov").toString()));
        client.requestScan(gateway, List.of(), List.of());
        client.requestScan(gateway, List.of("../etc"), List.of());
        try (CommandLoop l = loop().handler(GatewayHandlers.SCAN, GatewayHandlers.scanRequests(mount,
                paths -> scans.add(paths))).build()) {
            assertEquals(3, l.runOnce());
            assertEquals(1L, l.stats().failed().get(CommandQueue.EVENTS));
        }
        assertEquals(List.of(List.of(root.resolve("media"), root.resolve("a.mov")), List.of(root)), scans);
        assertTrue(fake.gatewayEvents(gateway).isEmpty());
    }

    @Test
    void keyframesRequests_transcodeTheAssetsFileOnThisStorage() throws Exception {
        byte[] bytes = {7, 7};
        Files.createDirectories(root.resolve("media"));
        Files.write(root.resolve("media/k.mov"), bytes);
        String[] k = asset(gateway, "media", "k.mov", bytes);
        send("POST", F + "/assets/bulk/keyframes/", m("object_ids", List.of(k[0]), "object_type", "assets"));
        List<String> calls = new ArrayList<>();
        try (CommandLoop l = loop().handler(GatewayHandlers.TRANSCODE, GatewayHandlers.transcodeRequests(client,
                gateway, mount, (asset, file, path) -> calls.add(asset + " " + path))).build()) {
            assertEquals(1, l.runOnce());
        }
        assertEquals(List.of(k[0] + " media/k.mov"), calls);
        assertEquals(List.of("FINISHED"), jobStates("TRANSCODE"), "the request's job is ended");
    }

    private String registered(String rel) throws Exception {
        byte[] bytes = ("content of " + rel).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        int slash = rel.lastIndexOf('/');
        String[] ids = asset(gateway, slash < 0 ? "" : rel.substring(0, slash), rel.substring(slash + 1), bytes);
        catalog.recorded(rel, new FileCatalog.Entry(ids[0], null, ids[1], ids[2], bytes.length, md5(bytes), 0L));
        return ids[0];
    }

    private String collectionTitled(String title) {
        List<String> ids = fake.collections().stream().filter(c -> title.equals(c.path("title").asText()))
                .map(c -> c.get("id").asText()).toList();
        assertEquals(1, ids.size(), "collections titled " + title + ": " + ids);
        return ids.get(0);
    }

    private CommandStats collectionEvent(String type, Map<String, Object> data) {
        send("POST", F + "/storages/" + gateway + "/gateway/events/", m("type", type, "data", data));
        CommandHandler maps = GatewayHandlers.collectionMaps(client, gateway, mount, catalog);
        try (CommandLoop l = CommandLoop.builder(client, gateway, tmp.resolve("commands-" + java.util.UUID.randomUUID()
                        + ".db")) // a journal of its own: recent() holds just this event
                .handler(GatewayHandlers.REQUEST_COLLECTION_MAP, maps)
                .handler(GatewayHandlers.COLLECTION_DELETED, maps).build()) {
            assertEquals(1, l.runOnce());
            assertEquals("DONE", l.stats().recent().get(0).state(), l.stats().recent().get(0).message());
            assertTrue(fake.gatewayEvents(gateway).isEmpty());
            return l.stats();
        }
    }

    @Test
    void aCollectionMapRequest_putsEachRegisteredAssetInItsFoldersCollection_onceAndAgainAfterADeletion()
            throws Exception {
        String a = registered("shoot/day1/a.mov");
        String b = registered("shoot/b.mov");
        Files.writeString(root.resolve("shoot/loose.mov"), "never registered");

        collectionEvent(GatewayHandlers.REQUEST_COLLECTION_MAP, m());
        String shoot = collectionTitled("shoot");
        String day1 = collectionTitled("day1");
        assertEquals(List.of(a), fake.collectionAssets(day1));
        assertEquals(List.of(b), fake.collectionAssets(shoot));
        assertEquals(shoot, fake.collections().stream().filter(c -> c.get("id").asText().equals(day1))
                .findFirst().orElseThrow().path("parent_id").asText(), "nested as the folders are");
        collectionTitled("Storage Gateways");
        int collections = fake.collections().size();

        collectionEvent(GatewayHandlers.REQUEST_COLLECTION_MAP, m());
        assertEquals(collections, fake.collections().size(), "asked again: nothing made twice");
        assertEquals(List.of(a), fake.collectionAssets(day1));

        // the user deletes "shoot" in iconik: its folder and the one below are forgotten, the others kept
        send("DELETE", A + "/collections/" + shoot + "/", null);
        collectionEvent(GatewayHandlers.COLLECTION_DELETED, m("collection_id", shoot));
        java.util.SortedMap<String, String> map = catalog.journal().collections();
        assertFalse(map.containsKey("shoot") || map.containsKey("shoot/day1"), map.toString());
        assertTrue(map.containsKey("") && map.containsKey("/"), map.toString());
        assertTrue(Files.exists(root.resolve("shoot/day1/a.mov")), "nothing on disk changes");

        collectionEvent(GatewayHandlers.REQUEST_COLLECTION_MAP, m());
        String shootAgain = collectionTitled("shoot");
        assertFalse(shootAgain.equals(shoot), "a new collection for the folder");
        assertEquals(List.of(b), fake.collectionAssets(shootAgain));
        assertEquals(List.of(a), fake.collectionAssets(catalog.journal().collections().get("shoot/day1")));
    }

    @Test
    void aCollectionMapRequest_forgetsMappedCollectionsIconikDeleted_withoutAnEvent() throws Exception {
        String a = registered("x/a.mov");
        collectionEvent(GatewayHandlers.REQUEST_COLLECTION_MAP, m());
        String x = collectionTitled("x");
        send("DELETE", A + "/collections/" + x + "/", null);
        CommandStats stats = collectionEvent(GatewayHandlers.REQUEST_COLLECTION_MAP, m());
        assertTrue(stats.recent().get(0).message().contains("forgot 1 folder"), stats.recent().get(0).message());
        String xAgain = collectionTitled("x");
        assertFalse(xAgain.equals(x));
        assertEquals(List.of(a), fake.collectionAssets(xAgain));
    }

    @Test
    void aCollectionDeletedEventNamingNoCollection_isFailed() {
        send("POST", F + "/storages/" + gateway + "/gateway/events/", m("type", "COLLECTION_DELETED", "data", m()));
        try (CommandLoop l = CommandLoop.builder(client, gateway, tmp.resolve("commands.db"))
                .handler(GatewayHandlers.COLLECTION_DELETED,
                        GatewayHandlers.collectionMaps(client, gateway, mount, catalog)).build()) {
            l.runOnce();
            assertEquals("FAILED", l.stats().recent().get(0).state());
            assertTrue(l.stats().recent().get(0).message().contains("collection_id"));
        }
    }

    @Test
    void aDownloadAbort_failsTheQueuedTransfer_beforeItRuns() throws Exception {
        String[] cloud = asset(fake.defaultStorageId("FILES"), "", "big.mov", new byte[]{1});
        copyTo(gateway, cloud[0], m());
        String transferId = fake.pendingTransfersTo(gateway).get(0).get("id").asText();
        send("POST", F + "/storages/" + gateway + "/gateway/events/", m("type", "DOWNLOAD_ABORT", "data",
                m("transfer_id", transferId)));
        try (CommandLoop l = loop().build()) {
            l.runOnce();
        }
        assertFalse(Files.exists(root.resolve("big.mov")));
        assertTrue(fake.pendingTransfersTo(gateway).isEmpty());
        assertEquals(List.of("FAILED"), jobStates("TRANSFER"));
    }

    @Test
    void aGatewayAssetCopiedToTheCloud_hasAClosedFileRecordThere_withTheSameSizeAndMd5_once() throws Exception {
        byte[] bytes = new byte[300_000];
        new java.util.Random(21).nextBytes(bytes);
        Files.createDirectories(root.resolve("media"));
        Files.write(root.resolve("media/out.mov"), bytes);
        String[] local = asset(gateway, "media", "out.mov", bytes);
        String cloud = fake.defaultStorageId("FILES");
        copyTo(cloud, local[0], m());
        assertEquals(1, fake.pendingTransfersFrom(gateway).size());
        JsonNode transfer = fake.pendingTransfersFrom(gateway).get(0);
        try (CommandLoop l = loop().build()) {
            assertEquals(1, l.runOnce());
            assertEquals("DONE", l.stats().recent().get(0).state(), l.stats().recent().get(0).message());
        }
        List<JsonNode> copies = filesOn(cloud, local[0]);
        assertEquals(1, copies.size());
        JsonNode copy = copies.get(0);
        assertEquals("CLOSED", copy.get("status").asText());
        assertEquals(bytes.length, copy.get("size").asLong());
        assertEquals(md5(bytes), copy.get("checksum").asText());
        assertEquals("media", copy.get("directory_path").asText());
        assertEquals(bytes.length + ":" + md5(bytes), fake.uploadedDigest(copy.get("id").asText()).orElseThrow(),
                "the bytes that arrived");
        assertTrue(Files.exists(root.resolve("media/out.mov")), "the local copy stays unless asked");
        assertTrue(fake.pendingTransfersFrom(gateway).isEmpty());
        assertEquals(List.of("FINISHED"), jobStates("TRANSFER"));

        // the same transfer carried out again (a resumed attempt after a kill) finds the copy: no second record
        try (CommandHandler handler = GatewayHandlers.transfersOut(client, gateway, mount, catalog)) {
            Object item = io.github.iconiksdk.core.client.internal.Json.mapper().treeToValue(transfer,
                    io.github.iconiksdk.core.client.model.TransferFromStorage.class);
            CommandResult r = handler.handle(new Command(CommandQueue.TRANSFERS_FROM, transfer.get("id").asText(),
                    "TRANSFER_FROM", 5, item, 2));
            assertTrue(r.succeeded(), r.message());
        }
        assertEquals(1, filesOn(cloud, local[0]).size());
    }

    @Test
    void aTransferOutThatDeletesTheOriginal_removesTheLocalFile_afterTheCopyIsClosed() throws Exception {
        byte[] bytes = "move me to the cloud".getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve("move.mov"), bytes);
        String[] local = asset(gateway, "", "move.mov", bytes);
        catalog.recorded("move.mov", new FileCatalog.Entry(local[0], null, local[1], local[2], bytes.length,
                md5(bytes), 0));
        String cloud = fake.defaultStorageId("FILES");
        copyTo(cloud, local[0], m("delete_original", true));
        try (CommandLoop l = loop().build()) {
            assertEquals(1, l.runOnce());
            assertEquals("DONE", l.stats().recent().get(0).state(), l.stats().recent().get(0).message());
        }
        assertEquals("CLOSED", filesOn(cloud, local[0]).get(0).get("status").asText());
        assertFalse(Files.exists(root.resolve("move.mov")));
        assertTrue(catalog.find("move.mov").isEmpty());
    }

    @Test
    void aTransferOutOfAFileThatIsNotTheOneIconikMeans_isRefused_andNothingIsUploaded() throws Exception {
        byte[] bytes = "as registered".getBytes(StandardCharsets.UTF_8);
        Files.writeString(root.resolve("changed.mov"), "changed on disk since");
        String[] local = asset(gateway, "", "changed.mov", bytes);
        String cloud = fake.defaultStorageId("FILES");
        copyTo(cloud, local[0], m());
        try (CommandLoop l = loop().build()) {
            assertEquals(1, l.runOnce());
            assertEquals("FAILED", l.stats().recent().get(0).state());
            assertTrue(l.stats().recent().get(0).message().contains("changed.mov"),
                    l.stats().recent().get(0).message());
        }
        assertTrue(filesOn(cloud, local[0]).isEmpty());
        assertTrue(fake.pendingTransfersFrom(gateway).isEmpty());
        assertEquals(List.of("FAILED"), jobStates("TRANSFER"));
    }
}
