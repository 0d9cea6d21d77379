// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayConfigTest {

    @TempDir
    Path dir;

    private Path ini(String text) throws IOException {
        Path file = dir.resolve("config.ini");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void defaults_matchTheIsgDocumentation() {
        GatewayConfig c = GatewayConfig.builder().build();
        assertEquals(URI.create("https://app.iconik.io/"), c.iconikUrl());
        assertEquals(new GatewayConfig.Resolution(1280, 720), c.proxyResolution());
        assertEquals(3_000_000, c.proxyBitrate());
        assertEquals(new GatewayConfig.Resolution(2048, 2048), c.imageProxyResolution());
        assertTrue(c.hdrToSdrKeyframes());
        assertEquals(4, c.parallelUploads());
        assertEquals("default", c.sourceOf("proxy-bitrate"));
        assertTrue(c.authToken().isEmpty());
    }

    @Test
    void isgStyleFile_withSectionCommentsSpacesBomAndCrlf_isRead() throws IOException {
        Path file = ini("\uFEFF# iconik storage gateway\r\n[main]\r\napp-id = abc\r\n; a comment\r\n"
                + "proxy-resolution=1920x1080\r\nmax-transcoding-jobs =  3\r\n\r\n");
        GatewayConfig c = GatewayConfig.builder().configFile(file).build();
        assertEquals("abc", c.appId().orElseThrow());
        assertEquals(new GatewayConfig.Resolution(1920, 1080), c.proxyResolution());
        assertEquals(3, c.maxTranscodingJobs());
        assertEquals(file + ":6", c.sourceOf("max-transcoding-jobs"));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void storageSections_nameTheStorages_andTheirKeysWinOverMainForTheirStorageOnly() throws IOException {
        Path file = ini("max-transcoding-jobs=2\nregistration-workers=3\n\n[storage:s-one]\nmax-transcoding-jobs=7\n"
                + "\n[storage:s-two]\nwatch=false\n");
        assertEquals(List.of("s-one", "s-two"), GatewayConfig.builder().configFile(file).build().storageSections());
        GatewayConfig one = GatewayConfig.builder().configFile(file).flag("storage-id", "s-one").build();
        assertEquals(7, one.maxTranscodingJobs());
        assertEquals(3, one.registrationWorkers(), "what the section does not set comes from [main]");
        assertTrue(one.watch());
        assertEquals(file + ":5 [storage:s-one]", one.sourceOf("max-transcoding-jobs"));
        GatewayConfig two = GatewayConfig.builder().configFile(file)
                .environment(Map.of("STORAGE_ID", "s-two")).build();
        assertEquals(2, two.maxTranscodingJobs());
        assertFalse(two.watch());
        GatewayConfig none = GatewayConfig.builder().configFile(file).flag("storage-id", "s-other").build();
        assertEquals(2, none.maxTranscodingJobs(), "a storage without a section has [main]'s values");
    }

    @Test
    void storageSection_refusesTheProcesssKeys_andRepeats_namingFileLineAndSection() throws IOException {
        Path credentials = ini("[storage:s-one]\nauth-token=secret\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GatewayConfig.builder().configFile(credentials).build());
        assertTrue(e.getMessage().contains(credentials + ":2: [storage:s-one] cannot set 'auth-token'"),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
        Path twice = ini("[storage:s-one]\nwatch=false\n[storage:s-one]\nwatch=true\n");
        e = assertThrows(ConfigurationException.class, () -> GatewayConfig.builder().configFile(twice).build());
        assertTrue(e.getMessage().contains(twice + ":3: section [storage:s-one] appears twice"), e.getMessage());
        Path invalid = ini("[storage:s-one]\nmax-transcoding-jobs=99\n");
        e = assertThrows(ConfigurationException.class,
                () -> GatewayConfig.builder().configFile(invalid).flag("storage-id", "s-one").build());
        assertTrue(e.getMessage().contains("[storage:s-one]") && e.getMessage().contains("1 to 32"), e.getMessage());
    }

    @Test
    void flagWinsOverEnvironment_whichWinsOverFile() throws IOException {
        Path file = ini("iconik-url=https://file.example/\napp-id=from-file\nstorage-id=s-file\n");
        GatewayConfig c = GatewayConfig.builder().configFile(file)
                .environment(Map.of("ICONIK_URL", "https://env.example/", "APP_ID", "from-env", "HOME", "/x"))
                .flag("iconik-url", "https://flag.example/")
                .build();
        assertEquals(URI.create("https://flag.example/"), c.iconikUrl());
        assertEquals("from-env", c.appId().orElseThrow());
        assertEquals("s-file", c.storageId().orElseThrow());
        assertEquals("flag --iconik-url", c.sourceOf("iconik-url"));
        assertEquals("environment APP_ID", c.sourceOf("app-id"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            iconik-url                            | ftp://x/           | http or https URL
            iconik-url                            | not a url          | http or https URL
            max-transcoding-jobs                  | 0                  | 1 to 32
            max-transcoding-jobs                  | many               | 1 to 32
            proxy-resolution                      | 320x240            | 640x360 to 1920x1080
            proxy-resolution                      | 3840x2160          | 640x360 to 1920x1080
            proxy-resolution                      | 1280               | 640x360 to 1920x1080
            proxy-bitrate                         | 100000             | 200000 to 99000000
            proxy-bitrate                         | 100000000          | 200000 to 99000000
            image-proxy-resolution                | 100x100            | 180x180 to 16000x16000
            image-proxy-resolution                | 20000x100          | 180x180 to 16000x16000
            enable-hdr-to-sdr-keyframe-conversion | maybe              | true or false
            file-upload-parallel-uploads-num      | 0                  | 1 to 32
            upload-chunk-size                     | 1024               | 5242880 to 5368709120
            checksum-max-workers                  | 99                 | 1 to 32
            scanner-concurrency-value             | -1                 | 1 to 64
            watch                                 | sometimes          | true or false
            log-level                             | loud               | error, warn, info, debug or trace
            http-proxy                            | proxy:3128         | http://host:port
            """)
    void invalidValue_namesKeyValueSourceAndRange(String key, String value, String allowed) throws IOException {
        Path file = ini("[main]\n" + key + "=" + value + "\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GatewayConfig.builder().configFile(file).build());
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(key + " = '" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(file + ":2"), e.getMessage());
        assertTrue(e.getMessage().contains(allowed), e.getMessage());
    }

    @Test
    void watch_isOnByDefault_andTurnedOffByFileOrFlag() throws IOException {
        assertTrue(GatewayConfig.builder().build().watch());
        assertFalse(GatewayConfig.builder().configFile(ini("watch=false\n")).build().watch());
        assertFalse(GatewayConfig.builder().flag("watch", "false").build().watch());
    }

    @Test
    void invalidFlag_namesTheFlag() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GatewayConfig.builder().flag("proxy-bitrate", "1").build());
        assertTrue(e.getMessage().contains("flag --proxy-bitrate"), e.getMessage());
    }

    @Test
    void commandPoll_defaultsToFiveSeconds_andIsRangeChecked() {
        assertEquals(java.time.Duration.ofSeconds(5), GatewayConfig.builder().build().commandPoll());
        assertEquals(java.time.Duration.ofSeconds(30), GatewayConfig.builder().flag("command-poll-seconds", "30")
                .build().commandPoll());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GatewayConfig.builder().flag("command-poll-seconds", "0").build());
        assertTrue(e.getMessage().contains("command-poll-seconds"), e.getMessage());
    }

    @Test
    void unknownKeysAndOtherSections_areWarnings_notErrors() throws IOException {
        Path file = ini("app-id=a\nproxy-videocodec=h265\nfile-upload-parallel-uploads-threads-num=4\n[iconik]\nx=1\n");
        GatewayConfig c = GatewayConfig.builder().configFile(file).build();
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("section [iconik]"));
        assertTrue(c.warnings().get(1).contains("unknown key 'proxy-videocodec'"));
    }

    @Test
    void uploadThreads_comeFromTheIsgKey_defaultFour_rangeChecked() throws IOException {
        assertEquals(4, GatewayConfig.builder().configFile(ini("app-id=a\n")).build().parallelUploadThreads());
        Path eight = ini("app-id=a\nfile-upload-parallel-uploads-threads-num=8\n");
        assertEquals(8, GatewayConfig.builder().configFile(eight).build().parallelUploadThreads());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> GatewayConfig.builder()
                .configFile(ini("app-id=a\nfile-upload-parallel-uploads-threads-num=0\n")).build());
        assertTrue(e.getMessage().contains("file-upload-parallel-uploads-threads-num"), e.getMessage());
    }

    @Test
    void malformedLine_namesFileAndLine() throws IOException {
        Path file = ini("app-id=a\nthis is not a setting\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GatewayConfig.builder().configFile(file).build());
        assertTrue(e.getMessage().contains(file + ":2"), e.getMessage());
    }

    @Test
    void missingFile_isAClearError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GatewayConfig.builder().configFile(dir.resolve("nope.ini")).build());
        assertTrue(e.getMessage().contains("nope.ini"), e.getMessage());
    }

    @Test
    void missingCredentials_areAllNamed_withTheWaysToSetThem() {
        GatewayConfig c = GatewayConfig.builder().flag("app-id", "a").build();
        ConfigurationException e = assertThrows(ConfigurationException.class, c::requireCredentials);
        assertTrue(e.getMessage().contains("auth-token, storage-id"), e.getMessage());
        assertTrue(e.getMessage().contains("AUTH_TOKEN"), e.getMessage());
    }

    @Test
    void authToken_neverAppearsInToStringOrErrors() throws IOException {
        String secret = "s3cr3t-token-value";
        GatewayConfig c = GatewayConfig.builder().environment(Map.of("AUTH_TOKEN", secret)).build();
        assertEquals(secret, c.authToken().orElseThrow());
        assertFalse(c.toString().contains(secret));
        Path file = ini("auth-token " + secret + "\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GatewayConfig.builder().configFile(file).build());
        assertFalse(e.getMessage().contains(secret), e.getMessage());
    }

    @Test
    void unknownFlagKey_isAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> GatewayConfig.builder().flag("nope", "1"));
    }
}
