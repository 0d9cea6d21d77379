// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.ingest;

import io.github.iconiksdk.api.pattern.InvalidPatternException;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.config.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage settings derived from iconik's settings object: defaults, patterns, switches, changes. */
class StorageSettingsTest {

    private static FileSettings settings(String mount, List<String> scanIgnore, Integer interval, Boolean proxies,
                                         Boolean keyframes, Boolean upload, String view) {
        return new FileSettings(mount, null, null, scanIgnore, null, null, null, null, null, null, interval, null,
                null, null, null, upload, proxies, keyframes, null, null, null, null, null, null, null, null, null,
                null, view, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void defaults_whenIconikSaysNothing() {
        StorageSettings s = StorageSettings.of("st", settings("/mnt/a", null, null, null, null, null, " "));
        assertEquals(Duration.ofSeconds(5), s.scanInterval());
        assertEquals(Duration.ofSeconds(10), s.growingThreshold());
        assertTrue(s.scanEnabled());
        assertTrue(s.makeRenditions());
        assertFalse(s.uploadOriginals());
        assertTrue(s.metadataViewId().isEmpty());
    }

    @Test
    void patternsCompiled_andSwitchesRead() {
        StorageSettings s = StorageSettings.of("st", settings("/mnt/a", List.of("*.tmp"), 30, false, false, true,
                "view-1"));
        assertTrue(s.patterns().scanIgnore().matches("x/y.tmp", false));
        assertEquals(Duration.ofSeconds(30), s.scanInterval());
        assertFalse(s.makeRenditions());
        assertTrue(s.uploadOriginals());
        assertEquals("view-1", s.metadataViewId().orElseThrow());
    }

    @Test
    void missingMountPoint_namesTheSetting() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> StorageSettings.of("st", settings(null, null, null, null, null, null, null)));
        assertTrue(e.getMessage().contains("mount_point"), e.getMessage());
    }

    @Test
    void invalidPattern_isRefusedNamingIt() {
        InvalidPatternException e = assertThrows(InvalidPatternException.class,
                () -> StorageSettings.of("st", settings("/m", List.of("re:/unclosed"), null, null, null, null, null)));
        assertTrue(e.getMessage().contains("unclosed"), e.getMessage());
    }

    @Test
    void changedSince_namesTheChangedSettings() {
        StorageSettings a = StorageSettings.of("st", settings("/m", List.of("*.a"), 5, null, null, null, null));
        StorageSettings b = StorageSettings.of("st", settings("/m", List.of("*.b"), 6, null, null, null, null));
        assertEquals(List.of("scan_ignore", "scan_interval_seconds"), b.changedSince(a));
        assertEquals(List.of(), b.changedSince(b));
    }
}
