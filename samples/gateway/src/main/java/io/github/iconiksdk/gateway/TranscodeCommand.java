// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.Rendition;
import io.github.iconiksdk.api.transcode.TranscodeException;
import io.github.iconiksdk.api.transcode.TranscodeRequest;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.transcode.TranscoderProvider;
import io.github.iconiksdk.ffmpeg.FfmpegTranscoder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code transcode MEDIA --out DIR}: makes the renditions iconik shows, locally, with the transcoder the SDK picks
 * for the media (FFmpeg unless a plugin with a higher priority supports it). Prints one line per file made and a
 * summary line on stdout, or one JSON object with {@code --json}; progress goes to stderr.
 */
@Command(name = "transcode",
        footer = {"  ./iconik-gateway transcode clip.mov --out /tmp/renditions \\",
                "      --proxy-resolution 1280x720"},
        description = "Make proxies, keyframes, poster or waveform of a media file locally.")
final class TranscodeCommand implements Callable<Integer> {

    private static final Pattern RESOLUTION = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MEDIA", description = "The media file.")
    Path media;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the renditions.")
    Path out;

    @Option(names = "--proxy-resolution", paramLabel = "WxH", defaultValue = "1280x720",
            description = "Largest proxy size, 640x360 to 1920x1080 (default ${DEFAULT-VALUE}).")
    String proxyResolution;

    @Option(names = "--proxy-bitrate", paramLabel = "BPS", defaultValue = "3000000",
            description = "Largest proxy bit rate, 200000 to 99000000 (default ${DEFAULT-VALUE}).")
    long proxyBitrate;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        TranscodeRequest request = request();
        long started = System.nanoTime();
        try {
            FfmpegTranscoder ffmpeg = FfmpegTranscoder.builder().build();
            MediaInfo info = ffmpeg.probe(media);
            TranscoderProvider provider = TranscoderProvider.select(info).orElse(null);
            if (provider == null) {
                stderr.println(media + ": no transcoder makes renditions of this file (" + kind(info) + ", container "
                        + info.container() + ")");
                return GatewayMain.EXIT_FAILED;
            }
            TranscodeResult result = provider.transcoder().transcode(request, progressOn(stderr));
            double seconds = (System.nanoTime() - started) / 1e9;
            if (json) {
                stdout.println(toJson(result, provider.name(), seconds));
            } else {
                printLines(stdout, result, provider.name(), seconds);
            }
            stdout.flush();
            return 0;
        } catch (TranscodeException e) {
            stderr.println(e.getMessage());
            return GatewayMain.EXIT_FAILED;
        }
    }

    private TranscodeRequest request() {
        Matcher m = RESOLUTION.matcher(proxyResolution);
        if (!m.matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--proxy-resolution must be WIDTHxHEIGHT, such as 1280x720, got '" + proxyResolution + "'");
        }
        try {
            return TranscodeRequest.builder(media, out)
                    .proxyResolution(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                    .proxyBitrate(proxyBitrate).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }

    private ProgressListener progressOn(PrintWriter stderr) {
        AtomicInteger lastTenth = new AtomicInteger(-1);
        return p -> {
            int tenth = (int) Math.floor(p.fraction() * 10);
            int previous = lastTenth.get();
            if (p.fraction() >= 0 && tenth > previous && lastTenth.compareAndSet(previous, tenth)) {
                stderr.println("transcoding " + media.getFileName() + ": " + tenth * 10 + "%");
                stderr.flush();
            }
        };
    }

    private void printLines(PrintWriter stdout, TranscodeResult result, String transcoder, double seconds) {
        for (Rendition r : result.renditions()) {
            StringBuilder line = new StringBuilder(r.kind().name()).append('\t').append(relative(r.file()));
            if (r.width() > 0) {
                line.append('\t').append(r.width()).append('x').append(r.height());
            }
            if (r.position() != null) {
                line.append('\t').append(String.format(Locale.ROOT, "%.3f", r.position().toNanos() / 1e9));
            }
            stdout.println(line);
        }
        stdout.println(String.format(Locale.ROOT, "transcoded %s (%s, %.1f s) with %s into %d files in %s in %.1f s",
                media, kind(result.source()), result.source().duration().toNanos() / 1e9, transcoder,
                result.renditions().size(), out, seconds));
    }

    private String toJson(TranscodeResult result, String transcoder, double seconds) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("source", media.toString());
        root.put("out", out.toString());
        root.put("kind", kind(result.source()));
        root.put("duration_seconds", result.source().duration().toNanos() / 1e9);
        root.put("transcoder", transcoder);
        root.put("elapsed_seconds", Math.round(seconds * 1000) / 1000.0);
        ArrayNode list = root.putArray("renditions");
        for (Rendition r : result.renditions()) {
            ObjectNode n = list.addObject();
            n.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
            n.put("file", relative(r.file()));
            n.put("mime_type", r.mimeType());
            if (r.width() > 0) {
                n.put("width", r.width());
                n.put("height", r.height());
            }
            if (r.position() != null) {
                n.put("position_seconds", r.position().toNanos() / 1e9);
            }
        }
        return root.toString();
    }

    private String relative(Path file) {
        Path rel = out.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }

    private static String kind(MediaInfo info) {
        return info.kind().name().toLowerCase(Locale.ROOT);
    }
}
