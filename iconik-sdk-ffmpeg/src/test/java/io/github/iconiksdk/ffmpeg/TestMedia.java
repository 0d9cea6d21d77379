// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Media made by real ffmpeg from its lavfi sources ({@code testsrc2}, {@code sine}), once per JVM and shared by the
 * tests; nothing binary is kept in git.
 */
final class TestMedia {

    private static final Path DIR;
    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();

    static {
        try {
            DIR = Files.createTempDirectory("iconik-ffmpeg-media-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var walk = Files.walk(DIR)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: a temporary folder
            }
        }));
    }

    private TestMedia() {
    }

    /** A clip with a moving test pattern and a tone, H.264 + AAC in MP4, moov at the end. */
    static Path video(String size, String rate, double seconds) {
        String name = "video-" + size + "-" + rate.replace('/', '_') + "-" + seconds + ".mp4";
        return make(name, "-f", "lavfi", "-i", "testsrc2=s=" + size + ":r=" + rate + ":d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
    }

    /** A silent clip, for long-running transcodes (cancellation, timeout). */
    static Path silentVideo(String size, double seconds) {
        return make("silent-" + size + "-" + seconds + ".mp4", "-f", "lavfi",
                "-i", "testsrc2=s=" + size + ":r=30:d=" + seconds, "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p");
    }

    /** A 640x360 clip whose display matrix turns it a quarter turn (portrait phone video). */
    static Path rotatedVideo() {
        Path plain = video("640x360", "30", 2);
        return make("rotated.mp4", "-i", plain.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90");
    }

    /** A 10-bit PQ-tagged clip (H.264 High 10, BT.2020, SMPTE 2084). */
    static Path pqVideo() {
        return make("pq10.mp4", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=2", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p10le", "-color_trc", "smpte2084",
                "-color_primaries", "bt2020", "-colorspace", "bt2020nc");
    }

    /** A stereo WAV. */
    static Path wav(double seconds) {
        return make("tone-" + seconds + ".wav", "-f", "lavfi", "-i", "sine=f=220:sample_rate=44100:d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=330:sample_rate=44100:d=" + seconds,
                "-filter_complex", "[0:a][1:a]amerge=inputs=2[a]", "-map", "[a]", "-c:a", "pcm_s16le");
    }

    /** A PNG still. */
    static Path png(int width, int height) {
        return make("still-" + width + "x" + height + ".png", "-f", "lavfi",
                "-i", "testsrc2=s=" + width + "x" + height + ":r=1:d=1", "-frames:v", "1", "-update", "1");
    }

    /** The first {@code bytes} of a file, as a copy cut short mid-transfer would be. */
    static Path truncated(Path whole, long bytes, String name) {
        return MADE.computeIfAbsent(name, n -> {
            try {
                Path out = DIR.resolve(n);
                byte[] all = Files.readAllBytes(whole);
                Files.write(out, java.util.Arrays.copyOf(all, (int) Math.min(bytes, all.length)));
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A clip with the moov atom in front (as a proxy or a camera writes it). */
    static Path faststartVideo() {
        Path plain = video("1280x720", "30", 4);
        return make("faststart.mp4", "-i", plain.toString(), "-c", "copy", "-movflags", "+faststart");
    }

    /** A text file named like a QuickTime movie. */
    static Path textAsMov() {
        return MADE.computeIfAbsent("notes.mov", n -> {
            try {
                return Files.writeString(DIR.resolve(n), "Shot list for day 2\nA001: wide\nA002: close-up\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Path make(String name, String... args) {
        return MADE.computeIfAbsent(name, n -> {
            Path out = DIR.resolve(n);
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                    "-y"));
            cmd.addAll(List.of(args));
            cmd.add(out.toString());
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("could not make test media " + cmd + ": " + output);
                }
                return out;
            } catch (IOException e) {
                throw new IllegalStateException("ffmpeg is needed to run these tests (apt-get install ffmpeg)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
