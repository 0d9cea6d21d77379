// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.raw;

import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Measures the camera RAW plugin's two ways to a 2048 px image proxy on one generated Bayer DNG: the embedded
 * preview (a full-size JPEG, as current Canon, Nikon and Fujifilm bodies embed) against a dcraw_emu decode, at half
 * size (what the plugin does when half still fills the proxy) and at full size. Prints wall time per proxy (median
 * of the runs, after one warm-up) and PSNR of the proxy against the scene it was made from. A harness, not a test:
 * run on a quiet machine.
 *
 * <p>Arguments: width height runs (default 6000 4000 5).
 */
public final class RawPreviewVsDecode {

    private RawPreviewVsDecode() {
    }

    /**
     * @param args width, height, runs
     * @throws Exception if a file cannot be written or a tool fails
     */
    public static void main(String[] args) throws Exception {
        int w = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        int h = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("raw-measure-");
        BufferedImage scene = naturalScene(w, h);
        Path dng = TestDng.write(dir.resolve("scene.dng"), scene, 1, Math.max(w, h), true);
        System.out.printf(Locale.ROOT, "scene %dx%d Bayer DNG, %d MB, full-size JPEG preview; proxy box 2048%n", w,
                h, Files.size(dng) >> 20);
        measure("embedded preview", RawTranscoder.builder().maxConcurrentJobs(1).build(), dng, dir, scene, runs,
                2048);
        measure("decode (half size)", RawTranscoder.builder().previewUse(RawTranscoder.PreviewUse.NEVER)
                .maxConcurrentJobs(1).build(), dng, dir, scene, runs, 2048);
        // a proxy box over half the picture's size makes the plugin decode at full size
        int fullBox = Math.min(16000, Math.max(w, h) / 2 + 8);
        measure("decode (full size, box " + fullBox + ")", RawTranscoder.builder()
                .previewUse(RawTranscoder.PreviewUse.NEVER).maxConcurrentJobs(1).build(), dng, dir, scene, runs,
                fullBox);
    }

    private static void measure(String what, RawTranscoder raw, Path dng, Path dir, BufferedImage scene, int runs,
                                int box) throws Exception {
        long[] ms = new long[runs];
        TranscodeResult last = null;
        for (int i = -1; i < runs; i++) {
            Path out = Files.createTempDirectory(dir, "out-");
            long t0 = System.nanoTime();
            last = raw.transcode(TranscodeRequest.builder(dng, out).imageProxyResolution(box, box).build(), null);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
        }
        java.util.Arrays.sort(ms);
        BufferedImage proxy = ImageIO.read(last.first(RenditionKind.IMAGE_PROXY).orElseThrow().file().toFile());
        System.out.printf(Locale.ROOT, "%-34s median %5d ms  (min %d, max %d)  proxy %dx%d  PSNR %.1f dB%n", what,
                ms[runs / 2], ms[0], ms[runs - 1], proxy.getWidth(), proxy.getHeight(), psnr(proxy, scene));
    }

    /** Gradients, fine stripes and noise: detail a demosaic and a JPEG both have to keep. */
    static BufferedImage naturalScene(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 40 + 170 * x / w;
                int g = 40 + 170 * y / h;
                int b = ((x / 24 + y / 24) % 2 == 0) ? 200 : 60;
                int n = random.nextInt(17) - 8;
                img.setRGB(x, y, (clamp(r + n) << 16) | (clamp(g + n) << 8) | clamp(b + n));
            }
        }
        return img;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static double psnr(BufferedImage proxy, BufferedImage scene) {
        BufferedImage ref = new BufferedImage(proxy.getWidth(), proxy.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = ref.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(scene, 0, 0, ref.getWidth(), ref.getHeight(), null);
        g.dispose();
        double se = 0;
        long n = 0;
        for (int y = 0; y < ref.getHeight(); y++) {
            for (int x = 0; x < ref.getWidth(); x++) {
                int a = proxy.getRGB(x, y);
                int b = ref.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    double d = ((a >> s) & 0xFF) - ((b >> s) & 0xFF);
                    se += d * d;
                    n++;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / n));
    }
}
