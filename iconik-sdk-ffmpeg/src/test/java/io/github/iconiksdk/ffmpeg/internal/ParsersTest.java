// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.StreamInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParsersTest {

    @Test
    void progressLines_outTimeMicrosOnly() {
        assertEquals(OptionalLong.of(1_500_000), ProgressParser.outTimeMicros("out_time_us=1500000"));
        assertEquals(OptionalLong.empty(), ProgressParser.outTimeMicros("out_time_us=N/A"));
        assertEquals(OptionalLong.empty(), ProgressParser.outTimeMicros("out_time_us=-9223372036854775807"));
        assertEquals(OptionalLong.empty(), ProgressParser.outTimeMicros("out_time_ms=1500000"));
        assertEquals(OptionalLong.empty(), ProgressParser.outTimeMicros("progress=end"));
    }

    @Test
    void logLines_errorsKeptWithoutLevelTagOrAddress() {
        List<String> stderr = List.of(
                "[swscaler @ 0x5560] [warning] deprecated pixel format used",
                "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55ed87aab900] [error] moov atom not found",
                "[info] Stream mapping:",
                "[fatal] cut.mp4: corrupt input packet in stream 0");
        assertEquals(List.of("[mov,mp4,m4a,3gp,3g2,mj2] moov atom not found",
                "cut.mp4: corrupt input packet in stream 0"), FfmpegLog.errorLines(stderr));
    }

    private static final String VIDEO_JSON = """
            {"streams":[
              {"index":0,"codec_name":"hevc","codec_type":"video","width":3840,"height":2160,
               "pix_fmt":"yuv420p10le","color_transfer":"smpte2084","avg_frame_rate":"60000/1001",
               "r_frame_rate":"60000/1001","side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]},
              {"index":1,"codec_name":"aac","codec_type":"audio","channels":6,"sample_rate":"48000",
               "avg_frame_rate":"0/0"},
              {"index":2,"codec_name":"mjpeg","codec_type":"video","width":600,"height":600,
               "disposition":{"attached_pic":1}}],
             "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"12.012000","bit_rate":"45000000"}}
            """;

    @Test
    void probeJson_video_withRotationHdrAndCoverArt() {
        MediaInfo m = ProbeParser.parse(VIDEO_JSON, "a.mov");
        assertEquals(MediaKind.VIDEO, m.kind());
        assertEquals(Duration.ofMillis(12_012), m.duration());
        assertEquals(45_000_000, m.bitRate());
        assertEquals(2, m.streams().size(), "cover art is not a stream of pictures");
        StreamInfo v = m.video().orElseThrow();
        assertEquals(59.94, v.frameRate(), 0.001);
        assertEquals(270, v.rotation());
        assertEquals(2160, v.displayWidth());
        assertTrue(v.isHdr());
        assertEquals(6, m.audio().orElseThrow().channels());
        assertEquals(48000, m.audio().orElseThrow().sampleRate());
    }

    @Test
    void probeJson_songWithCoverArt_isAudio() {
        String json = """
                {"streams":[{"index":0,"codec_name":"mp3","codec_type":"audio","channels":2},
                 {"index":1,"codec_name":"png","codec_type":"video","width":500,"height":500,
                  "disposition":{"attached_pic":1}}],
                 "format":{"format_name":"mp3","duration":"180.5"}}
                """;
        assertEquals(MediaKind.AUDIO, ProbeParser.parse(json, "song.mp3").kind());
    }

    @Test
    void probeJson_stills_areImages() {
        String png = """
                {"streams":[{"index":0,"codec_name":"png","codec_type":"video","width":4000,"height":3000}],
                 "format":{"format_name":"png_pipe"}}
                """;
        String tiffInImage2 = """
                {"streams":[{"index":0,"codec_name":"tiff","codec_type":"video","width":10,"height":10}],
                 "format":{"format_name":"image2","duration":"0.040000"}}
                """;
        assertEquals(MediaKind.IMAGE, ProbeParser.parse(png, "a.png").kind());
        MediaInfo tiff = ProbeParser.parse(tiffInImage2, "a.tif");
        assertEquals(MediaKind.IMAGE, tiff.kind());
        assertEquals(Duration.ZERO, tiff.duration());
    }

    @Test
    void probeJson_subtitlesOnly_isOther() {
        String json = """
                {"streams":[{"index":0,"codec_name":"subrip","codec_type":"subtitle"}],
                 "format":{"format_name":"srt","duration":"60"}}
                """;
        assertEquals(MediaKind.OTHER, ProbeParser.parse(json, "a.srt").kind());
    }

    @Test
    void probeJson_garbage_namesTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProbeParser.parse("not json", "clip.mxf"));
        assertTrue(e.getMessage().contains("clip.mxf"));
    }
}
