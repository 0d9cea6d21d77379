// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iconiksdk.testkit.FakeIconik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestCommandTest {

    @TempDir
    Path tmp;
    private Path root;
    private FakeIconik fake;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(tmp.resolve("storage"));
        write("A001/A001C001.MOV", "clip one");
        write("A001/A001C002.MOV", "clip two");
        write("A001/A001C002.MOV.json", "{\"metadata_values\":{\"project\":{\"field_values\":[{\"value\":\"Doc\"}]}}}");
        write("Audio/take 1.wav", "audio");
        write("Project/Media Cache Files/x.cfa", "cache");
        write("Été/photo.jpg", "still");
    }

    private void write(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private void startFake(String... settings) {
        FakeIconik.Builder b = FakeIconik.builder().mountPoint(root.toString())
                .storageSetting("growing_files_threshold", "0");
        for (int i = 0; i < settings.length; i += 2) {
            b.storageSetting(settings[i], settings[i + 1]);
        }
        fake = b.build().start();
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.stop();
        }
    }

    private CommandRun ingest() {
        return CommandRun.run("ingest", "--iconik-url", fake.url(), "--app-id", fake.appId(), "--auth-token",
                fake.authToken(), "--storage-id", fake.storageId(), "--data-dir", tmp.resolve("data").toString());
    }

    private Set<String> registeredPaths() {
        Set<String> paths = new TreeSet<>();
        for (JsonNode f : fake.allFiles()) {
            paths.add(f.path("directory_path").asText() + "/" + f.path("original_name").asText());
        }
        return paths;
    }

    @Test
    void ingest_registersEveryKeptFileOnce_notSidecarsNorIgnoredFolders() {
        startFake();
        CommandRun first = ingest();
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().startsWith("registered 4 files (4 new"), first.out());
        assertEquals(Set.of("A001/A001C001.MOV", "A001/A001C002.MOV", "Audio/take 1.wav", "Été/photo.jpg"),
                registeredPaths());
        assertEquals(4, fake.assets().size());
        assertFalse(first.out().contains(fake.authToken()) || first.err().contains(fake.authToken()));

        CommandRun second = ingest();
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().startsWith("registered 0 files"), second.out());
        assertEquals(4, fake.assets().size());
    }

    @Test
    void changedTree_isFollowed_onTheNextIngest() throws IOException {
        startFake();
        assertEquals(0, ingest().exitCode());
        Files.move(root.resolve("Audio/take 1.wav"), root.resolve("A001/take 1.wav"));
        Files.delete(root.resolve("Été/photo.jpg"));
        write("A001/A001C001.MOV", "clip one, longer now");
        CommandRun r = ingest();
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1 updated, 1 moved"), r.out());
        assertTrue(r.out().contains("1 removed"), r.out());
        assertEquals(4, fake.assets().size());
        assertTrue(registeredPaths().contains("A001/take 1.wav"));
    }

    @Test
    void missingCredentials_exit2_namingThem() {
        startFake();
        CommandRun r = CommandRun.run("ingest", "--iconik-url", fake.url(), "--data-dir", tmp.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("app-id, auth-token, storage-id"), r.err());
    }

    @Test
    void wrongToken_exit1_withoutPrintingIt() {
        startFake();
        CommandRun r = CommandRun.run("ingest", "--iconik-url", fake.url(), "--app-id", fake.appId(),
                "--auth-token", "not-the-token-123", "--storage-id", fake.storageId(), "--data-dir", tmp.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertFalse(r.err().contains("not-the-token-123"), r.err());
    }
}
