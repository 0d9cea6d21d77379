// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import io.github.iconiksdk.api.transcode.TranscodeException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ffmpeg and ffprobe executables found on this machine, with the version each reported once.
 *
 * @param ffmpeg         the ffmpeg executable
 * @param ffprobe        the ffprobe executable
 * @param ffmpegVersion  ffmpeg's version string ({@code "5.1.9-0+deb12u1"}, {@code "N-113000-g…"} for git builds)
 * @param major          the release's major number (99 for git builds, which are newer than any release)
 * @param minor          the release's minor number
 * @param hasZscale      whether this ffmpeg has the {@code zscale} filter (libzimg), which HDR tone mapping needs
 */
public record FfmpegTools(Path ffmpeg, Path ffprobe, String ffmpegVersion, int major, int minor,
                          boolean hasZscale) {

    private static final Pattern VERSION = Pattern.compile("version (\\S+)");
    private static final Pattern RELEASE = Pattern.compile("^n?(\\d+)\\.(\\d+)");
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);

    /** Validates. */
    public FfmpegTools {
        Objects.requireNonNull(ffmpeg, "ffmpeg");
        Objects.requireNonNull(ffprobe, "ffprobe");
        Objects.requireNonNull(ffmpegVersion, "ffmpegVersion");
    }

    /** @return whether per-output {@code -fps_mode} exists (ffmpeg 5.1 and later); older ones need {@code -vsync} */
    public boolean hasFpsMode() {
        return major > 5 || (major == 5 && minor >= 1);
    }

    /**
     * Finds both tools and checks that they run: ffmpeg at the configured path, then on {@code PATH}; ffprobe at
     * its configured path, then beside the ffmpeg found, then on {@code PATH}.
     *
     * @param ffmpegPath  the configured ffmpeg, or {@code null}
     * @param ffprobePath the configured ffprobe, or {@code null}
     * @param pathVariable the value of {@code PATH} to search ({@code null} for none)
     * @return the tools
     * @throws TranscodeException if a tool is missing (the message names every place looked at and says what to
     *                            install) or does not answer {@code -version}
     */
    public static FfmpegTools locate(Path ffmpegPath, Path ffprobePath, String pathVariable) {
        List<Path> ffmpegCandidates = new ArrayList<>();
        if (ffmpegPath != null) {
            ffmpegCandidates.add(ffmpegPath);
        }
        ffmpegCandidates.addAll(onPath("ffmpeg", pathVariable));
        Path ffmpeg = firstExecutable("ffmpeg", ffmpegCandidates, ffmpegPath, pathVariable);

        List<Path> probeCandidates = new ArrayList<>();
        if (ffprobePath != null) {
            probeCandidates.add(ffprobePath);
        }
        String ffmpegName = ffmpeg.getFileName().toString();
        if (ffmpegName.contains("ffmpeg")) {
            probeCandidates.add(ffmpeg.resolveSibling(ffmpegName.replace("ffmpeg", "ffprobe")));
        }
        probeCandidates.addAll(onPath("ffprobe", pathVariable));
        Path ffprobe = firstExecutable("ffprobe", probeCandidates, ffprobePath, pathVariable);

        ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(1));
        String version = version(runner, ffmpeg);
        version(runner, ffprobe);
        Matcher m = RELEASE.matcher(version);
        boolean release = m.find();
        int major = release ? Integer.parseInt(m.group(1)) : 99;
        int minor = release ? Integer.parseInt(m.group(2)) : 0;
        List<String> filters = new ArrayList<>();
        ProcessRunner.Outcome out = runner.run(List.of(ffmpeg.toString(), "-hide_banner", "-filters"),
                CHECK_TIMEOUT, filters::add, "ffmpeg -filters");
        boolean zscale = out.exitCode() == 0 && filters.stream().anyMatch(l -> l.matches("\\s*\\S+\\s+zscale\\s.*"));
        return new FfmpegTools(ffmpeg, ffprobe, version, major, minor, zscale);
    }

    private static String version(ProcessRunner runner, Path tool) {
        List<String> stdout = new ArrayList<>();
        ProcessRunner.Outcome out = runner.run(List.of(tool.toString(), "-version"), CHECK_TIMEOUT, stdout::add,
                tool + " -version");
        if (out.exitCode() != 0 || stdout.isEmpty()) {
            throw new TranscodeException(tool + " -version failed (exit " + out.exitCode() + ")", out.exitCode(),
                    out.stderr(), null);
        }
        Matcher m = VERSION.matcher(stdout.get(0));
        if (!m.find()) {
            throw new TranscodeException(tool + " -version printed no version: " + stdout.get(0), 0, List.of(),
                    null);
        }
        return m.group(1);
    }

    private static List<Path> onPath(String name, String pathVariable) {
        List<Path> list = new ArrayList<>();
        if (pathVariable == null) {
            return list;
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                list.add(Path.of(dir, name));
                list.add(Path.of(dir, name + ".exe"));
            }
        }
        return list;
    }

    private static Path firstExecutable(String name, List<Path> candidates, Path configured, String pathVariable) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new TranscodeException(name + " not found: looked at "
                + (configured == null ? "no configured path" : configured + " (configured)")
                + " and on PATH (" + (pathVariable == null ? "unset" : pathVariable) + "). Install FFmpeg "
                + "(Debian/Ubuntu: apt-get install ffmpeg) or configure the path to " + name, -1, List.of(), null);
    }
}
