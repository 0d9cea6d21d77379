// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.watchfolder;

import io.github.iconiksdk.testing.RequiredTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test media made with the real ffmpeg, and what ffprobe says of a proxy; a test that needs them skips without. */
final class Media {

    private Media() {
    }

    /** A one-second test pattern of the given size, in an MP4 container named as the caller wishes (a ".braw"). */
    static Path clip(Path file, int width, int height) throws IOException, InterruptedException {
        RequiredTools.ffmpeg();
        Files.createDirectories(file.getParent());
        run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=" + width + "x" + height + ":rate=10:duration=1", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4", file.toString()));
        return file;
    }

    /** The width and height of a video's first stream, as {@code "WxH"}. */
    static String size(Path video) throws IOException, InterruptedException {
        RequiredTools.ffmpeg();
        return run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=width,height", "-of", "csv=s=x:p=0", video.toString())).strip();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
        return out;
    }
}
