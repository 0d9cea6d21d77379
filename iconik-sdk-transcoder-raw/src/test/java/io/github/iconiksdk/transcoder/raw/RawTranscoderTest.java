// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.raw;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.testing.RequiredTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RAW plugin on DNGs the test writes ({@link TestDng}: a real DNG with a LinearRaw picture and an embedded JPEG
 * preview), decoded by the real LibRaw programs. The scene's white quarter is top-left when upright, so where it
 * lands in the proxy shows whether the orientation was honoured.
 */
class RawTranscoderTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void libraw() {
        RequiredTools.libraw();
    }

    private static RawTranscoder raw(RawTranscoder.PreviewUse use) {
        return RawTranscoder.builder().previewUse(use).maxConcurrentJobs(1).build();
    }

    /** Which quarter of an image is white: "top-left", "top-right", "bottom-left" or "bottom-right". */
    static String whiteQuarter(Path jpeg) throws IOException {
        BufferedImage i = ImageIO.read(jpeg.toFile());
        String best = null;
        int brightest = -1;
        for (String q : List.of("top-left", "top-right", "bottom-left", "bottom-right")) {
            int x = q.endsWith("left") ? i.getWidth() / 4 : 3 * i.getWidth() / 4;
            int y = q.startsWith("top") ? i.getHeight() / 4 : 3 * i.getHeight() / 4;
            int rgb = i.getRGB(x, y);
            int lum = ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
            if (lum > brightest) {
                brightest = lum;
                best = q;
            }
        }
        return best;
    }

    @ParameterizedTest(name = "orientation {0}, {2}")
    @CsvSource({
            "1, 600x400, NEVER, top-left",
            "6, 400x600, NEVER, top-right",
            "8, 400x600, NEVER, bottom-left",
            "3, 600x400, NEVER, bottom-right",
            "1, 600x400, WHEN_LARGE_ENOUGH, top-left",
            "6, 400x600, WHEN_LARGE_ENOUGH, top-right",
            "8, 400x600, WHEN_LARGE_ENOUGH, bottom-left",
            "3, 600x400, WHEN_LARGE_ENOUGH, bottom-right"})
    void dng_givesImageProxyAndKeyframe_displayedAsTheOrientationTagSays(int orientation, String size,
            RawTranscoder.PreviewUse use, String white) throws Exception {
        // preview as large as the picture, so WHEN_LARGE_ENOUGH takes it and NEVER decodes
        Path dng = TestDng.write(tmp.resolve("IMG_0001.dng"), TestDng.scene(600, 400), orientation, 600);
        Path out = tmp.resolve("out");

        TranscodeResult result = raw(use).transcode(TranscodeRequest.builder(dng, out).build(), null);

        Rendition proxy = result.first(RenditionKind.IMAGE_PROXY).orElseThrow();
        BufferedImage image = ImageIO.read(proxy.file().toFile());
        assertEquals(size, image.getWidth() + "x" + image.getHeight());
        assertEquals(white, whiteQuarter(proxy.file()));
        Rendition keyframe = result.first(RenditionKind.KEYFRAME).orElseThrow();
        assertEquals(320, ImageIO.read(keyframe.file().toFile()).getWidth());
        assertEquals(white, whiteQuarter(keyframe.file()));
        assertEquals(size, result.source().video().orElseThrow().width() + "x"
                + result.source().video().orElseThrow().height());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of("keyframe.jpg", "proxy.jpg"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no working folder left");
        }
        try (Stream<Path> beside = Files.list(tmp)) {
            assertEquals(List.of("IMG_0001.dng", "out"), beside.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "nothing written beside the source");
        }
    }

    @Test
    void smallPreview_isNotUsed_theRawIsDecodedToTheProxySize() throws Exception {
        Path dng = TestDng.write(tmp.resolve("small-preview.dng"), TestDng.scene(600, 400), 6, 160);
        TranscodeResult result = raw(RawTranscoder.PreviewUse.WHEN_LARGE_ENOUGH)
                .transcode(TranscodeRequest.builder(dng, tmp.resolve("out")).build(), null);
        Rendition proxy = result.first(RenditionKind.IMAGE_PROXY).orElseThrow();
        assertEquals(400, proxy.width(), "full size from the decode, not the 160 px preview");
        assertEquals("top-right", whiteQuarter(proxy.file()));
    }

    @Test
    void noPreview_isDecoded() throws Exception {
        Path dng = TestDng.write(tmp.resolve("bare.dng"), TestDng.scene(600, 400), 1, 0);
        TranscodeResult result = raw(RawTranscoder.PreviewUse.WHEN_LARGE_ENOUGH)
                .transcode(TranscodeRequest.builder(dng, tmp.resolve("out")).build(), null);
        assertEquals(600, result.first(RenditionKind.IMAGE_PROXY).orElseThrow().width());
    }

    @Test
    void largeRaw_isDecodedAtHalfSize_whenHalfStillFillsTheProxy() throws Exception {
        Path dng = TestDng.write(tmp.resolve("big.dng"), TestDng.scene(1200, 800), 1, 0);
        TranscodeResult result = raw(RawTranscoder.PreviewUse.NEVER).transcode(
                TranscodeRequest.builder(dng, tmp.resolve("out")).imageProxyResolution(400, 400).build(), null);
        assertEquals(400, result.first(RenditionKind.IMAGE_PROXY).orElseThrow().width());
        assertEquals("top-left", whiteQuarter(result.first(RenditionKind.IMAGE_PROXY).orElseThrow().file()));
    }

    @Test
    void probe_readsSizeAsDisplayed() throws Exception {
        Path dng = TestDng.write(tmp.resolve("p.dng"), TestDng.scene(600, 400), 6, 0);
        MediaInfo info = raw(RawTranscoder.PreviewUse.NEVER).probe(dng);
        assertEquals("dng", info.container());
        assertEquals(400, info.video().orElseThrow().width());
        assertEquals(600, info.video().orElseThrow().height());
    }

    @Test
    void notARaw_failsNamingTheFile() throws Exception {
        Path fake = Files.writeString(tmp.resolve("fake.nef"), "not a raw file");
        TranscodeException e = assertThrows(TranscodeException.class, () -> raw(RawTranscoder.PreviewUse.NEVER)
                .transcode(TranscodeRequest.builder(fake, tmp.resolve("out")).build(), null));
        assertTrue(e.getMessage().contains(fake.toString()), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")) && Files.list(tmp.resolve("out")).findAny().isPresent());
    }

    @Test
    void claims_rawExtensionsOnly_andServiceLoaderFindsTheProvider() {
        RawTranscoderProvider provider = new RawTranscoderProvider();
        for (String name : List.of("a.dng", "b.CR2", "c.cr3", "d.nef", "e.ARW")) {
            assertTrue(provider.claims(Path.of(name)), name);
        }
        assertFalse(provider.claims(Path.of("a.tif")));
        assertFalse(provider.claims(Path.of("dng")));
        assertTrue(TranscoderProvider.installed().stream().anyMatch(p -> p.name().equals("raw")
                && p.isAvailable()));
    }
}
