// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import org.junit.jupiter.api.AfterEach;
import io.github.iconiksdk.core.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewayOptionsTest {

    private final String saved = System.getProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL);
        } else {
            System.setProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL, saved);
        }
    }

    private static GatewayOptions credentials() {
        GatewayOptions o = new GatewayOptions();
        o.appId = "a";
        o.authToken = "t";
        o.storageIds = java.util.List.of("s");
        return o;
    }

    @Test
    void logLevelKey_becomesTheLoggingDefault() {
        System.clearProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL);
        credentials().resolve(Map.of());
        assertEquals("info", System.getProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL));
    }

    @Test
    void storageSections_nameTheStoragesRunServes_unlessFlagsOrTheEnvironmentNameOne(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("config.ini");
        Files.writeString(file, "app-id=a\nauth-token=t\nmax-transcoding-jobs=2\n[storage:s-one]\n"
                + "max-transcoding-jobs=6\n[storage:s-two]\n");
        GatewayOptions o = new GatewayOptions();
        o.config = file;
        assertEquals(List.of("s-one", "s-two"), o.storages(Map.of()));
        assertEquals(List.of(), o.storages(Map.of("STORAGE_ID", "s-two")), "the environment names one");
        GatewayConfig one = o.resolve(Map.of(), "s-one", dir.resolve("data/s-one"));
        assertEquals(6, one.maxTranscodingJobs());
        assertEquals(dir.resolve("data/s-one"), one.dataDir());
        assertEquals(2, o.resolve(Map.of(), "s-two", null).maxTranscodingJobs());
        o.storageIds = List.of("s-two");
        assertEquals(List.of("s-two"), o.storages(Map.of()), "--storage-id wins over the sections");
        assertEquals("s-two", o.resolve(Map.of()).storageId().orElseThrow());
    }

    @Test
    void javaCommandLineProperty_winsOverTheKey() {
        System.setProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL, "warn");
        credentials().resolve(Map.of());
        assertEquals("warn", System.getProperty(GatewayOptions.SIMPLE_LOGGER_LEVEL));
    }
}
