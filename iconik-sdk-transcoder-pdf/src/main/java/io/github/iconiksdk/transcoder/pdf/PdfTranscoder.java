// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.pdf;

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
import io.github.iconiksdk.transcoder.pdf.internal.Jpeg;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Makes iconik's renditions of a PDF document with Apache PDFBox: {@code proxy.jpg} (page 1, fitting the request's
 * image proxy box), {@code poster.jpg} (page 1, fitting the video proxy box, as FFmpeg's poster does) and
 * {@code keyframes/NNNN.jpg} (pages 1 to 10 at most, 320 px wide; page N's keyframe has position N-1 seconds, so
 * iconik shows them in page order). Pages are rendered as displayed (their {@code /Rotate} honoured).
 *
 * <p>An encrypted document that needs a password to open, or a file that is not a readable PDF, fails with a
 * {@link TranscodeException} saying so; the caller registers the file all the same. Outputs are written in a
 * working folder and moved into place when every page is done; on failure nothing is left. Thread-safe; at most
 * {@code maxConcurrentJobs} documents render at once.
 *
 * <pre>{@code
 * Transcoder pdf = new PdfTranscoder(2);
 * TranscodeResult r = pdf.transcode(TranscodeRequest.builder(Path.of("brief.pdf"), renditionsDir).build(), null);
 * }</pre>
 */
public final class PdfTranscoder implements Transcoder {

    /** The plugin's name, as errors and logs show it. */
    public static final String PLUGIN = "pdf";
    /** The most pages that get a keyframe. */
    public static final int MAX_KEYFRAME_PAGES = 10;
    /** The keyframes' width in pixels, as FFmpeg's. */
    public static final int KEYFRAME_WIDTH = 320;
    /** The most pixels one page render may have (a 1x1-inch page at the largest proxy box would need far more). */
    static final long MAX_RENDER_PIXELS = 40_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(PdfTranscoder.class);

    private final Semaphore jobs;

    /**
     * Creates the transcoder.
     *
     * @param maxConcurrentJobs how many documents may render at once, at least 1
     * @throws IllegalArgumentException if {@code maxConcurrentJobs} is below 1
     */
    public PdfTranscoder(int maxConcurrentJobs) {
        if (maxConcurrentJobs < 1) {
            throw new IllegalArgumentException("maxConcurrentJobs must be at least 1, got " + maxConcurrentJobs);
        }
        this.jobs = new Semaphore(maxConcurrentJobs, true);
    }

    /**
     * Whether a file is a PDF, by its name ({@code .pdf}) or its content (the {@code %PDF-} header within the first
     * 1024 bytes, as the PDF specification allows).
     *
     * @param file a file
     * @return {@code true} if it is named or starts like a PDF; {@code false} if it cannot be read
     */
    public static boolean looksLikePdf(Path file) {
        Path name = file.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            return true;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(1024);
            String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
            return text.contains("%PDF-");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads a PDF's page count and first page's size.
     *
     * @param source the PDF
     * @return an {@link MediaKind#IMAGE} with container {@code "pdf"} and one {@code "video"} stream of codec
     *         {@code "pdf"} whose size is page 1's in points (1/72 inch) as displayed
     * @throws TranscodeException if the file is encrypted, not a PDF, or has no pages
     */
    @Override
    public MediaInfo probe(Path source) {
        try (PDDocument doc = open(source)) {
            return describe(source, doc);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    /**
     * Renders the poster, the image proxy and the page keyframes.
     *
     * @param request  the PDF and the output folder; the timeout is checked between pages
     * @param progress receives pages rendered ({@code "files"})
     * @return the renditions: image proxy, poster, then keyframes in page order
     * @throws TranscodeException if the file is encrypted, broken, times out, or the thread is interrupted
     */
    @Override
    public TranscodeResult transcode(TranscodeRequest request, ProgressListener progress) {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        Path source = request.source();
        try {
            jobs.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeException(PLUGIN + ": cancelled before rendering " + source, -1, List.of(), e);
        }
        Path work = null;
        try (PDDocument doc = open(source)) {
            MediaInfo media = describe(source, doc);
            long deadline = System.nanoTime() + request.timeout().toNanos();
            int pages = Math.min(doc.getNumberOfPages(), MAX_KEYFRAME_PAGES);
            String task = "render " + source.getFileName();
            PDFRenderer renderer = new PDFRenderer(doc);
            renderer.setSubsamplingAllowed(true);
            Files.createDirectories(request.outputDir());
            work = Files.createTempDirectory(request.outputDir(), ".pdf-work-");
            Files.createDirectories(work.resolve("keyframes"));

            BufferedImage first = render(renderer, doc.getPage(0), 0, request.imageProxyWidth(),
                    request.imageProxyHeight());
            BufferedImage proxy = Jpeg.fit(first, request.imageProxyWidth(), request.imageProxyHeight());
            BufferedImage poster = Jpeg.fit(first, request.proxyWidth(), request.proxyHeight());
            Jpeg.write(proxy, work.resolve("proxy.jpg"));
            Jpeg.write(poster, work.resolve("poster.jpg"));
            List<Rendition> renditions = new ArrayList<>();
            renditions.add(new Rendition(RenditionKind.IMAGE_PROXY, request.outputDir().resolve("proxy.jpg"),
                    "image/jpeg", proxy.getWidth(), proxy.getHeight(), null));
            renditions.add(new Rendition(RenditionKind.POSTER, request.outputDir().resolve("poster.jpg"),
                    "image/jpeg", poster.getWidth(), poster.getHeight(), Duration.ZERO));
            for (int i = 0; i < pages; i++) {
                checkTime(source, deadline, request.timeout());
                BufferedImage page = i == 0 ? first : render(renderer, doc.getPage(i), i, KEYFRAME_WIDTH * 2,
                        KEYFRAME_WIDTH * 4);
                BufferedImage keyframe = Jpeg.toWidth(page, KEYFRAME_WIDTH);
                String name = String.format(Locale.ROOT, "%04d.jpg", i + 1);
                Jpeg.write(keyframe, work.resolve("keyframes").resolve(name));
                renditions.add(new Rendition(RenditionKind.KEYFRAME,
                        request.outputDir().resolve("keyframes").resolve(name), "image/jpeg", keyframe.getWidth(),
                        keyframe.getHeight(), Duration.ofSeconds(i)));
                listener.onProgress(new Progress(task, i + 1, pages, Progress.Unit.FILES));
            }
            publish(work, request.outputDir());
            LOG.debug("{}: rendered {} with {} keyframes", PLUGIN, source, pages);
            return new TranscodeResult(media, renditions);
        } catch (IOException e) {
            throw unreadable(source, e);
        } finally {
            deleteTree(work);
            jobs.release();
        }
    }

    private static PDDocument open(Path source) throws IOException {
        // parsed streams go to temporary files, not the heap: a hostile PDF's huge streams cost disk, not memory
        return Loader.loadPDF(source.toFile(), "", IOUtils.createTempFileOnlyStreamCache());
    }

    private static MediaInfo describe(Path source, PDDocument doc) {
        if (doc.getNumberOfPages() == 0) {
            throw new TranscodeException(PLUGIN + ": " + source + " is a PDF with no pages", -1, List.of(), null);
        }
        PDPage page = doc.getPage(0);
        PDRectangle box = page.getCropBox();
        int rotation = Math.floorMod(page.getRotation(), 360);
        int width = Math.round(box.getWidth());
        int height = Math.round(box.getHeight());
        StreamInfo picture = new StreamInfo(0, "video", "pdf", rotation % 180 == 0 ? width : height,
                rotation % 180 == 0 ? height : width, 0, 0, null, null, 0, 0);
        return new MediaInfo(MediaKind.IMAGE, "pdf", Duration.ZERO, 0, List.of(picture));
    }

    /** Renders a page as displayed, at the scale that fits a box, within the pixel cap. */
    private static BufferedImage render(PDFRenderer renderer, PDPage page, int index, int maxWidth, int maxHeight)
            throws IOException {
        PDRectangle box = page.getCropBox();
        boolean quarter = Math.floorMod(page.getRotation(), 180) == 90;
        double w = Math.max(1, quarter ? box.getHeight() : box.getWidth());
        double h = Math.max(1, quarter ? box.getWidth() : box.getHeight());
        double scale = Math.min((double) maxWidth / w, (double) maxHeight / h);
        scale = Math.min(scale, Math.sqrt(MAX_RENDER_PIXELS / (w * h)));
        return renderer.renderImage(index, (float) scale, ImageType.RGB);
    }

    private static void checkTime(Path source, long deadline, Duration timeout) {
        if (Thread.currentThread().isInterrupted()) {
            throw new TranscodeException(PLUGIN + ": cancelled while rendering " + source, -1, List.of(), null);
        }
        if (System.nanoTime() > deadline) {
            throw new TranscodeException(PLUGIN + ": rendering " + source + " took longer than the "
                    + timeout.toSeconds() + " s timeout", -1, List.of(), null);
        }
    }

    private static void publish(Path work, Path outputDir) throws IOException {
        Path keyframes = outputDir.resolve("keyframes");
        Files.createDirectories(keyframes);
        try (Stream<Path> pages = Files.list(work.resolve("keyframes"))) {
            for (Path p : pages.sorted().toList()) {
                Files.move(p, keyframes.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(work.resolve("poster.jpg"), outputDir.resolve("poster.jpg"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(work.resolve("proxy.jpg"), outputDir.resolve("proxy.jpg"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static TranscodeException unreadable(Path source, IOException e) {
        if (e instanceof InvalidPasswordException) {
            return new TranscodeException(PLUGIN + ": " + source + " is an encrypted PDF that needs a password to "
                    + "open; no pages can be rendered", -1, List.of(), e);
        }
        return new TranscodeException(PLUGIN + ": " + source + " is not a readable PDF: " + e.getMessage(), -1,
                List.of(), e);
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("{}: could not remove the working folder {}: {}", PLUGIN, dir, e.toString());
        }
    }
}
