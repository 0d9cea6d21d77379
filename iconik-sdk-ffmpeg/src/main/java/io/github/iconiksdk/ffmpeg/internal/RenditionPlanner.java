// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.StreamInfo;
import io.github.iconiksdk.api.transcode.TranscodeRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plans the single ffmpeg run that makes every rendition of one source: video (proxy, keyframes, keyframe map,
 * poster), image (proxy, keyframe) or audio (proxy, waveform). Output names are those of the gateway's
 * {@code transcode} command; they are relative to a working folder.
 */
public final class RenditionPlanner {

    /** AAC bit rate of proxies' sound; less when the proxy bit rate is very low. */
    static final long AUDIO_BITRATE = 128_000;
    /** JPEG quality (ffmpeg's {@code -q:v}, 2 best … 31 worst). */
    static final String JPEG_QUALITY = "3";
    /** Height of the waveform picture. */
    static final int WAVEFORM_HEIGHT = 120;

    /** Names of the outputs, relative to the output folder. */
    public static final String VIDEO_PROXY = "proxy.mp4";
    /** Folder of the single video keyframes. */
    public static final String KEYFRAMES_DIR = "keyframes";
    /** The keyframe map. */
    public static final String KEYFRAME_MAP = "keyframe-map.jpg";
    /** The poster frame. */
    public static final String POSTER = "poster.jpg";
    /** The image proxy. */
    public static final String IMAGE_PROXY = "proxy.jpg";
    /** The image keyframe. */
    public static final String IMAGE_KEYFRAME = "keyframe.jpg";
    /** The audio proxy. */
    public static final String AUDIO_PROXY = "proxy.m4a";
    /** The waveform. */
    public static final String WAVEFORM = "waveform.jpg";

    private final FfmpegTools tools;

    /**
     * @param tools the executables, whose version decides some options
     */
    public RenditionPlanner(FfmpegTools tools) {
        this.tools = tools;
    }

    /**
     * The command and the files it will make.
     *
     * @param command    the ffmpeg command
     * @param renditions the files it makes, inside the working folder, keyframes in time order
     */
    public record Plan(FfmpegCommand command, List<Rendition> renditions) {
        /** Copies. */
        public Plan {
            renditions = List.copyOf(renditions);
        }
    }

    /**
     * @param media   the probed source (kind VIDEO, IMAGE or AUDIO)
     * @param request the request
     * @param workDir where ffmpeg writes
     * @return the plan
     * @throws IllegalArgumentException if the media is of kind OTHER
     */
    public Plan plan(MediaInfo media, TranscodeRequest request, Path workDir) {
        return switch (media.kind()) {
            case VIDEO -> video(media, request, workDir);
            case IMAGE -> image(media, request, workDir);
            case AUDIO -> audio(media, request, workDir);
            case OTHER -> throw new IllegalArgumentException("no renditions for media of kind OTHER");
        };
    }

    private FfmpegCommand input(TranscodeRequest request, MediaInfo media, Path workDir) {
        Path source = request.source().toAbsolutePath();
        FfmpegCommand command = FfmpegCommand.of(tools.ffmpeg());
        if (request.sequence() != null) {
            return command.withInput(SequenceInput.pattern(request.sequence(), workDir), "-framerate",
                    SequenceInput.rate(request.sequence()), "-start_number", "1");
        }
        // The image2 demuxer reads a name such as "frame%d.png" as a numbered sequence; this file is one picture.
        // ffmpeg refuses the option when another demuxer is chosen, so it is given only for image2.
        return "image2".equals(media.container()) ? command.withInput(source, "-pattern_type", "none")
                : command.withInput(source);
    }

