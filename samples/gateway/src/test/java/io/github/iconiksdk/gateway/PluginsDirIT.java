// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance (issue 23): the sample ImageIO plugin's jar (built by {@code samples/transcoder-plugin}, which the
 * reactor builds before the gateway), copied into the {@code plugins} folder beside the configuration file, is used
 * by {@code run} of the gateway jar as built: no rebuild. The proxy of a PNG is the plugin's (ImageIO writes no
 * {@code Lavc} comment into its JPEGs, ffmpeg does).
 */
class PluginsDirIT {

    @TempDir
    Path tmp;

    private static Path samplePluginJar() throws IOException {
        Path target = Path.of(System.getProperty("project.root"), "samples", "transcoder-plugin", "target");
        try (Stream<Path> jars = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            Optional<Path> jar = jars.filter(p -> p.getFileName().toString().matches(
                    "iconik-sample-transcoder-plugin-[^-]+(-SNAPSHOT)?\\.jar")).findFirst();
            assertTrue(jar.isPresent(), "no sample plugin jar in " + target
                    + ": build it first (mvn -pl samples/transcoder-plugin package)");
            return jar.get();
        }
    }

    @Test
    void samplePluginJarCopiedIntoPluginsDir_isUsedByRun_withNoRebuild() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("gateway/plugins"));
        Path jar = samplePluginJar();
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Path ini = Files.writeString(tmp.resolve("gateway/gateway.ini"), "[main]\n"); // plugins-dir: the default
        Path root = Files.createDirectories(tmp.resolve("storage"));
        GatewayMedia.image(root.resolve("Stills/wide.png"), "1600x900");

        try (FakeIconik fake = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0").storageSetting("scan_interval_seconds", "1")
                .build().start()) {
            Path log = tmp.resolve("run.log");
            ProcessBuilder pb = GatewayProcess.against(fake, "run", "--config", ini.toString(), "--data-dir",
                    tmp.resolve("data").toString()).redirectOutput(log.toFile());
            Process run = pb.start();
            try {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                List<JsonNode> proxies = List.of();
                while (proxies.isEmpty()) {
                    assertTrue(System.nanoTime() < end, "no proxy within 90 s: " + Files.readString(log));
                    assertTrue(run.isAlive(), "run exited: " + Files.readString(log));
                    Thread.sleep(200);
                    proxies = fake.assets().stream().flatMap(a -> fake.proxies(a.path("id").asText()).stream())
                            .filter(p -> fake.uploadedBytes(p.path("id").asText()).isPresent()).toList();
                }
                byte[] jpeg = fake.uploadedBytes(proxies.get(0).path("id").asText()).orElseThrow();
                assertFalse(new String(jpeg, StandardCharsets.ISO_8859_1).contains("Lavc"),
                        "the proxy was written by ImageIO, not ffmpeg");
                assertTrue(Files.readString(log).contains("imageio"), "the plugin is listed at start: "
                        + Files.readString(log));
            } finally {
                run.destroy(); // SIGTERM
                assertTrue(run.waitFor(60, TimeUnit.SECONDS), "no exit after SIGTERM: " + Files.readString(log));
            }
            assertEquals(0, run.exitValue(), Files.readString(log));
        }
    }
}
