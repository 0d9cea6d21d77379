// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.media.internal;

import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.StreamInfo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one place where what a prober learnt about a file ({@link MediaInfo}) becomes what iconik's own media analysis
 * puts on the file's ORIGINAL format: the format's {@code metadata} list (one map of strings describing the whole
 * file) and its {@code components} (one per stream, typed {@code VIDEO}, {@code AUDIO}, {@code IMAGE}, {@code TEXT}
 * or {@code OTHER}, each with a map of strings).
 *
 * <p>[I] iconik documents the shapes (string→string maps; components with {@code name}, {@code type} and
 * {@code metadata}) but not the keys its analysis writes. The keys here follow MediaInfo's field names in
 * snake case ({@code format}, {@code duration}, {@code overall_bit_rate}, {@code frame_rate} …), the tool iconik's
 * analysis is named after, plus {@code source: ffprobe} so that a reader can tell who described the file.
 * Numbers are plain decimals without units: durations in seconds (and {@code duration_milliseconds}), rates in
 * bits, frames or samples per second. A value the prober did not report is left out, never sent empty.
 *
 * <p>The general map also repeats, for the first video (picture) and audio stream, the values a person looks for
 * first ({@code video_codec}, {@code width}, {@code height}, {@code frame_rate}, {@code audio_codec},
 * {@code channels}, {@code sample_rate}), so the technical panel shows them without opening components.
 */
public final class TechnicalMetadata {

    /** Value of the {@code source} key: who described the file. */
    public static final String SOURCE = "ffprobe";

    private final List<Map<String, String>> metadata;
    private final List<Map<String, Object>> components;

    private TechnicalMetadata(List<Map<String, String>> metadata, List<Map<String, Object>> components) {
        this.metadata = metadata;
        this.components = components;
    }

    /**
     * Maps a probe result.
     *
     * @param media what the prober reported
     * @return the format's metadata and components
     * @throws NullPointerException if {@code media} is null
     */
    public static TechnicalMetadata of(MediaInfo media) {
        Objects.requireNonNull(media, "media");
        Map<String, String> general = new LinkedHashMap<>();
        general.put("source", SOURCE);
        put(general, "format", media.container());
        put(general, "media_kind", media.kind().name());
        if (!media.duration().isZero()) {
            general.put("duration", seconds(media.duration().toNanos()));
            general.put("duration_milliseconds", String.valueOf(media.duration().toMillis()));
        }
        positive(general, "overall_bit_rate", media.bitRate());
        put(general, "time_code", media.timecode());
        general.put("stream_count", String.valueOf(media.streams().size()));
        media.video().ifPresent(v -> {
            put(general, "video_codec", v.codec());
            put(general, "video_profile", v.profile());
            positive(general, "width", v.displayWidth());
            positive(general, "height", v.displayHeight());
            if (media.kind() != MediaKind.IMAGE) {
                rate(general, "frame_rate", v.frameRate());
            }
            put(general, "pixel_format", v.pixelFormat());
            put(general, "color_space", v.colorSpace());
            put(general, "transfer_characteristics", v.colorTransfer());
            put(general, "color_primaries", v.colorPrimaries());
            general.put("hdr_format", hdr(v));
        });
        media.audio().ifPresent(a -> {
            put(general, "audio_codec", a.codec());
            positive(general, "channels", a.channels());
            put(general, "channel_layout", a.channelLayout());
            positive(general, "sample_rate", a.sampleRate());
        });

        List<Map<String, Object>> comps = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (StreamInfo s : media.streams()) {
            String type = componentType(media.kind(), s);
            int n = counts.merge(type, 1, Integer::sum);
            Map<String, String> md = new LinkedHashMap<>();
            md.put("stream_index", String.valueOf(s.index()));
            md.put("stream_type", s.type());
            put(md, "codec", s.codec());
            put(md, "profile", s.profile());
            positive(md, "bit_rate", s.bitRate());
            if ("video".equals(s.type())) {
                positive(md, "width", s.width());
                positive(md, "height", s.height());
                positive(md, "display_width", s.displayWidth());
                positive(md, "display_height", s.displayHeight());
                positive(md, "rotation", s.rotation());
                if (media.kind() != MediaKind.IMAGE) {
                    rate(md, "frame_rate", s.frameRate());
                }
                put(md, "pixel_format", s.pixelFormat());
                put(md, "color_space", s.colorSpace());
                put(md, "transfer_characteristics", s.colorTransfer());
                put(md, "color_primaries", s.colorPrimaries());
                md.put("hdr_format", hdr(s));
            }
            if ("audio".equals(s.type())) {
                positive(md, "channels", s.channels());
                put(md, "channel_layout", s.channelLayout());
                positive(md, "sample_rate", s.sampleRate());
            }
            Map<String, Object> comp = new LinkedHashMap<>();
            comp.put("name", label(type) + " " + n);
            comp.put("type", type);
            comp.put("metadata", unmodifiable(md));
            comps.add(unmodifiableObj(comp));
        }
        return new TechnicalMetadata(List.of(unmodifiable(general)), List.copyOf(comps));
    }

    /** @return the format's {@code metadata} list: one map describing the whole file */
    public List<Map<String, String>> metadata() {
        return metadata;
    }

    /** @return the format's {@code components}: one per stream, each {@code name}, {@code type}, {@code metadata} */
    public List<Map<String, Object>> components() {
        return components;
    }

    /** @return the PATCH body that sets both on a format */
    public Map<String, Object> formatPatch() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metadata", metadata);
        body.put("components", components);
        return body;
    }

    /** The iconik component type of a stream; a picture stream of an image file is {@code IMAGE}. */
    static String componentType(MediaKind kind, StreamInfo s) {
        return switch (s.type()) {
            case "video" -> kind == MediaKind.IMAGE ? "IMAGE" : "VIDEO";
            case "audio" -> "AUDIO";
            case "subtitle" -> "TEXT";
            default -> "OTHER";
        };
    }

    private static String label(String type) {
        return type.charAt(0) + type.substring(1).toLowerCase(Locale.ROOT);
    }

    /** {@code PQ}, {@code HLG} or {@code SDR}, from the transfer characteristic. */
    static String hdr(StreamInfo s) {
        if ("smpte2084".equals(s.colorTransfer())) {
            return "PQ";
        }
        if ("arib-std-b67".equals(s.colorTransfer())) {
            return "HLG";
        }
        return "SDR";
    }

    /**
     * A frame rate as a plain decimal with at most three places ({@code 25}, {@code 29.97}, {@code 23.976}).
     *
     * @param fps frames per second
     * @return the decimal text
     */
    public static String rate(double fps) {
        return BigDecimal.valueOf(fps).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    private static void rate(Map<String, String> m, String key, double fps) {
        if (fps > 0 && Double.isFinite(fps)) {
            m.put(key, rate(fps));
        }
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value);
        }
    }

    private static void positive(Map<String, String> m, String key, long value) {
        if (value > 0) {
            m.put(key, String.valueOf(value));
        }
    }

    private static Map<String, String> unmodifiable(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static Map<String, Object> unmodifiableObj(Map<String, Object> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    @Override
    public String toString() {
        return "TechnicalMetadata" + metadata + components;
    }
}
