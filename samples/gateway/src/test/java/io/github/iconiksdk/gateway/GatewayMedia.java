// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import io.github.iconiksdk.testing.RequiredTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small media for gateway tests, made by the real ffmpeg from its lavfi sources (no binary media in git); a test that
 * makes some is skipped where ffmpeg is missing ({@link RequiredTools#ffmpeg()}).
 */
final class GatewayMedia {

    private GatewayMedia() {
    }

    /** A 2 s 320x240 H.264 + AAC clip. */
    static void video(Path out) {
        ffmpeg(out, "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-f", "lavfi", "-i",
                "sine=f=440:sample_rate=48000:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest", "-f", "mp4");
    }

    /** A 2 s stereo WAV. */
    static void audio(Path out) {
        ffmpeg(out, "-f", "lavfi", "-i", "sine=f=220:sample_rate=44100:d=2", "-ac", "2", "-f", "wav");
    }

    /** A 400x300 PNG still. */
    static void image(Path out) {
        image(out, "400x300");
    }

    /** A PNG still of the size given ({@code "WxH"}). */
    static void image(Path out, String size) {
        ffmpeg(out, "-f", "lavfi", "-i", "testsrc2=s=" + size + ":d=1", "-frames:v", "1", "-f", "image2",
                "-c:v", "png");
    }

    private static void ffmpeg(Path out, String... args) {
        RequiredTools.ffmpeg();
        try {
            Files.createDirectories(out.getParent());
            List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                    "-y"));
            cmd.addAll(List.of(args));
            cmd.add(out.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed making " + out + ": " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("ffmpeg is needed for this test: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5(Path file) {
        try {
            return md5(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
