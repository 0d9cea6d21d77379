// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.samples.plugin;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.StreamInfo;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The plugin is found by ServiceLoader beside the bundled FFmpeg provider and wins for the images it reads. */
class PluginDiscoveryTest {

    @TempDir
    Path tmp;

    private static MediaInfo image(String codec) {
        return new MediaInfo(MediaKind.IMAGE, codec + "_pipe", Duration.ZERO, 0,
                List.of(new StreamInfo(0, "video", codec, 100, 100, 0, 0, null, null, 0, 0)));
    }

    @Test
    void serviceLoader_findsPluginAndFfmpeg_highestPriorityFirst() {
        List<String> names = TranscoderProvider.installed().stream().map(TranscoderProvider::name).toList();
        assertEquals(List.of("imageio", "ffmpeg"), names);
    }

    @Test
    void select_picksPluginForPng_andFfmpegForWhatThePluginCannotRead() {
        RequiredTools.ffmpeg(); // select() passes over a provider whose tools are missing
        assertEquals("imageio", TranscoderProvider.select(image("png")).orElseThrow().name());
        assertEquals("ffmpeg", TranscoderProvider.select(image("tiff")).orElseThrow().name());
        MediaInfo video = new MediaInfo(MediaKind.VIDEO, "mov", Duration.ofSeconds(5), 0,
                List.of(new StreamInfo(0, "video", "prores", 1920, 1080, 25, 0, null, null, 0, 0)));
        assertEquals("ffmpeg", TranscoderProvider.select(video).orElseThrow().name());
    }

    @Test
    void pluginTranscoder_makesProxyAndKeyframeOfALargePng() throws Exception {
        Path png = tmp.resolve("scan.png");
        BufferedImage picture = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_ARGB);
        picture.setRGB(10, 10, 0xFFFF0000);
        ImageIO.write(picture, "png", png.toFile());
        TranscoderProvider plugin = TranscoderProvider.installed().get(0);
        Path out = tmp.resolve("out");

        MediaInfo info = plugin.transcoder().probe(png);
        TranscodeResult result = plugin.transcoder().transcode(TranscodeRequest.builder(png, out).build(), null);

        assertEquals(4000, info.video().orElseThrow().width());
        assertEquals(2048, result.first(RenditionKind.IMAGE_PROXY).orElseThrow().width());
        assertEquals(1536, ImageIO.read(out.resolve("proxy.jpg").toFile()).getHeight());
        assertEquals(240, ImageIO.read(out.resolve("keyframe.jpg").toFile()).getHeight());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.count(), "no temporary files are left");
        }
    }

    @Test
    void pluginTranscoder_rejectsWhatIsNotAnImage() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.png"), "not a picture");
        TranscodeException e = assertThrows(TranscodeException.class,
                () -> TranscoderProvider.installed().get(0).transcoder().probe(text));
        assertEquals(-1, e.exitCode());
        assertEquals(true, e.getMessage().contains("notes.png"), e.getMessage());
    }
}
