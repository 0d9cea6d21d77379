// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.benchmarks.transcode;

import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.ffmpeg.FfmpegTranscoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Wall time of the SDK's transcode against the same work done by hand-written ffmpeg command lines, and of
 * keyframes made in one pass against one seek per keyframe. A harness, not JMH: each sample is a multi-second
 * child process, so JVM warm-up is noise next to it. Variants run interleaved, round after round, so a burst of
 * load from other users of the machine hits all of them alike; the report gives the median of each.
 *
 * <p>Run: {@code benchmarks/transcode-benchmark.sh [--seconds 60] [--rounds 3]} (see BENCHMARKS.md).
 */
public final class TranscodeBenchmark {

    private static final String FFMPEG = "ffmpeg";

    private TranscodeBenchmark() {
    }

    /**
     * @param args {@code --seconds N} (clip length, default 60), {@code --rounds N} (default 3)
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        int seconds = intArg(args, "--seconds", 60);
        int rounds = intArg(args, "--rounds", 3);
        Path work = Files.createTempDirectory("iconik-transcode-bench-");
        try {
            run(work, seconds, rounds);
        } finally {
            delete(work);
        }
    }

    private static void run(Path work, int seconds, int rounds) throws Exception {
        Path clip = work.resolve("clip-1080p30.mp4");
        long t0 = System.nanoTime();
        exec(List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                clip.toString()));
        System.err.printf(Locale.ROOT, "made a %d s 1080p30 clip in %.1f s%n", seconds, secondsSince(t0));

        FfmpegTranscoder sdk = FfmpegTranscoder.builder().maxConcurrentJobs(1).build();
        int keyframes = Math.min(160, seconds * 2);
        double step = (double) seconds / keyframes;
        int rows = (keyframes + 9) / 10;

        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("sdk", out -> {
            TranscodeResult r = sdk.transcode(TranscodeRequest.builder(clip, out).build(), null);
            if (r.renditions().size() != keyframes + 3) {
                throw new IllegalStateException("SDK made " + r.renditions().size() + " renditions");
            }
        });
        // The same single pass a person would write by hand, run directly: the SDK's overhead is the difference.
        variants.put("hand-one-command", out -> {
            Files.createDirectories(out.resolve("keyframes"));
            exec(List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", clip.toString(),
                    "-filter_complex", "[0:v]split=2[vp][vk];[vp]scale=1280:720,setsar=1,format=yuv420p[proxy];"
                            + "[vk]select='gte(t,(selected_n+0.5)*" + step + ")',split=3[k1][k2][k3];"
                            + "[k1]scale=320:180[kf];[k2]scale=320:180,tile=10x" + rows + "[map];"
                            + "[k3]select='eq(n," + (keyframes - 1) / 2 + ")',scale=1280:720[poster]",
                    "-map", "[proxy]", "-map", "0:a:0", "-c:v", "libx264", "-preset", "veryfast", "-profile:v",
                    "high", "-b:v", "2785840", "-maxrate", "2785840", "-bufsize", "2785840", "-c:a", "aac",
                    "-b:a", "128000", "-ac", "2", "-ar", "48000", "-movflags", "+faststart",
                    out.resolve("proxy.mp4").toString(),
                    "-map", "[kf]", "-fps_mode", "passthrough", "-frames:v", String.valueOf(keyframes),
                    "-start_number", "1", "-q:v", "3", out.resolve("keyframes/%04d.jpg").toString(),
                    "-map", "[map]", "-frames:v", "1", "-update", "1", "-q:v", "3",
                    out.resolve("keyframe-map.jpg").toString(),
                    "-map", "[poster]", "-frames:v", "1", "-update", "1", "-q:v", "3",
                    out.resolve("poster.jpg").toString()));
        });
        // What people usually script: one command per rendition, each decoding the source again.
        variants.put("hand-four-commands", out -> {
            Files.createDirectories(out.resolve("keyframes"));
            exec(List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", clip.toString(),
                    "-vf", "scale=1280:720", "-c:v", "libx264", "-preset", "veryfast", "-b:v", "2785840",
                    "-maxrate", "2785840", "-bufsize", "2785840", "-c:a", "aac", "-b:a", "128k", "-ac", "2",
                    "-movflags", "+faststart", out.resolve("proxy.mp4").toString()));
            String fps = "fps=" + keyframes + "/" + seconds;
            exec(List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", clip.toString(),
                    "-vf", fps + ",scale=320:-2", "-frames:v", String.valueOf(keyframes), "-q:v", "3",
                    out.resolve("keyframes/%04d.jpg").toString()));
            exec(List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", clip.toString(),
                    "-vf", fps + ",scale=320:-2,tile=10x" + rows, "-frames:v", "1", "-update", "1", "-q:v", "3",
                    out.resolve("keyframe-map.jpg").toString()));
            exec(List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-ss", String.valueOf(seconds / 2.0), "-i", clip.toString(), "-frames:v", "1", "-update", "1",
                    "-vf", "scale=1280:720", "-q:v", "3", out.resolve("poster.jpg").toString()));
        });
        variants.put("keyframes-one-pass", out -> exec(List.of(FFMPEG, "-hide_banner", "-loglevel", "error",
                "-nostdin", "-y", "-i", clip.toString(),
                "-vf", "select='gte(t,(selected_n+0.5)*" + step + ")',scale=320:180", "-fps_mode", "passthrough",
                "-frames:v", String.valueOf(keyframes), "-q:v", "3", out.resolve("%04d.jpg").toString())));
        variants.put("keyframes-seek-each", out -> {
            for (int k = 0; k < keyframes; k++) {
                exec(List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                        "-ss", String.format(Locale.ROOT, "%.3f", (k + 0.5) * step), "-i", clip.toString(),
                        "-frames:v", "1", "-update", "1", "-vf", "scale=320:180", "-q:v", "3",
                        out.resolve(String.format(Locale.ROOT, "%04d.jpg", k + 1)).toString()));
            }
        });

        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        variants.keySet().forEach(name -> {
            times.put(name, new ArrayList<>());
            cpu.put(name, new ArrayList<>());
        });
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Variant> v : variants.entrySet()) {
                Path out = Files.createDirectories(work.resolve(v.getKey() + "-" + round));
                double cpuBefore = childCpuSeconds();
                long start = System.nanoTime();
                v.getValue().run(out);
                double took = secondsSince(start);
                double cpuTook = childCpuSeconds() - cpuBefore;
                times.get(v.getKey()).add(took);
                cpu.get(v.getKey()).add(cpuTook);
                System.err.printf(Locale.ROOT, "round %d %-20s %6.2f s wall %6.2f s cpu%n", round, v.getKey(), took,
                        cpuTook);
                delete(out);
            }
        }

        System.out.printf(Locale.ROOT, "| variant | median wall (s) | median ffmpeg CPU (s) | wall samples (s) "
                + "| CPU samples (s) |%n|---|---|---|---|---|%n");
        for (String name : times.keySet()) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %s | %s |%n", name, median(times.get(name)),
                    median(cpu.get(name)), format(times.get(name)), format(cpu.get(name)));
        }
        System.out.println();
        ratio("sdk / hand-one-command (goal <= 1.05)", times, cpu, "sdk", "hand-one-command");
        ratio("sdk / hand-four-commands", times, cpu, "sdk", "hand-four-commands");
        ratio("keyframes (" + keyframes + "): seek-each / one-pass", times, cpu, "keyframes-seek-each",
                "keyframes-one-pass");
    }

    private static void ratio(String label, Map<String, List<Double>> wall, Map<String, List<Double>> cpu, String a,
                              String b) {
        System.out.printf(Locale.ROOT, "%s: wall %.3f, CPU %.3f%n", label, median(wall.get(a)) / median(wall.get(b)),
                median(cpu.get(a)) / median(cpu.get(b)));
    }

    private static List<String> format(List<Double> values) {
        return values.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList();
    }

    /**
     * CPU seconds (user + system) of every child process this JVM has waited for, from {@code /proc/self/stat}
     * (Linux): the ffmpeg work itself, whatever else loads the machine.
     */
    private static double childCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields from index 0 = state (field 3); cutime is field 16, cstime field 17
        long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        return ticks / 100.0;
    }

    /** One way of making renditions into a folder. */
    @FunctionalInterface
    private interface Variant {
        void run(Path out) throws Exception;
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command + "\n" + output);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static int intArg(String[] args, String name, int fallback) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : fallback;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
