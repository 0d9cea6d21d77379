// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.pdf.internal;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Scaling and JPEG writing for the renditions. */
public final class Jpeg {

    private Jpeg() {
    }

    /**
     * Scales an image to fit a box, keeping its aspect ratio; never enlarges.
     *
     * @param image     the image
     * @param maxWidth  the box's width
     * @param maxHeight the box's height
     * @return the scaled image, RGB on white
     */
    public static BufferedImage fit(BufferedImage image, int maxWidth, int maxHeight) {
        double f = Math.min(1.0, Math.min((double) maxWidth / image.getWidth(),
                (double) maxHeight / image.getHeight()));
        return scaled(image, (int) Math.round(image.getWidth() * f), (int) Math.round(image.getHeight() * f));
    }

    /**
     * Scales an image to a width, keeping its aspect ratio.
     *
     * @param image the image
     * @param width the width
     * @return the scaled image, RGB on white
     */
    public static BufferedImage toWidth(BufferedImage image, int width) {
        return scaled(image, width, (int) Math.round(image.getHeight() * (double) width / image.getWidth()));
    }

    private static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(source, 0, 0, out.getWidth(), out.getHeight(), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Writes an image as a JPEG of quality 0.85.
     *
     * @param image the image
     * @param file  where
     * @throws IOException if it cannot be written
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
