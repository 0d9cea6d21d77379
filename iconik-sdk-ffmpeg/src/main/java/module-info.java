/** The {@code Transcoder} that drives the {@code ffmpeg} and {@code ffprobe} executables. */
module io.github.iconiksdk.ffmpeg {
    requires transitive io.github.iconiksdk.api;
    requires org.slf4j;
}
