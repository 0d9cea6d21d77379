// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.sidecar.SidecarFormat;
import io.github.iconiksdk.api.sidecar.SidecarWriter;
import io.github.iconiksdk.core.sidecar.SidecarWriterConfig;
import io.github.iconiksdk.core.sidecar.Sidecars;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's media tree, generated on the spot (no binary media in git): short clips from ffmpeg's {@code testsrc2}
 * and {@code sine} sources, a WAV and two stills written by plain Java, a camera-card style folder, sidecars in
 * JSON, XML and CSV written by the SDK's own {@link SidecarWriter}, and an NLE cache folder that iconik's default
 * ignore patterns keep out.
 */
final class DemoMedia {

    /** The sidecar fields the demo's metadata view holds, in the order they are written. */
    static final List<String> SIDECAR_FIELDS = List.of("card", "scene", "location");

    /** What was made. */
    record Made(List<String> media, List<String> sidecars, List<String> ignored) {
    }

    private final Path root;
    private final Path ffmpeg;
    private final List<String> media = new ArrayList<>();
    private final List<String> sidecars = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();

    /**
     * @param root   the folder to fill (the storage's mount point)
     * @param ffmpeg the ffmpeg executable, or null when there is none (then no video is made)
     */
    DemoMedia(Path root, Path ffmpeg) {
        this.root = root;
        this.ffmpeg = ffmpeg;
    }

    /**
     * Writes the tree. Files that already exist are left as they are.
     *
     * @return the paths made, relative to the root
     * @throws UncheckedIOException if a file cannot be written, or ffmpeg fails
     */
    Made create() {
        try {
            if (ffmpeg != null) {
                video("Clips/harbour_wide.mp4", 2, "320x180", 440);
                video("Clips/harbour_close.mov", 2, "320x180", 660);
                video("CARD_A/A001C001_240101.MOV", 2, "320x180", 550);
                video("CARD_A/A001C002_240101.MOV", 1, "320x180", 330);
            } else {
                // Without ffmpeg the card holds the sound recorder's takes instead of camera clips.
                write("CARD_A/A001C001_240101.WAV", wav(1.0, 550));
                write("CARD_A/A001C002_240101.WAV", wav(0.5, 330));
            }
            write("Audio/room_tone.wav", wav(1.5, 220));
            write("Stills/title_card.png", image("png", "Harbour Doc"));
            write("Stills/location_scout.jpg", image("jpg", "Location scout"));
            String cardClip = ffmpeg != null ? ".MOV" : ".WAV";
            sidecar("CARD_A/A001C001_240101" + cardClip, SidecarFormat.JSON, "A001", "1", "Harbour, North pier");
            sidecar("CARD_A/A001C002_240101" + cardClip, SidecarFormat.XML, "A001", "2", "Harbour, lighthouse");
            sidecar(ffmpeg != null ? "Clips/harbour_wide.mp4" : "Audio/room_tone.wav", SidecarFormat.CSV, "B002",
                    "3", "Harbour, fish market");
            cache("Project/Media Cache Files/harbour_wide 48000.cfa");
            cache("Project/Media Cache Files/harbour_wide 48000.pek");
            cache("Project/Adobe Premiere Pro Auto-Save/Harbour Doc-2024-01-01_12-00-00.prproj");
            return new Made(List.copyOf(media), List.copyOf(sidecars), List.copyOf(ignored));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo files in " + root + ": " + e.getMessage(), e);
        }
    }

    private void video(String path, int seconds, String size, int hz) throws IOException {
        Path out = target(path);
        media.add(path);
        if (Files.exists(out)) {
            return;
        }
        // mpeg4 and aac are FFmpeg's own encoders: present in every build, unlike libx264.
        List<String> cmd = List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=" + hz + ":sample_rate=48000:duration=" + seconds,
                "-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-shortest",
                out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ffmpeg did not make " + path + " within 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + path, e);
        }
        if (p.exitValue() != 0) {
            Files.deleteIfExists(out);
            throw new IOException("ffmpeg could not make " + path + " (exit " + p.exitValue() + "): " + log);
        }
    }

    private void sidecar(String mediaPath, SidecarFormat format, String card, String scene, String location) {
        SidecarWriter writer = Sidecars.writer(SidecarWriterConfig.builder().elements(SIDECAR_FIELDS)
                .format(format).volumeName("DEMO").build());
        MetadataValues values = MetadataValues.builder().add("card", card).add("scene", scene)
                .add("location", location).build();
        SidecarWriter.Result r = writer.write(root.resolve(mediaPath), values);
        r.written().ifPresent(p -> sidecars.add(root.relativize(p).toString().replace('\\', '/')));
    }

    private void cache(String path) throws IOException {
        ignored.add(path);
        Path out = target(path);
        if (!Files.exists(out)) {
            Files.write(out, ("NLE cache data for " + path + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void write(String path, byte[] bytes) throws IOException {
        media.add(path);
        Path out = target(path);
        if (!Files.exists(out)) {
            Files.write(out, bytes);
        }
    }

    private Path target(String path) throws IOException {
        Path out = root.resolve(path);
        Files.createDirectories(out.getParent());
        return out;
    }

    /** A 16-bit mono PCM WAV of a sine tone, written by hand: RIFF header, fmt chunk, data chunk. */
    static byte[] wav(double seconds, int hz) {
        int rate = 48_000;
        int samples = (int) (rate * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (Math.sin(2 * Math.PI * hz * i / rate) * 8000));
        }
        return b.array();
    }

    /** A 640x360 still with a gradient and colour bars that differ by caption, encoded by ImageIO ("png" or "jpg"). */
    static byte[] image(String format, String caption) throws IOException {
        BufferedImage img = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(0x1d3557), 640, 360, new Color(0x2a9d8f)));
            g.fillRect(0, 0, 640, 360);
            // Colour bars, seeded by the caption; no text, which would need fonts a headless box may not have.
            int seed = caption.hashCode();
            for (int i = 0; i < 7; i++) {
                g.setColor(Color.getHSBColor(((seed >>> 3) % 360 + i * 51) % 360 / 360f, 0.7f, 0.95f));
                g.fillRect(40 + i * 80, 120, 70, 120);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("this Java has no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }
}
