// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link FakeStorage}: a folder and a fake whose storage mounts it, fresh for each test, gone after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeStorageTest {

    private static Path firstRoot;
    private static FakeIconik firstFake;

    @RegisterExtension
    final FakeStorage storage = new FakeStorage().withoutLocalRenditions().setting("upload_files", "true");

    private JsonNode settings() {
        return storage.fake().storages().stream()
                .filter(s -> s.path("id").asText().equals(storage.fake().storageId())).findFirst().orElseThrow()
                .path("settings");
    }

    @Test
    @Order(1)
    void theStorageMountsAFolderOfTheTest_withTheSettingsAsked() throws Exception {
        assertTrue(Files.isDirectory(storage.root()));
        assertTrue(storage.fake().isRunning());
        assertEquals(storage.root().toString(), settings().path("mount_point").asText());
        assertEquals(0, settings().path("growing_files_threshold").asInt(-1));
        assertFalse(settings().path("local_proxy_creation").asBoolean(true));
        assertFalse(settings().path("local_keyframe_creation").asBoolean(true));
        assertTrue(settings().path("upload_files").asBoolean(false));
        Files.writeString(storage.root().resolve("left.txt"), "by the first test");
        firstRoot = storage.root();
        firstFake = storage.fake();
    }

    @Test
    @Order(2)
    void theNextTestGetsANewFolderAndFake_andTheOldAreGone() {
        assumeTrue(firstRoot != null, "runs after the first test");
        assertNotEquals(firstRoot, storage.root());
        assertFalse(Files.exists(firstRoot), firstRoot + " was not deleted");
        assertFalse(firstFake.isRunning());
        assertTrue(storage.fake().isRunning());
    }
}
