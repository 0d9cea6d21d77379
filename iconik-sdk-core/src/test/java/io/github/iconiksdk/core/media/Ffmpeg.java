// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.core.media.internal.TechnicalMetadata;
import io.github.iconiksdk.testing.RequiredTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real ffmpeg and ffprobe for core's tests: media generated here, and what ffprobe itself prints about it, read
 * as plain JSON (not through the SDK's parser), so that tests compare the SDK's reading with the tool's own. A test
 * that calls it is skipped where the tools are missing ({@link RequiredTools#ffmpeg()}).
 */
public final class Ffmpeg {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Ffmpeg() {
    }

    /**
     * Runs ffmpeg quietly, overwriting; fails the test with ffmpeg's output when it fails.
     *
     * @param args the arguments, the output file last
     */
    public static void run(String... args) throws Exception {
        RequiredTools.ffmpeg();
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, cmd + ": " + log);
    }

    /**
     * Makes {@code out} (and its folder) with ffmpeg.
     *
     * @param out  the file to write
     * @param args the arguments before the output file
     * @return {@code out}
     */
    public static Path make(Path out, String... args) throws Exception {
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<String> all = new ArrayList<>(List.of(args));
        all.add(out.toString());
        run(all.toArray(String[]::new));
        return out;
    }

    /**
     * @param file a media file
     * @return what {@code ffprobe -show_format -show_streams} prints for it
     */
    public static JsonNode probe(Path file) throws Exception {
        RequiredTools.ffmpeg();
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-of", "json", "-show_format", "-show_streams",
                file.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffprobe failed for " + file);
        return JSON.readTree(out);
    }

    /**
     * @param probe what {@link #probe} returned
     * @param type  {@code video}, {@code audio}, …
     * @return the first stream of that type
     * @throws AssertionError if there is none
     */
    public static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.path("streams")) {
            if (type.equals(s.path("codec_type").asText())) {
                return s;
            }
        }
        throw new AssertionError("no " + type + " stream in " + probe);
    }

    /**
     * @param fraction a rate as ffprobe prints it, e.g. {@code 30000/1001}
     * @return the rate as the SDK writes it to iconik
     */
    public static String rate(String fraction) {
        String[] p = fraction.split("/");
        return TechnicalMetadata.rate(Double.parseDouble(p[0]) / Double.parseDouble(p[1]));
    }
}
