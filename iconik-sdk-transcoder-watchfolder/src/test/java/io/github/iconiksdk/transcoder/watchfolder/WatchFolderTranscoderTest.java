// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watch-folder transcoder against a real stand-in tool (a script running ffmpeg), not a mock. */
class WatchFolderTranscoderTest {

    @TempDir
    Path tmp;
    Path in;
    Path out;
    Path renditions;

    @BeforeEach
    void folders() throws IOException {
        in = Files.createDirectories(tmp.resolve("tool-in"));
        out = Files.createDirectories(tmp.resolve("tool-out"));
        renditions = tmp.resolve("renditions");
    }

    private TranscodeResult transcode(WatchFolderRule rule, Path source) {
        return new WatchFolderTranscoder(List.of(rule)).transcode(
                TranscodeRequest.builder(source, renditions).build(), null);
    }

    @ParameterizedTest
    @EnumSource(value = WatchFolderRule.HandOver.class, names = {"COPY", "HARD_LINK", "SYMLINK"})
    void brawHandedToRunningTool_givesTheToolsProxy_andLeavesTheToolsFoldersEmpty(WatchFolderRule.HandOver mode)
            throws Exception {
        Path source = Media.clip(tmp.resolve("storage/A001_C002.braw"), 320, 240);
        try (StandInTool tool = StandInTool.start(tmp, in, out)) {
            TranscodeResult result = transcode(WatchFolderRuleTestSupport.rule(in, out).handOver(mode).build(),
                    source);

            Rendition proxy = result.first(RenditionKind.PROXY).orElseThrow();
            assertEquals(renditions.resolve("proxy.mp4"), proxy.file());
            assertEquals("video/mp4", proxy.mimeType());
            assertEquals("160x120", Media.size(proxy.file()), "the tool scales to 120 px high: its proxy was taken");
        }
        assertEquals(List.of(), list(in), "the staged source is removed");
        assertEquals(List.of(), list(out), "the proxy was moved out and the job journal removed");
        assertTrue(Files.exists(source), "the source itself is untouched");
    }

    @Test
    void jobFileAndMarker_jsonJobNamesTheSource_andTheMarkerSaysDone() throws Exception {
        Path source = Media.clip(tmp.resolve("storage/my clip.braw"), 320, 240);
        WatchFolderRule rule = WatchFolderRuleTestSupport.rule(in, out)
                .jobFile("{stem}.json", "{\"source\": \"{source}\", \"output\": \"{output}\"}\n")
                .markerFile("{stem}.done").build();
        try (StandInTool tool = StandInTool.start(tmp, in, out, "job", "marker")) {
            TranscodeResult result = transcode(rule, source);
            assertEquals("160x120", Media.size(result.first(RenditionKind.PROXY).orElseThrow().file()));
        }
        assertEquals(List.of(), list(in), "the job file is removed");
        assertEquals(List.of(), list(out), "proxy taken, marker and journal removed");
    }

