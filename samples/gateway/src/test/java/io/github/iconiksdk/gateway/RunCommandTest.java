// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run}'s start-up checks, in-process: what stops it before the first pass, and how. */
class RunCommandTest {

    @TempDir
    Path tmp;
    private FakeIconik fake;

    @BeforeEach
    void start() throws IOException {
        fake = FakeIconik.builder().mountPoint(Files.createDirectories(tmp.resolve("storage")).toString())
                .storageSetting("growing_files_threshold", "0").build().start();
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private CommandRun run(String configText, String... more) throws IOException {
        Path ini = tmp.resolve("config.ini");
        Files.writeString(ini, "[main]\n" + configText);
        List<String> args = new ArrayList<>(List.of("run", "--config", ini.toString(), "--iconik-url", fake.url(),
                "--app-id", fake.appId(), "--auth-token", fake.authToken(), "--storage-id", fake.storageId(),
                "--data-dir", tmp.resolve("data").toString()));
        args.addAll(List.of(more));
        return CommandRun.run(args.toArray(String[]::new));
    }

    @Test
    void valueOfTheWrongType_exit2_namingKeyValueAndRange() throws IOException {
        CommandRun r = run("proxy-bitrate = fast\n");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("proxy-bitrate") && r.err().contains("fast"), r.err());
        assertTrue(r.err().contains("200000"), "the allowed range: " + r.err());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "iconik-url|not a url", "max-transcoding-jobs|33", "proxy-resolution|huge", "proxy-bitrate|100",
            "image-proxy-resolution|100x100", "enable-hdr-to-sdr-keyframe-conversion|maybe",
            "file-upload-parallel-uploads-num|0", "upload-chunk-size|1024", "checksum-max-workers|-1",
            "scanner-concurrency-value|65", "log-level|loud", "http-proxy|ftp://proxy:21"})
    void everyValidatedKey_badValueInConfigIni_exit2_namingTheKeyAndValue(String key, String value)
            throws IOException {
        Path ini = tmp.resolve("config.ini");
        Files.writeString(ini, key + " = " + value + "\n");
        CommandRun r = CommandRun.run("run", "--config", ini.toString(), "--app-id", "a", "--auth-token", "t",
                "--storage-id", "s", "--data-dir", tmp.resolve("data").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(key) && r.err().contains(value), r.err());
    }

    @Test
    void badWatchFolderSection_stopsStartup_exit2_namingSectionAndKey() throws IOException {
        CommandRun r = run("""

                [watch-folder:braw]
                patterns = *.braw
                input = braw-in
                output = braw-out
                output-pattern = {stem}_proxy.mp4
                timeout-seconds = soon
                """);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("[watch-folder:braw]") && r.err().contains("timeout-seconds"), r.err());
    }

    @Test
    void valueOutOfRange_exit2_namingTheKey() throws IOException {
        CommandRun r = run("max-transcoding-jobs=0\n");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("max-transcoding-jobs"), r.err());
    }

    @Test
    void badFlag_exit2_namingIt() throws IOException {
        CommandRun r = CommandRun.run("run", "--iconik-url", "ftp://example.com", "--app-id", "a",
                "--auth-token", "t", "--storage-id", "s", "--data-dir", tmp.resolve("data").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("iconik-url"), r.err());
    }

    @Test
    void missingCredentials_exit2_namingEveryMissingKey() {
        CommandRun r = CommandRun.run("run", "--iconik-url", fake.url(), "--data-dir", tmp.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("app-id, auth-token, storage-id"), r.err());
    }

    @Test
    void unknownKey_isWarnedAboutOnce_andAnUnknownStorage_exit2NamingStorageId() throws IOException {
        Path ini = tmp.resolve("config.ini");
        Files.writeString(ini, "colour = blue\n");
        CommandRun r = CommandRun.run("run", "--config", ini.toString(), "--iconik-url", fake.url(),
                "--app-id", fake.appId(), "--auth-token", fake.authToken(), "--storage-id",
                "00000000-0000-0000-0000-000000000000", "--data-dir", tmp.resolve("data").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("storage-id"), r.err());
        assertEquals(1, r.err().split("colour", -1).length - 1, "warned once: " + r.err());
    }

    @Test
    void refusedToken_exit1_withoutPrintingIt() {
        CommandRun r = CommandRun.run("run", "--iconik-url", fake.url(), "--app-id", fake.appId(),
                "--auth-token", "not-the-token-456", "--storage-id", fake.storageId(),
                "--data-dir", tmp.resolve("data").toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("refused the credentials"), r.err());
        assertFalse(r.err().contains("not-the-token-456"), r.err());
    }

    @Test
    void statusPortOutOfRange_exit2() throws IOException {
        CommandRun r = run("", "--status-port", "0");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--status-port"), r.err());
    }

    @Test
    void dataDirInUseByAnotherGateway_exit1_namingIt() {
        Path data = tmp.resolve("data");
        try (RunCommand.DataDirLock held = RunCommand.DataDirLock.acquire(data)) {
            CommandRun r = CommandRun.run("run", "--iconik-url", fake.url(), "--app-id", fake.appId(),
                    "--auth-token", fake.authToken(), "--storage-id", fake.storageId(),
                    "--data-dir", data.toString());
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().contains("another gateway is running with " + data), r.err());
        }
    }
}
