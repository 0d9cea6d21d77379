// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.scan.ChangeType;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.UploadResult;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.RateLimitOptions;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 item 6: the HTTP proxy the iconik client is configured with (the gateway's {@code http-proxy}) carries
 * the uploads to the URLs iconik hands out too, not only the API calls. The proxy is a WireMock server in forward
 * proxy mode that records every request it relays.
 */
class UploadThroughProxyTest {

    private static final long PART = 5L << 20;

    @TempDir
    Path dir;
    private FakeIconik fake;
    private WireMockServer proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.stop();
        }
        if (fake != null) {
            fake.stop();
        }
    }

    @Test
    void originalsAndTheirParts_goThroughTheClientsProxy() throws Exception {
        proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").enableBrowserProxying(true));
        proxy.start();
        Path root = Files.createDirectories(dir.resolve("storage"));
        fake = FakeIconik.builder().mountPoint(root.toString()).filesStorageMethod("S3").build().start();
        IconikClient client = IconikClient.builder().endpoint(fake.url())
                .credentials(fake.appId(), fake.authToken()).rateLimit(RateLimitOptions.disabled())
                .proxy(new InetSocketAddress("127.0.0.1", proxy.port())).build();
        var settings = client.getStorage(fake.storageId()).fileSettings();
        try (IconikAssetUploader u = IconikAssetUploader.builder().client(client).storageId(fake.storageId())
                .settings(() -> settings).journal(dir.resolve("journal.db")).storageRoot(root).chunkSize(PART)
                .searchSettleTime(Duration.ofMillis(20)).build()) {
            for (long size : new long[] {1, 2 * PART + 3}) {
                String path = "A001/clip-" + size + ".mov";
                byte[] content = new byte[(int) size];
                new Random(size).nextBytes(content);
                Files.createDirectories(root.resolve(path).getParent());
                Files.write(root.resolve(path), content);
                String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
                Registration reg = u.register(ScanEvent.Change.of(ChangeType.NEW, path, size,
                        Instant.ofEpochMilli(1_700_000_000_000L), md5), MetadataValues.empty());
                UploadResult done = u.uploadOriginal(reg, p -> { });
                assertEquals(size + ":" + md5, fake.uploadedDigest(done.objectId()).orElseThrow());
            }
        }
        List<String> relayed = proxy.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getMethod() + " " + URI.create(r.getAbsoluteUrl()).getPath()).toList();
        long uploadsAtTheFake = fake.requests().stream().filter(r -> r.path().startsWith("/__fake/upload/")).count();
        long uploadsRelayed = relayed.stream().filter(r -> r.contains(" /__fake/upload/")).count();
        assertTrue(uploadsAtTheFake >= 4, "a single PUT, three parts and a completion: " + uploadsAtTheFake);
        assertEquals(uploadsAtTheFake, uploadsRelayed, "every upload request went through the proxy: " + relayed);
        assertTrue(relayed.stream().anyMatch(r -> r.contains(" /API/files/v1/")), "the API calls too");
    }
}
