// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.samples.plugin;

import io.github.iconiksdk.api.Progress;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.RenditionKind;
import io.github.iconiksdk.api.transcode.StreamInfo;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.Transcoder;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes iconik's image proxy ({@code proxy.jpg}, fitting the request's image proxy box) and image keyframe
 * ({@code keyframe.jpg}, 320 px wide) from a still, in-process with ImageIO. Files are written under temporary
 * names and renamed when both are done, as the {@link Transcoder} contract asks.
 */
public final class ImageIoTranscoder implements Transcoder {

    private static final Map<String, String> CODEC_OF_FORMAT = Map.of("png", "png", "jpeg", "mjpeg", "bmp", "bmp",
            "gif", "gif");

    /** Created by {@link ImageIoTranscoderProvider}. */
    ImageIoTranscoder() {
    }

    @Override
    public MediaInfo probe(Path source) {
        try (ImageInputStream in = ImageIO.createImageInputStream(source.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new TranscodeException(source + " is not an image ImageIO can read", -1, List.of(), null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                String codec = CODEC_OF_FORMAT.getOrDefault(format, format);
                StreamInfo picture = new StreamInfo(0, "video", codec, reader.getWidth(0), reader.getHeight(0), 0, 0,
                        null, null, 0, 0);
                return new MediaInfo(MediaKind.IMAGE, format, Duration.ZERO, 0, List.of(picture));
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new TranscodeException("cannot read " + source + ": " + e.getMessage(), -1, List.of(), e);
        }
    }

    @Override
    public TranscodeResult transcode(TranscodeRequest request, ProgressListener progress) {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        String task = "transcode " + request.source().getFileName();
        MediaInfo media = probe(request.source());
        Path proxyTmp = null;
        Path keyframeTmp = null;
        try {
            BufferedImage image = ImageIO.read(request.source().toFile());
            if (image == null) {
                throw new TranscodeException("ImageIO cannot decode " + request.source(), -1, List.of(), null);
            }
            Files.createDirectories(request.outputDir());
            double fit = Math.min(1.0, Math.min((double) request.imageProxyWidth() / image.getWidth(),
                    (double) request.imageProxyHeight() / image.getHeight()));
            BufferedImage proxy = scaled(image, (int) Math.round(image.getWidth() * fit),
                    (int) Math.round(image.getHeight() * fit));
            BufferedImage keyframe = scaled(image, 320, (int) Math.round(image.getHeight() * 320.0 / image.getWidth()));

            proxyTmp = Files.createTempFile(request.outputDir(), ".proxy-", ".jpg.tmp");
            writeJpeg(proxy, proxyTmp);
            listener.onProgress(new Progress(task, 1, 2, Progress.Unit.FILES));
            keyframeTmp = Files.createTempFile(request.outputDir(), ".keyframe-", ".jpg.tmp");
            writeJpeg(keyframe, keyframeTmp);

            Path proxyFile = request.outputDir().resolve("proxy.jpg");
            Path keyframeFile = request.outputDir().resolve("keyframe.jpg");
            Files.move(proxyTmp, proxyFile, StandardCopyOption.REPLACE_EXISTING);
            Files.move(keyframeTmp, keyframeFile, StandardCopyOption.REPLACE_EXISTING);
            listener.onProgress(new Progress(task, 2, 2, Progress.Unit.FILES));
            return new TranscodeResult(media, List.of(
                    new Rendition(RenditionKind.IMAGE_PROXY, proxyFile, "image/jpeg", proxy.getWidth(),
                            proxy.getHeight(), null),
                    new Rendition(RenditionKind.KEYFRAME, keyframeFile, "image/jpeg", keyframe.getWidth(),
                            keyframe.getHeight(), null)));
        } catch (IOException e) {
            throw new TranscodeException("cannot make renditions of " + request.source() + ": " + e.getMessage(), -1,
                    List.of(), e);
        } finally {
            deleteQuietly(proxyTmp);
            deleteQuietly(keyframeTmp);
        }
    }

    private static BufferedImage scaled(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // JPEG has no transparency: transparent pixels become white, as on a page.
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(source, 0, 0, out.getWidth(), out.getHeight(), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void writeJpeg(BufferedImage image, Path file) throws IOException {
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

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left by a failed run; nothing more to do
            }
        }
    }
}