    @Test
    void toolNeverAnswers_timesOutNamingPluginFileAndTimeout_andLeavesNothingBehind() throws Exception {
        Path source = Media.clip(tmp.resolve("storage/A001_C003.braw"), 320, 240);
        WatchFolderRule rule = WatchFolderRuleTestSupport.rule(in, out).timeout(Duration.ofSeconds(1)).build();

        TranscodeException e = assertThrows(TranscodeException.class, () -> transcode(rule, source));

        assertTrue(e.getMessage().contains("watch-folder rule 'braw'"), e.getMessage());
        assertTrue(e.getMessage().contains(source.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("1 s timeout"), e.getMessage());
        assertEquals(List.of(), list(in), "the staged source is removed");
        assertEquals(List.of(), list(out), "nothing in the output folder, no journal left");
        assertFalse(Files.exists(renditions.resolve("proxy.mp4")));
    }

    @Test
    void proxyNoJobMade_isNotTaken_andIsLeftWhereItIs() throws Exception {
        Path source = Media.clip(tmp.resolve("storage/A001_C004.braw"), 320, 240);
        Path foreign = Files.writeString(out.resolve("A001_C004_proxy.mp4"), "someone else's file");

        TranscodeException e = assertThrows(TranscodeException.class,
                () -> transcode(WatchFolderRuleTestSupport.rule(in, out).build(), source));

        assertTrue(e.getMessage().contains("A001_C004_proxy.mp4"), e.getMessage());
        assertTrue(Files.exists(foreign), "a file this gateway did not make is not removed");
        assertEquals(List.of(), list(in), "nothing was staged");
    }

    @Test
    void gatewayKilledMidWait_restartCleansItsStaleInputAndOutput_andTakesOnlyTheNewSourcesProxy()
            throws Exception {
        Path first = Media.clip(tmp.resolve("storage/day1/clip.braw"), 320, 240);
        Process gateway = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                WaitingGateway.class.getName(), in.toString(), out.toString(), first.toString(),
                tmp.resolve("day1-renditions").toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("gateway.log").toFile()).start();
        try {
            Path journal = out.resolve(".iconik-watch-folder/braw--clip.job");
            for (int i = 0; i < 600 && !(Files.exists(in.resolve("clip.braw")) && Files.exists(journal)); i++) {
                assertTrue(gateway.isAlive(), () -> "the waiting gateway died: " + log());
                Thread.sleep(50);
            }
            assertTrue(Files.exists(in.resolve("clip.braw")), "the gateway staged its source");
        } finally {
            gateway.destroyForcibly(); // SIGKILL: no cleanup runs in the killed process
            gateway.waitFor(10, TimeUnit.SECONDS);
        }
        StandInTool.runOnce(tmp, in, out); // the tool comes back and works off what the killed job left
        assertTrue(Files.exists(out.resolve("clip_proxy.mp4")), "precondition: a stale proxy for the old clip");

        WatchFolderTranscoder restarted = new WatchFolderTranscoder(
                List.of(WatchFolderRuleTestSupport.rule(in, out).build()));
        assertEquals(1, restarted.recoverStaleJobs());
        assertEquals(List.of(), list(in), "the killed job's staged input is gone");
        assertEquals(List.of(), list(out), "the killed job's proxy and journal are gone");

        Path second = Media.clip(tmp.resolve("storage/day2/clip.braw"), 480, 240);
        try (StandInTool tool = StandInTool.start(tmp, in, out)) {
            TranscodeResult result = restarted.transcode(TranscodeRequest.builder(second, renditions).build(), null);
            assertEquals("240x120", Media.size(result.first(RenditionKind.PROXY).orElseThrow().file()),
                    "the proxy is the new clip's (480x240 scaled), not the old one's (320x240)");
        }
        assertEquals(List.of(), list(in));
    }

    @Test
    void killedJobOfTheSameName_isCleanedUpBeforeTheNextOneStages_withoutAnExplicitRecovery() throws Exception {
        Path stale = Files.writeString(in.resolve("clip.braw"), "stale staged input");
        Path staleProxy = Files.writeString(out.resolve("clip_proxy.mp4"), "stale proxy");
        Files.createDirectories(out.resolve(".iconik-watch-folder"));
        // the journal a killed process (pid that cannot exist) leaves behind
        Files.writeString(out.resolve(".iconik-watch-folder/braw--clip.job"), "pid=" + Long.MAX_VALUE + "\n"
                + "source=/old/clip.braw\nstaged=" + stale + "\noutput=" + staleProxy + "\n");
        Path source = Media.clip(tmp.resolve("storage/clip.braw"), 480, 240);
        try (StandInTool tool = StandInTool.start(tmp, in, out)) {
            TranscodeResult result = transcode(WatchFolderRuleTestSupport.rule(in, out).build(), source);
            assertEquals("240x120", Media.size(result.first(RenditionKind.PROXY).orElseThrow().file()));
        }
        assertEquals(List.of(), list(out));
    }

    @Test
    void unclaimedFile_isRefusedNamingTheRules() {
        TranscodeException e = assertThrows(TranscodeException.class,
                () -> transcode(WatchFolderRuleTestSupport.rule(in, out).build(), tmp.resolve("clip.mov")));
        assertTrue(e.getMessage().contains("no rule claims"), e.getMessage());
        assertTrue(e.getMessage().contains("*.braw"), e.getMessage());
    }

    private String log() {
        try {
            return Files.readString(tmp.resolve("gateway.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Every entry under a folder, hidden ones included, relative to it. */
    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir) && !Files.isDirectory(p))
                    .map(p -> dir.relativize(p).toString().replace(File.separatorChar, '/')).sorted().toList();
        }
    }
}
