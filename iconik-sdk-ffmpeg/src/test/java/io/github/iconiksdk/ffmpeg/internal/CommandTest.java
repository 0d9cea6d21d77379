// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.StreamInfo;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandTest {

    private static final FfmpegTools TOOLS = new FfmpegTools(Path.of("/opt/ff/ffmpeg"), Path.of("/opt/ff/ffprobe"),
            "5.1.9", 5, 1, true);

    private static MediaInfo video(String transfer, boolean audio) {
        StreamInfo v = new StreamInfo(0, "video", "h264", 1920, 1080, 30, 0, transfer, "yuv420p10le", 0, 0);
        StreamInfo a = new StreamInfo(1, "audio", "aac", 0, 0, 0, 0, null, null, 2, 48000);
        return new MediaInfo(MediaKind.VIDEO, "mov", Duration.ofSeconds(12), 0, audio ? List.of(v, a) : List.of(v));
    }

    @Test
    void arguments_carryTheOptionsTheSdkReliesOn_andFileNamesAsSingleArguments() {
        Path odd = Path.of("/media/my clip; rm -rf $HOME.mov");
        List<String> args = FfmpegCommand.of(Path.of("/usr/bin/ffmpeg")).withInput(odd)
                .withOutput(Path.of("/out/proxy.mp4"), List.of("-f", "mp4")).arguments();
        assertEquals("/usr/bin/ffmpeg", args.get(0));
        assertTrue(args.contains("-xerror"));
        assertEquals("pipe:1", args.get(args.indexOf("-progress") + 1));
        assertEquals("level+warning", args.get(args.indexOf("-loglevel") + 1));
        assertEquals(odd.toString(), args.get(args.indexOf("-i") + 1));
        assertEquals("/out/proxy.mp4", args.get(args.size() - 1));
    }

    @Test
    void videoPlan_oneCommandForProxyKeyframesMapAndPoster() {
        TranscodeRequest request = TranscodeRequest.builder(Path.of("/m/a.mov"), Path.of("/out")).build();
        RenditionPlanner.Plan plan = new RenditionPlanner(TOOLS).plan(video(null, true), request, Path.of("/w"));

        List<String> args = plan.command().arguments();
        assertEquals(1, args.stream().filter("-i"::equals).count(), "the source is decoded once");
        assertEquals(4, plan.command().outputs().size());
        assertEquals(24, plan.renditions().stream().filter(r -> r.kind() == RenditionKind.KEYFRAME).count());
        assertEquals("2785840", args.get(args.indexOf("-b:v") + 1), "video: 97 % of the budget minus 128k of sound");
        String graph = plan.command().filterGraph();
        assertTrue(graph.contains("tile=10x3"), graph);
        assertFalse(graph.contains("tonemap"), graph);
        assertTrue(args.contains("+faststart"));
        assertEquals("passthrough", args.get(args.indexOf("-fps_mode") + 1));
    }

    @Test
    void videoPlan_hdrKeyframesAreToneMapped_unlessTurnedOff() {
        TranscodeRequest on = TranscodeRequest.builder(Path.of("/m/a.mov"), Path.of("/out")).build();
        TranscodeRequest off = on.toBuilder().hdrToSdrKeyframes(false).build();
        RenditionPlanner planner = new RenditionPlanner(TOOLS);

        String mapped = planner.plan(video("arib-std-b67", false), on, Path.of("/w")).command().filterGraph();
        String kept = planner.plan(video("arib-std-b67", false), off, Path.of("/w")).command().filterGraph();

        assertTrue(mapped.contains("zscale=tin=arib-std-b67"), mapped);
        assertTrue(mapped.contains("tonemap=tonemap=hable"), mapped);
        assertFalse(kept.contains("tonemap"), kept);
        assertFalse(planner.plan(video("arib-std-b67", false), on, Path.of("/w")).command().arguments()
                .contains("0:a:0"), "no sound mapped when the source has none");
    }

    @Test
    void olderFfmpeg_usesVsyncInsteadOfFpsMode() {
        FfmpegTools old = new FfmpegTools(Path.of("ffmpeg"), Path.of("ffprobe"), "4.4.2", 4, 4, true);
        TranscodeRequest request = TranscodeRequest.builder(Path.of("/m/a.mov"), Path.of("/out")).build();
        List<String> args = new RenditionPlanner(old).plan(video(null, true), request, Path.of("/w")).command()
                .arguments();
        assertFalse(args.contains("-fps_mode"));
        assertEquals("passthrough", args.get(args.indexOf("-vsync") + 1));
    }
}
