// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.raw;

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
import io.github.iconiksdk.transcoder.raw.internal.Jpeg;
import io.github.iconiksdk.transcoder.raw.internal.RawIdentity;
import io.github.iconiksdk.transcoder.raw.internal.Tool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Makes iconik's image proxy ({@code proxy.jpg}, fitting the request's image proxy box) and keyframe
 * ({@code keyframe.jpg}, 320 px wide) of a camera RAW still with LibRaw's command-line programs (Debian package
 * {@code libraw-bin}): {@code raw-identify} to read the size, rotation and embedded preview, {@code simple_dcraw -e}
 * to take the embedded preview JPEG, {@code dcraw_emu} to decode the raw picture.
 *
 * <p>Which picture: with {@link PreviewUse#WHEN_LARGE_ENOUGH} (the default) the embedded preview is used when, as
 * displayed, it is at least as large as the proxy to make; otherwise (no preview, or a small one: older cameras
 * embed 160x120 or 1616x1080) the raw is decoded, at half size when that is still large enough (twice as fast). The
 * preview is a camera-rendered JPEG: taking it costs a file read, decoding costs a demosaic (see docs/plugins.md for
 * the measurement). The preview is stored unrotated, so the file's orientation is applied to it here;
 * {@code dcraw_emu} applies it itself.
 *
 * <p>The tools write next to their input, so they work on a link to the source in a working folder inside the
 * output folder; nothing is ever written beside the source, and the working folder is removed whatever happens.
 * Thread-safe; at most {@code maxConcurrentJobs} files are processed at once.
 */
public final class RawTranscoder implements Transcoder {

    /** The plugin's name, as errors and logs show it. */
    public static final String PLUGIN = "raw";
    /** The keyframe's width in pixels, as FFmpeg's. */
    public static final int KEYFRAME_WIDTH = 320;
    /** File extensions (lower case) of the RAW formats this plugin claims. */
    public static final Set<String> EXTENSIONS = Set.of("dng", "cr2", "cr3", "crw", "nef", "nrw", "arw", "srf",
            "sr2", "raf", "orf", "rw2", "pef", "srw", "3fr", "iiq", "rwl");

    private static final Logger LOG = LoggerFactory.getLogger(RawTranscoder.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    /** Whether the embedded preview may stand in for a decode. */
    public enum PreviewUse {
        /** Use the preview when, as displayed, it is at least as large as the proxy. */
        WHEN_LARGE_ENOUGH,
        /** Always decode the raw picture. */
        NEVER
    }

    private final Path rawIdentify;
    private final Path dcrawEmu;
    private final Path simpleDcraw;
    private final PreviewUse previewUse;
    private final Semaphore jobs;

    private RawTranscoder(Builder b) {
        this.rawIdentify = find(b.toolsDir, "raw-identify");
        this.dcrawEmu = find(b.toolsDir, "dcraw_emu");
        this.simpleDcraw = find(b.toolsDir, "simple_dcraw");
        this.previewUse = b.previewUse;
        this.jobs = new Semaphore(b.maxConcurrentJobs, true);
    }

    /** @return a builder: tools on {@code PATH}, previews when large enough, jobs as half the processors */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether this plugin claims a file, by its extension.
     *
     * @param file a file
     * @return {@code true} for the RAW formats in {@link #EXTENSIONS}
     */
    public static boolean isRaw(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Reads a RAW file's size and orientation with {@code raw-identify}.
     *
     * @param source the RAW file
     * @return an {@link MediaKind#IMAGE} whose one {@code "video"} stream has codec {@code "raw"} and the size as
     *         displayed (rotation already applied, so the stream's rotation is 0); container is the extension
     * @throws TranscodeException if LibRaw does not recognise the file; the message carries its error line
     */
    @Override
    public MediaInfo probe(Path source) {
        RawIdentity id = identify(source);
        return describe(source, id);
    }

    /**
     * Makes the image proxy and keyframe.
     *
     * @param request  the RAW file and the output folder
     * @param progress receives files made ({@code "files"})
     * @return the image proxy and the keyframe
     * @throws TranscodeException if LibRaw cannot read or decode the file, a tool times out, or the thread is
     *                            interrupted
     */
    @Override
    public TranscodeResult transcode(TranscodeRequest request, ProgressListener progress) {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        Path source = request.source();
        try {
            jobs.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscodeException(PLUGIN + ": cancelled before processing " + source, -1, List.of(), e);
        }
        Path work = null;
        try {
            RawIdentity id = identify(source);
            Files.createDirectories(request.outputDir());
            work = Files.createTempDirectory(request.outputDir(), ".raw-work-");
            Path link = work.resolve("source." + extensionOf(source));
            Files.createSymbolicLink(link, source.toAbsolutePath());
            double fit = Math.min(1.0, Math.min((double) request.imageProxyWidth() / id.outputWidth(),
                    (double) request.imageProxyHeight() / id.outputHeight()));
            int proxyWidth = (int) Math.round(id.outputWidth() * fit);
            int proxyHeight = (int) Math.round(id.outputHeight() * fit);

            BufferedImage picture = null;
            if (previewUse == PreviewUse.WHEN_LARGE_ENOUGH && id.thumbDisplayWidth() >= proxyWidth
                    && id.thumbDisplayHeight() >= proxyHeight) {
                picture = preview(link, id, request.timeout()).orElse(null);
            }
            if (picture == null) {
                boolean half = fit <= 0.5;
                picture = decode(link, source, half, request.timeout());
            }
            listener.onProgress(new Progress("transcode " + source.getFileName(), 1, 3, Progress.Unit.FILES));
            BufferedImage proxy = Jpeg.fit(picture, request.imageProxyWidth(), request.imageProxyHeight());
            BufferedImage keyframe = Jpeg.toWidth(picture, KEYFRAME_WIDTH);
            Jpeg.write(proxy, work.resolve("proxy.jpg"));
            Jpeg.write(keyframe, work.resolve("keyframe.jpg"));
            Path proxyFile = request.outputDir().resolve("proxy.jpg");
            Path keyframeFile = request.outputDir().resolve("keyframe.jpg");
            Files.move(work.resolve("proxy.jpg"), proxyFile, StandardCopyOption.REPLACE_EXISTING);
            Files.move(work.resolve("keyframe.jpg"), keyframeFile, StandardCopyOption.REPLACE_EXISTING);
            listener.onProgress(new Progress("transcode " + source.getFileName(), 3, 3, Progress.Unit.FILES));
            return new TranscodeResult(describe(source, id), List.of(
                    new Rendition(RenditionKind.IMAGE_PROXY, proxyFile, "image/jpeg", proxy.getWidth(),
                            proxy.getHeight(), null),
                    new Rendition(RenditionKind.KEYFRAME, keyframeFile, "image/jpeg", keyframe.getWidth(),
                            keyframe.getHeight(), null)));
        } catch (IOException e) {
            throw new TranscodeException(PLUGIN + ": cannot make renditions of " + source + ": " + e, -1,
                    List.of(), e);
        } finally {
            deleteTree(work);
            jobs.release();
        }
    }

    private RawIdentity identify(Path source) {
        if (!Files.isRegularFile(source)) {
            throw new TranscodeException(PLUGIN + ": " + source + " is not a readable file", -1, List.of(), null);
        }
        Path dir = source.toAbsolutePath().getParent();
        Tool.Result r = Tool.run(List.of(rawIdentify.toString(), "-v", source.toAbsolutePath().toString()), dir,
                PROBE_TIMEOUT, "identify " + source);
        return RawIdentity.parse(r.out()).orElseThrow(() -> new TranscodeException(PLUGIN + ": LibRaw does not "
                + "read " + source + " as a camera RAW file", r.exitCode(), r.errLines(), null));
    }

    private static MediaInfo describe(Path source, RawIdentity id) {
        StreamInfo picture = new StreamInfo(0, "video", "raw", id.outputWidth(), id.outputHeight(), 0, 0, null,
                null, 0, 0);
        return new MediaInfo(MediaKind.IMAGE, extensionOf(source), Duration.ZERO, 0, List.of(picture));
    }

    /** The embedded preview, rotated as the file says; empty if it is not a JPEG or cannot be read. */
    private Optional<BufferedImage> preview(Path link, RawIdentity id, Duration timeout) throws IOException {
        Tool.run(List.of(simpleDcraw.toString(), "-e", link.getFileName().toString()), link.getParent(), timeout,
                "extract the preview of " + link);
        Path jpeg = link.resolveSibling(link.getFileName() + ".thumb.jpg");
        if (!Files.isRegularFile(jpeg)) {
            LOG.debug("{}: no JPEG preview in {}; decoding instead", PLUGIN, link.toRealPath());
            return Optional.empty();
        }
        BufferedImage stored = ImageIO.read(jpeg.toFile());
        return stored == null ? Optional.empty() : Optional.of(rotate(stored, id.flip()));
    }

    private BufferedImage decode(Path link, Path source, boolean half, Duration timeout) throws IOException {
        Path tiff = link.resolveSibling("decoded.tiff");
        List<String> command = new java.util.ArrayList<>(List.of(dcrawEmu.toString(), "-w", "-T"));
        if (half) {
            command.add("-h");
        }
        command.addAll(List.of("-Z", tiff.getFileName().toString(), link.getFileName().toString()));
        Tool.Result r = Tool.run(command, link.getParent(), timeout, "decode " + source);
        if (!Files.isRegularFile(tiff)) {
            throw new TranscodeException(PLUGIN + ": dcraw_emu could not decode " + source, r.exitCode(),
                    r.errLines(), null);
        }
        BufferedImage image = ImageIO.read(tiff.toFile());
        if (image == null) {
            throw new TranscodeException(PLUGIN + ": the picture dcraw_emu decoded from " + source
                    + " cannot be read", r.exitCode(), r.errLines(), null);
        }
        return image;
    }

    /** Applies a dcraw flip code: 3 half turn, 5 quarter turn counter-clockwise, 6 quarter turn clockwise. */
    static BufferedImage rotate(BufferedImage in, int flip) {
        int w = in.getWidth();
        int h = in.getHeight();
        AffineTransform t;
        int ow = w;
        int oh = h;
        switch (flip) {
            case 3 -> t = new AffineTransform(-1, 0, 0, -1, w, h);
            case 6 -> {
                t = new AffineTransform(0, 1, -1, 0, h, 0);
                ow = h;
                oh = w;
            }
            case 5 -> {
                t = new AffineTransform(0, -1, 1, 0, 0, w);
                ow = h;
                oh = w;
            }
            default -> {
                return in;
            }
        }
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(in, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static String extensionOf(Path file) {
        String s = Objects.requireNonNull(file.getFileName(), "file name").toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(dot + 1).toLowerCase(Locale.ROOT) : "raw";
    }

    private static Path find(Path dir, String tool) {
        if (dir != null) {
            Path p = dir.resolve(tool);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new TranscodeException(PLUGIN + ": " + tool + " not found in " + dir
                    + "; install LibRaw's programs (Debian package libraw-bin)", -1, List.of(), null);
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return Path.of(d, tool);
            }
        }
        throw new TranscodeException(PLUGIN + ": " + tool + " not found on PATH; install LibRaw's programs "
                + "(Debian package libraw-bin)", -1, List.of(), null);
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

    /** Builds a {@link RawTranscoder}; not thread-safe. */
    public static final class Builder {
        private Path toolsDir;
        private PreviewUse previewUse = PreviewUse.WHEN_LARGE_ENOUGH;
        private int maxConcurrentJobs = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

        private Builder() {
        }

        /**
         * @param dir the folder holding {@code raw-identify}, {@code dcraw_emu} and {@code simple_dcraw}, or
         *            {@code null} to look them up on {@code PATH}
         * @return this builder
         */
        public Builder toolsDir(Path dir) {
            this.toolsDir = dir;
            return this;
        }

        /**
         * @param use whether the embedded preview may stand in for a decode
         * @return this builder
         */
        public Builder previewUse(PreviewUse use) {
            this.previewUse = Objects.requireNonNull(use, "use");
            return this;
        }

        /**
         * @param jobs how many files may be processed at once, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code jobs} is below 1
         */
        public Builder maxConcurrentJobs(int jobs) {
            if (jobs < 1) {
                throw new IllegalArgumentException("maxConcurrentJobs must be at least 1, got " + jobs);
            }
            this.maxConcurrentJobs = jobs;
            return this;
        }

        /**
         * @return the transcoder
         * @throws TranscodeException if a LibRaw program is missing; the message names it and the Debian package
         */
        public RawTranscoder build() {
            return new RawTranscoder(this);
        }
    }
}
