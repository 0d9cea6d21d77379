// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import io.github.iconiksdk.api.transcode.TranscoderConfig;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.transcoder.watchfolder.internal.Placeholders;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules from configuration sections, presets, placeholders, and discovery by ServiceLoader. */
class WatchFolderConfigTest {

    private static final Path BASE = Path.of("/etc/iconik");

    @Test
    void issueExampleSection_givesTheRule_relativePathsBesideTheConfig() {
        WatchFolderRule rule = WatchFolderConfig.rule("braw", Map.of("patterns", "*.braw, *.BRAW", "input",
                "/mnt/braw-in", "output", "out", "output-pattern", "{stem}_proxy.mp4", "timeout-seconds", "600"),
                BASE);
        assertEquals(List.of("*.braw", "*.BRAW"), rule.patterns());
        assertEquals(Path.of("/mnt/braw-in"), rule.input());
        assertEquals(Path.of("/etc/iconik/out"), rule.output());
        assertEquals(Duration.ofSeconds(600), rule.timeout());
        assertEquals(Path.of("/etc/iconik/out/.iconik-watch-folder"), rule.stateDir());
        assertTrue(rule.claims(Path.of("/storage/A001_C001.Braw")));
        assertFalse(rule.claims(Path.of("/storage/A001_C001.braw.xml")));
    }

    @Test
    void badSection_errorNamesSectionAndKey() {
        Map<String, Map<String, String>> bad = Map.of(
                "timeout-seconds", Map.of("patterns", "*.braw", "input", "i", "output", "o", "timeout-seconds", "ten"),
                "colour", Map.of("patterns", "*.braw", "input", "i", "output", "o", "colour", "red"),
                "output", Map.of("patterns", "*.braw", "input", "i"),
                "output-pattern", Map.of("patterns", "*.braw", "input", "i", "output", "o",
                        "output-pattern", "../{stem}.mp4"),
                "patterns", Map.of("patterns", " , ", "input", "i", "output", "o"),
                "hand-over", Map.of("patterns", "*.braw", "input", "i", "output", "o", "hand-over", "teleport"));
        bad.forEach((key, section) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WatchFolderConfig.rule("braw", section, BASE), key);
            assertTrue(e.getMessage().startsWith("[watch-folder:braw]"), e.getMessage());
            assertTrue(e.getMessage().contains(key), key + ": " + e.getMessage());
        });
    }

    @Test
    void jobFileSection_readsTheTemplate(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("job.xml"), "<job><source>{source}</source></job>");
        WatchFolderRule rule = WatchFolderConfig.rule("vantage", Map.of("preset", "vantage", "patterns", "*.mxf",
                "input", "hot", "output", "target", "hand-over", "job-file", "job-template", "job.xml",
                "job-file-name", "{stem}.xml"), dir);
        assertEquals(WatchFolderRule.HandOver.JOB_FILE, rule.handOver());
        assertEquals("{stem}.mp4", rule.outputPattern(), "from the preset");
        assertEquals(Duration.ofSeconds(10), rule.stableFor(), "from the preset");
    }

    @Test
    void rulesFromTranscoderOptions_oneRulePerName_inOrder() {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("watch-folder.braw.patterns", "*.braw");
        options.put("watch-folder.braw.input", "/mnt/in");
        options.put("watch-folder.braw.output", "/mnt/out");
        options.put("watch-folder.v.1.patterns", "*.mxf");
        options.put("watch-folder.v.1.input", "/v/in");
        options.put("watch-folder.v.1.output", "/v/out");
        options.put("ffmpeg.path", "/opt/ffmpeg");
        List<WatchFolderRule> rules = WatchFolderConfig.rules(options, BASE);
        assertEquals(List.of("braw", "v.1"), rules.stream().map(WatchFolderRule::name).toList());
        assertEquals(Path.of("/v/out"), rules.get(1).output());
    }

    @Test
    void brawPreset_expectsProxyFolderInsideTheWatchFolder() {
        WatchFolderRule rule = WatchFolderPresets.blackmagicRawProxyGenerator("braw", Path.of("/mnt/watch")).build();
        assertEquals(Path.of("/mnt/watch/Proxy"), rule.output());
        assertEquals("{stem}.mov", rule.outputPattern());
        assertEquals(WatchFolderRule.HandOver.HARD_LINK, rule.handOver());
    }

    @Test
    void placeholders_escapeForTheJobFilesFormat() {
        Placeholders ph = Placeholders.of(Path.of("/s/a \"b\" & <c>.braw"), Path.of("/in"), Path.of("/out"));
        assertEquals("a \"b\" & <c>_proxy.mp4", ph.fileName("{stem}_proxy.mp4"));
        assertEquals("{\"s\":\"/s/a \\\"b\\\" & <c>.braw\",\"x\":\"{unknown}\"}",
                ph.job("{\"s\":\"{source}\",\"x\":\"{unknown}\"}", "job.json"));
        assertEquals("<s>/s/a &quot;b&quot; &amp; &lt;c&gt;.braw</s>", ph.job("<s>{source}</s>", "job.XML"));
    }

    @Test
    void globs_matchWholeNamesOnly() {
        assertTrue(Glob.matches("*.braw", "a.braw"));
        assertTrue(Glob.matches("a?c*", "abcdef"));
        assertFalse(Glob.matches("*.braw", "a.braw.tmp"));
        assertTrue(Glob.matches("*", ""));
    }

    @Test
    void serviceLoader_findsTheProvider_unavailableUntilGivenRules() {
        TranscoderProvider found = TranscoderProvider.installed().stream()
                .filter(p -> p.name().equals("watch-folder")).findFirst().orElseThrow();
        assertFalse(found.isAvailable());
        WatchFolderTranscoderProvider configured = new WatchFolderTranscoderProvider(List.of(
                WatchFolderRuleTestSupport.rule(Path.of("/in"), Path.of("/out")).build()));
        assertTrue(configured.isAvailable());
        assertTrue(configured.claims(Path.of("x/A.BRAW")));
        assertFalse(configured.claims(Path.of("x/A.mov")));
    }

    @Test
    void serviceLoaderProvider_takesItsRulesFromTheTranscoderConfig_andRefusesABadKeyNamingIt() {
        TranscoderProvider found = TranscoderProvider.installed().stream()
                .filter(p -> p.name().equals("watch-folder")).findFirst().orElseThrow();
        Path base = Path.of("/etc/gateway");
        found.configure(new TranscoderConfig(Map.of("watch-folder.braw.patterns", "*.braw",
                "watch-folder.braw.input", "in", "watch-folder.braw.output", "/mnt/out",
                "watch-folder.braw.output-pattern", "{stem}_proxy.mp4", "other.key", "ignored"), base));
        assertTrue(found.isAvailable());
        assertTrue(found.claims(Path.of("card/A001.braw")));
        assertFalse(found.claims(Path.of("card/A001.mov")));
        assertEquals(found, TranscoderProvider.claimant(List.of(found), Path.of("x.BRAW")).orElseThrow());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> found.configure(
                new TranscoderConfig(Map.of("watch-folder.braw.patterns", "*.braw", "watch-folder.braw.input", "in",
                        "watch-folder.braw.output", "out", "watch-folder.braw.timeout-seconds", "soon"), base)));
        assertTrue(bad.getMessage().contains("[watch-folder:braw]") && bad.getMessage().contains("timeout-seconds"),
                bad.getMessage());
    }
}
