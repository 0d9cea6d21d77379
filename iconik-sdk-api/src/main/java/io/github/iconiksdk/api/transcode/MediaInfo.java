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
 */
public record MediaInfo(MediaKind kind, String container, Duration duration, long bitRate,
                        List<StreamInfo> streams) {

    /**
     * Validates and copies.
     *
     * @param kind what the file is, for renditions
     * @param container the container's format name(s) ({@code "mov,mp4,m4a,3gp,3g2,mj2"})
     * @param duration the duration, {@link Duration#ZERO} for stills or when unknown
     * @param bitRate overall bits per second, 0 when unknown
     * @param streams every stream, in container order, except cover art (a picture attached to a song is not a video
     *                stream)
     * @throws NullPointerException if {@code kind}, {@code duration} or {@code streams} is null
     */
    public MediaInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        streams = List.copyOf(streams);
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
