// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.StreamInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns {@code ffprobe -of json -show_format -show_streams} output into a {@link MediaInfo}. Cover art (streams
 * with the {@code attached_pic} disposition) is left out: a song with a cover is audio, not video.
 */
public final class ProbeParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Codecs that hold single pictures; with no sound and at most one frame, such a file is an image. */
    private static final Set<String> STILL_CODECS = Set.of("png", "mjpeg", "jpegls", "bmp", "tiff", "webp", "gif",
            "jpeg2000", "dpx", "exr", "targa", "sgi", "pcx", "ppm", "pgm", "pbm", "pam", "qoi", "psd", "jpegxl",
            "hdr", "xwd", "sunrast", "photocd", "dds");

    private ProbeParser() {
    }

    /**
     * @param json what ffprobe printed
     * @param file the probed file, for messages
     * @return the media info
     * @throws IllegalArgumentException if the text is not ffprobe's JSON, naming the file
     */
    public static MediaInfo parse(String json, String file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ffprobe printed no valid JSON for " + file + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("ffprobe printed no JSON object for " + file);
        }
        JsonNode format = root.path("format");
        String container = format.path("format_name").asText("");
        double seconds = number(format.path("duration"));
        long bitRate = Math.max(0, (long) number(format.path("bit_rate")));
        List<StreamInfo> streams = new ArrayList<>();
        List<Long> frameCounts = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            if (s.path("disposition").path("attached_pic").asInt(0) == 1) {
                continue;
            }
            String type = s.path("codec_type").asText("unknown");
            double rate = rate(s.path("avg_frame_rate").asText(""));
            if (rate == 0) {
                rate = rate(s.path("r_frame_rate").asText(""));
            }
            streams.add(new StreamInfo(s.path("index").asInt(), type, s.path("codec_name").asText(null),
                    s.path("width").asInt(0), s.path("height").asInt(0), "video".equals(type) ? rate : 0,
                    rotation(s), text(s.path("color_transfer")), text(s.path("pix_fmt")),
                    s.path("channels").asInt(0), (int) number(s.path("sample_rate")), text(s.path("profile")),
                    text(s.path("color_space")), text(s.path("color_primaries")),
                    Math.max(0, (long) number(s.path("bit_rate"))), text(s.path("channel_layout"))));
            frameCounts.add((long) number(s.path("nb_frames")));
            if (seconds <= 0) {
                seconds = Math.max(seconds, number(s.path("duration")));
            }
        }
        MediaKind kind = kind(container, streams, frameCounts, seconds);
        Duration duration = kind == MediaKind.IMAGE || seconds <= 0 ? Duration.ZERO
                : Duration.ofNanos(Math.round(seconds * 1e9));
        return new MediaInfo(kind, container, duration, bitRate, streams, timecode(root));
    }

    /**
     * The start timecode: the container's {@code timecode} tag (MXF, and MOV when it copies the track's), else the
     * first stream that carries one (a MOV {@code tmcd} data track, or the video stream).
     */
    private static String timecode(JsonNode root) {
        String tc = text(root.path("format").path("tags").path("timecode"));
        if (tc != null) {
            return tc;
        }
        for (JsonNode s : root.path("streams")) {
            tc = text(s.path("tags").path("timecode"));
            if (tc != null) {
                return tc;
            }
        }
        return null;
    }

    private static MediaKind kind(String container, List<StreamInfo> streams, List<Long> frameCounts,
                                  double seconds) {
        int firstVideo = -1;
        boolean audio = false;
        for (int i = 0; i < streams.size(); i++) {
            if (firstVideo < 0 && "video".equals(streams.get(i).type())) {
                firstVideo = i;
            }
            audio |= "audio".equals(streams.get(i).type());
        }
        if (firstVideo >= 0) {
            StreamInfo v = streams.get(firstVideo);
            boolean imageContainer = container.equals("image2") || container.endsWith("_pipe");
            boolean stillCodec = STILL_CODECS.contains(v.codec()) && !audio && frameCounts.get(firstVideo) <= 1;
            if (imageContainer || stillCodec) {
                return MediaKind.IMAGE;
            }
            return seconds > 0 ? MediaKind.VIDEO : MediaKind.OTHER;
        }
        return audio && seconds > 0 ? MediaKind.AUDIO : MediaKind.OTHER;
    }

    /** Display rotation, normalised to 0..359; ffmpeg's display matrix and the older {@code rotate} tag. */
    private static int rotation(JsonNode stream) {
        for (JsonNode side : stream.path("side_data_list")) {
            if (side.has("rotation")) {
                return Math.floorMod(Math.round((float) side.path("rotation").asDouble()), 360);
            }
        }
        JsonNode tag = stream.path("tags").path("rotate");
        return tag.isMissingNode() ? 0 : Math.floorMod((int) number(tag), 360);
    }

    private static double rate(String fraction) {
        int slash = fraction.indexOf('/');
        try {
            if (slash < 0) {
                return fraction.isEmpty() ? 0 : Double.parseDouble(fraction);
            }
            double num = Double.parseDouble(fraction.substring(0, slash));
            double den = Double.parseDouble(fraction.substring(slash + 1));
            return den == 0 ? 0 : num / den;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return node.isTextual() ? Double.parseDouble(node.asText()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() && !"unknown".equals(node.asText()) ? node.asText()
                : null;
    }
}
