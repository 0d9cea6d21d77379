// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.ffmpeg.internal;

import io.github.iconiksdk.api.transcode.ImageSequence;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.MediaKind;
import io.github.iconiksdk.api.transcode.StreamInfo;
import io.github.iconiksdk.api.transcode.TranscodeException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * An image sequence as one ffmpeg input. Its frames are linked into the working folder under plain, gap-free
 * numbers ({@code frames/00000001.dpx} …), so ffmpeg's image2 demuxer reads every frame present whatever the
 * source's numbering (a start at 1001, gaps) or its names (no {@code %} in a user's file name is ever read as a
 * pattern). Symbolic links where the file system allows them, else hard links; never a copy.
 */
public final class SequenceInput {

    /** The folder, inside the working folder, that holds the linked frames. */
    public static final String FRAMES_DIR = "frames";

    private SequenceInput() {
    }

    /**
     * The sequence as a clip: the first frame's picture, played at the sequence's rate for as many frames as it has.
     *
     * @param firstFrame what ffprobe says of the first frame
     * @param sequence   the sequence
     * @param source     the first frame, for messages
     * @return a VIDEO media info
     * @throws TranscodeException if the first frame holds no picture
     */
    public static MediaInfo describe(MediaInfo firstFrame, ImageSequence sequence, Path source) {
        StreamInfo v = firstFrame.video().orElseThrow(() -> new TranscodeException("the first frame " + source
                + " of an image sequence holds no picture ffmpeg can read (container " + firstFrame.container()
                + ")", -1, List.of(), null));
        StreamInfo clip = new StreamInfo(v.index(), v.type(), v.codec(), v.width(), v.height(), sequence.frameRate(),
                v.rotation(), v.colorTransfer(), v.pixelFormat(), 0, 0, v.profile(), v.colorSpace(),
                v.colorPrimaries(), 0, null);
        Duration length = Duration.ofNanos(Math.round(sequence.frames().size() * 1e9 / sequence.frameRate()));
        return new MediaInfo(MediaKind.VIDEO, "image2", length, 0, List.of(clip), null);
    }

    /**
     * Links the frames into {@code workDir/frames}.
     *
     * @param sequence the sequence
     * @param workDir  the working folder
     * @throws IOException if a link can be made neither symbolic nor hard (the message names the frame)
     */
    public static void link(ImageSequence sequence, Path workDir) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(FRAMES_DIR));
        String ext = extension(sequence);
        int n = 1;
        for (Path frame : sequence.frames()) {
            Path target = frame.toAbsolutePath();
            Path link = dir.resolve(String.format(Locale.ROOT, "%08d.%s", n++, ext));
            try {
                Files.createSymbolicLink(link, target);
            } catch (UnsupportedOperationException | FileSystemException e) {
                try {
                    Files.createLink(link, target);
                } catch (IOException | UnsupportedOperationException hard) {
                    throw new IOException("cannot link frame " + target + " of an image sequence into " + dir
                            + ": " + hard.getMessage(), hard);
                }
            }
        }
    }

    /**
     * @param sequence the sequence
     * @param workDir  the working folder
     * @return the image2 pattern of the linked frames
     */
    public static Path pattern(ImageSequence sequence, Path workDir) {
        return workDir.resolve(FRAMES_DIR).resolve("%08d." + extension(sequence)).toAbsolutePath();
    }

    /**
     * @param sequence the sequence
     * @return its frame rate as ffmpeg's {@code -framerate} value (a fraction for the NTSC rates)
     */
    public static String rate(ImageSequence sequence) {
        double r = sequence.frameRate();
        for (int base : new int[] {24, 30, 60, 120}) {
            if (Math.abs(r - base * 1000.0 / 1001) < 0.001) {
                return base * 1000 + "/1001";
            }
        }
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    private static String extension(ImageSequence sequence) {
        String name = sequence.frames().get(0).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "img" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
