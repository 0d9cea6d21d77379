// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code [watch-folder:NAME]} sections and {@code plugins-dir} in config.ini. */
class WatchFolderSectionTest {

    @TempDir
    Path tmp;

    private GatewayConfig read(String text) throws IOException {
        Path file = Files.writeString(tmp.resolve("config.ini"), text);
        return GatewayConfig.builder().configFile(file).build();
    }

    @Test
    void issueExample_isReadAsARule_andHandedToPluginsAsOptions() throws Exception {
        GatewayConfig c = read("""
                storage-id = s1
                [watch-folder:braw]
                patterns = *.braw
                input = /mnt/braw-in
                output = braw-out
                output-pattern = {stem}_proxy.mp4
                timeout-seconds = 600
                """);
        assertEquals(1, c.watchFolders().size());
        WatchFolderSection braw = c.watchFolders().get(0);
        assertEquals("braw", braw.name());
        assertEquals(tmp.resolve("braw-out").toString(), braw.values().get("output"), "relative to the config file");
        Map<String, String> options = c.transcoderOptions();
        assertEquals("*.braw", options.get("watch-folder.braw.patterns"));
        assertEquals("/mnt/braw-in", options.get("watch-folder.braw.input"));
        assertEquals("600", options.get("watch-folder.braw.timeout-seconds"));
        assertEquals("s1", c.storageId().orElseThrow(), "keys of [main] before the section still count");
        assertTrue(c.warnings().stream().noneMatch(w -> w.contains("watch-folder")), c.warnings().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "timeout-seconds | timeout-seconds = ten",
            "timeout-seconds | timeout-seconds = 0",
            "colour          | colour = red",
            "hand-over       | hand-over = teleport",
            "output-pattern  | output-pattern = ../{stem}.mp4"})
    void badKey_stopsStartupNamingSectionAndKey(String key, String line) throws Exception {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read("""
                [watch-folder:braw]
                patterns = *.braw
                input = in
                output = out
                %s
                """.formatted(line)));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains("[watch-folder:braw]"), e.getMessage());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains("config.ini:5"), e.getMessage());
    }

    @Test
    void missingOutput_stopsStartupNamingTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> read("[watch-folder:braw]\npatterns = *.braw\ninput = in\n"));
        assertEquals("output", e.key());
        assertTrue(e.getMessage().contains("missing the key output"), e.getMessage());
    }

    @Test
    void sameSectionTwice_isAnError() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(
                "[watch-folder:a]\npatterns = *.a\ninput = i\noutput = o\n[watch-folder:a]\npatterns = *.b\n"));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void pluginsDir_defaultsToPluginsBesideTheConfigFile() throws Exception {
        assertEquals(tmp.resolve("plugins"), read("storage-id = s1\n").pluginsDir());
        assertEquals(tmp.resolve("extra/jars"), read("plugins-dir = extra/jars\n").pluginsDir());
        assertEquals(List.of(), read("storage-id = s1\n").watchFolders());
    }
}
