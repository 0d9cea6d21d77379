// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a media file holds, as a prober (ffprobe) reports it.
 *
 * @param kind      what the file is, for renditions
 * @param container the container's format name(s) ({@code "mov,mp4,m4a,3gp,3g2,mj2"})
 * @param duration  the duration, {@link Duration#ZERO} for stills or when unknown
 * @param bitRate   overall bits per second, 0 when unknown
 * @param streams   every stream, in container order, except cover art (a picture attached to a song is not a
 *                  video stream)
 * @param timecode  the start timecode ({@code "01:00:00:00"}, {@code ;} before the frames when drop-frame) from the
 *                  container or a timecode track, or {@code null} when the file has none
 * @since 0.2.0 for {@code timecode}
 */
public record MediaInfo(MediaKind kind, String container, Duration duration, long bitRate,
                        List<StreamInfo> streams, String timecode) {

    /**
     * Validates and copies.
     *
     * @param kind what the file is, for renditions
     * @param container the container's format name(s) ({@code "mov,mp4,m4a,3gp,3g2,mj2"})
     * @param duration the duration, {@link Duration#ZERO} for stills or when unknown
     * @param bitRate overall bits per second, 0 when unknown
     * @param streams every stream, in container order, except cover art (a picture attached to a song is not a video
     *                stream)
     * @param timecode the start timecode ({@code "01:00:00:00"}), or {@code null} when the file has none
     * @throws NullPointerException if {@code kind}, {@code duration} or {@code streams} is null
     */
    public MediaInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        streams = List.copyOf(streams);
    }

    /**
     * Media info without a timecode (the 0.1 shape).
     *
     * @param kind what the file is, for renditions
     * @param container the container's format name(s)
     * @param duration the duration, {@link Duration#ZERO} for stills or when unknown
     * @param bitRate overall bits per second, 0 when unknown
     * @param streams every stream, in container order, except cover art
     * @throws NullPointerException if {@code kind}, {@code duration} or {@code streams} is null
     */
    public MediaInfo(MediaKind kind, String container, Duration duration, long bitRate, List<StreamInfo> streams) {
        this(kind, container, duration, bitRate, streams, null);
    }

    /** @return the first video stream (for an image, the picture), if any */
    public Optional<StreamInfo> video() {
        return streams.stream().filter(s -> "video".equals(s.type())).findFirst();
    }

    /** @return the first audio stream, if any */
    public Optional<StreamInfo> audio() {
        return streams.stream().filter(s -> "audio".equals(s.type())).findFirst();
    }
}