    private Plan video(MediaInfo media, TranscodeRequest request, Path workDir) {
        StreamInfo v = media.video().orElseThrow();
        // ffmpeg rotates frames upright before the graph (autorotate), so sizes are display sizes.
        Size display = new Size(v.displayWidth(), v.displayHeight());
        Size proxy = display.fitWithin(request.proxyWidth(), request.proxyHeight(), true);
        Size keyframe = display.toWidth(Size.KEYFRAME_WIDTH, true);
        KeyframeSchedule schedule = KeyframeSchedule.of(media.duration());
        String toneMap = request.hdrToSdrKeyframes() && v.isHdr() && tools.hasZscale() ? toneMap(v) + "," : "";

        String graph = "[0:v:0]split=2[vp][vk];"
                + "[vp]scale=" + proxy.width() + ":" + proxy.height() + ",setsar=1,format=yuv420p[proxy];"
                + "[vk]select='" + schedule.selectExpression() + "'," + toneMap + "split=3[k1][k2][k3];"
                + "[k1]scale=" + keyframe.width() + ":" + keyframe.height() + ",setsar=1[kf];"
                + "[k2]scale=" + keyframe.width() + ":" + keyframe.height() + ",setsar=1,tile="
                + schedule.columns() + "x" + schedule.rows() + "[map];"
                + "[k3]select='eq(n," + schedule.posterIndex() + ")',scale=" + proxy.width() + ":" + proxy.height()
                + ",setsar=1[poster]";

        List<Path> tracks = request.audioTracks();
        if (!tracks.isEmpty()) {
            graph += ";" + soundMix(tracks.size());
        }
        long audioBitrate = Math.min(AUDIO_BITRATE, request.proxyBitrate() / 4);
        boolean withAudio = !tracks.isEmpty() || media.audio().isPresent();
        // proxy-bitrate is a ceiling for the whole file: sound, and ~3 % for x264 overshoot and MP4 overhead,
        // come out of the video's share.
        long videoBitrate = (request.proxyBitrate() - (withAudio ? audioBitrate : 0)) * 97 / 100;
        List<String> proxyOptions = new ArrayList<>(List.of("-map", "[proxy]"));
        if (withAudio) {
            proxyOptions.addAll(List.of("-map", tracks.isEmpty() ? "0:a:0" : "[mix]"));
        }
        proxyOptions.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high",
                "-b:v", String.valueOf(videoBitrate), "-maxrate", String.valueOf(videoBitrate),
                "-bufsize", String.valueOf(videoBitrate)));
        if (withAudio) {
            proxyOptions.addAll(aacStereo(audioBitrate));
        }
        proxyOptions.addAll(List.of("-movflags", "+faststart", "-f", "mp4"));

        List<String> keyframeOptions = new ArrayList<>(List.of("-map", "[kf]"));
        keyframeOptions.addAll(passthroughTimestamps());
        keyframeOptions.addAll(List.of("-frames:v", String.valueOf(schedule.count()), "-start_number", "1",
                "-q:v", JPEG_QUALITY, "-f", "image2"));

        FfmpegCommand command = input(request, media, workDir);
        for (Path track : tracks) {
            command = command.withInput(track.toAbsolutePath()); // inputs 1, 2 …: the separate sound files
        }
        command = command.withFilterGraph(graph)
                .withOutput(workDir.resolve(VIDEO_PROXY), proxyOptions)
                .withOutput(workDir.resolve(KEYFRAMES_DIR).resolve("%04d.jpg"), keyframeOptions)
                .withOutput(workDir.resolve(KEYFRAME_MAP), singleImage("[map]"))
                .withOutput(workDir.resolve(POSTER), singleImage("[poster]"));

        List<Rendition> out = new ArrayList<>();
        out.add(new Rendition(RenditionKind.PROXY, workDir.resolve(VIDEO_PROXY), "video/mp4", proxy.width(),
                proxy.height(), null));
        for (int k = 0; k < schedule.count(); k++) {
            out.add(new Rendition(RenditionKind.KEYFRAME, workDir.resolve(KEYFRAMES_DIR).resolve(keyframeName(k)),
                    "image/jpeg", keyframe.width(), keyframe.height(), schedule.position(k)));
        }
        out.add(new Rendition(RenditionKind.KEYFRAME_MAP, workDir.resolve(KEYFRAME_MAP), "image/jpeg",
                keyframe.width() * schedule.columns(), keyframe.height() * schedule.rows(), null));
        out.add(new Rendition(RenditionKind.POSTER, workDir.resolve(POSTER), "image/jpeg", proxy.width(),
                proxy.height(), schedule.position(schedule.posterIndex())));
        return new Plan(command, out);
    }

    /**
     * The graph that makes the proxy's sound {@code [mix]} from separate sound files (inputs 1 to n): one file as
     * it is; two as the left and right channel (a P2 clip's CH1 and CH2 [I]); more mixed together (ffmpeg's
     * {@code amerge} cannot lay out several mono inputs). Each is resampled to 48 kHz first.
     */
    private static String soundMix(int n) {
        StringBuilder g = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            g.append('[').append(i).append(":a:0]aresample=48000").append(n == 1 ? "[mix]" : "[s" + i + "];");
        }
        if (n > 1) {
            for (int i = 1; i <= n; i++) {
                g.append("[s").append(i).append(']');
            }
            g.append(n == 2 ? "join=inputs=2:channel_layout=stereo" : "amix=inputs=" + n + ":duration=longest")
                    .append("[mix]");
        }
        return g.toString();
    }

    /**
     * @param k a keyframe's index from 0
     * @return its file name ({@code 0001.jpg} for the first)
     */
    public static String keyframeName(int k) {
        return String.format(Locale.ROOT, "%04d.jpg", k + 1);
    }

    private Plan image(MediaInfo media, TranscodeRequest request, Path workDir) {
        StreamInfo v = media.video().orElseThrow();
        Size source = new Size(v.displayWidth(), v.displayHeight());
        Size proxy = source.fitWithin(request.imageProxyWidth(), request.imageProxyHeight(), false);
        Size keyframe = source.toWidth(Size.KEYFRAME_WIDTH, false);
        String graph = "[0:v:0]split=2[a][b];"
                + "[a]scale=" + proxy.width() + ":" + proxy.height() + ",setsar=1[proxy];"
                + "[b]scale=" + keyframe.width() + ":" + keyframe.height() + ",setsar=1[kf]";
        FfmpegCommand command = input(request, media, workDir).withFilterGraph(graph)
                .withOutput(workDir.resolve(IMAGE_PROXY), singleImage("[proxy]"))
                .withOutput(workDir.resolve(IMAGE_KEYFRAME), singleImage("[kf]"));
        return new Plan(command, List.of(
                new Rendition(RenditionKind.IMAGE_PROXY, workDir.resolve(IMAGE_PROXY), "image/jpeg", proxy.width(),
                        proxy.height(), null),
                new Rendition(RenditionKind.KEYFRAME, workDir.resolve(IMAGE_KEYFRAME), "image/jpeg",
                        keyframe.width(), keyframe.height(), null)));
    }

    private Plan audio(MediaInfo media, TranscodeRequest request, Path workDir) {
        String graph = "[0:a:0]aformat=channel_layouts=mono,showwavespic=s=" + Size.KEYFRAME_WIDTH + "x"
                + WAVEFORM_HEIGHT + ":colors=0x3a7bd5[wave]";
        List<String> proxyOptions = new ArrayList<>(List.of("-map", "0:a:0", "-vn"));
        proxyOptions.addAll(aacStereo(AUDIO_BITRATE));
        proxyOptions.addAll(List.of("-movflags", "+faststart", "-f", "ipod"));
        FfmpegCommand command = input(request, media, workDir).withFilterGraph(graph)
                .withOutput(workDir.resolve(AUDIO_PROXY), proxyOptions)
                .withOutput(workDir.resolve(WAVEFORM), singleImage("[wave]"));
        return new Plan(command, List.of(
                new Rendition(RenditionKind.PROXY, workDir.resolve(AUDIO_PROXY), "audio/mp4", 0, 0, null),
                new Rendition(RenditionKind.WAVEFORM, workDir.resolve(WAVEFORM), "image/jpeg", Size.KEYFRAME_WIDTH,
                        WAVEFORM_HEIGHT, null)));
    }

    private static List<String> aacStereo(long bitrate) {
        return List.of("-c:a", "aac", "-b:a", String.valueOf(bitrate), "-ac", "2", "-ar", "48000");
    }

    private static List<String> singleImage(String label) {
        return List.of("-map", label, "-frames:v", "1", "-update", "1", "-q:v", JPEG_QUALITY, "-f", "image2");
    }

    /** Keyframes keep their own timestamps: without this, image2's constant rate would duplicate frames. */
    private List<String> passthroughTimestamps() {
        return tools.hasFpsMode() ? List.of("-fps_mode", "passthrough") : List.of("-vsync", "passthrough");
    }

    /**
     * PQ or HLG to SDR BT.709: linearise (the source's transfer named explicitly, since many files tag it only
     * in the container), convert primaries in float, tone-map with Hable (keeps highlights, no hue shift with
     * desat=0), then encode as BT.709 limited range.
     */
    private static String toneMap(StreamInfo v) {
        return "zscale=tin=" + v.colorTransfer() + ":pin=bt2020:min=bt2020nc:t=linear:npl=100,format=gbrpf32le,"
                + "zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p";
    }
}
