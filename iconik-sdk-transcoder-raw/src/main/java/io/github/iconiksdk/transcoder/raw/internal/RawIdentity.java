// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.transcoder.raw.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code raw-identify -v} says of a RAW file: the camera, the output size (after LibRaw's rotation), the flip
 * (dcraw's codes: 0 none, 3 half turn, 5 quarter turn counter-clockwise, 6 quarter turn clockwise) and the embedded
 * preview's stored size (before rotation), if any.
 *
 * @param camera       make and model as LibRaw names them
 * @param outputWidth  the decoded picture's width as displayed
 * @param outputHeight its height as displayed
 * @param flip         the rotation to display the stored picture, in dcraw's codes
 * @param thumbWidth   the embedded preview's stored width, 0 if none
 * @param thumbHeight  its stored height, 0 if none
 */
public record RawIdentity(String camera, int outputWidth, int outputHeight, int flip, int thumbWidth,
                          int thumbHeight) {

    private static final Pattern CAMERA = Pattern.compile("(?m)^Camera:\\s*(.*?)(?:\\s+ID:.*)?$");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^Output size:\\s*(\\d+)\\s*x\\s*(\\d+)");
    private static final Pattern FLIP = Pattern.compile("(?m)^Image flip:\\s*(\\d+)");
    private static final Pattern THUMB = Pattern.compile("(?m)^Thumb size:\\s*(\\d+)\\s*x\\s*(\\d+)");

    /**
     * @param verboseOutput what {@code raw-identify -v FILE} printed on standard output
     * @return the identity, or empty if LibRaw did not recognise the file (no output size)
     */
    public static Optional<RawIdentity> parse(String verboseOutput) {
        Matcher out = OUTPUT.matcher(verboseOutput);
        if (!out.find()) {
            return Optional.empty();
        }
        Matcher camera = CAMERA.matcher(verboseOutput);
        Matcher flip = FLIP.matcher(verboseOutput);
        Matcher thumb = THUMB.matcher(verboseOutput);
        boolean hasThumb = thumb.find();
        return Optional.of(new RawIdentity(camera.find() ? camera.group(1).strip() : "",
                Integer.parseInt(out.group(1)), Integer.parseInt(out.group(2)),
                flip.find() ? Integer.parseInt(flip.group(1)) : 0,
                hasThumb ? Integer.parseInt(thumb.group(1)) : 0, hasThumb ? Integer.parseInt(thumb.group(2)) : 0));
    }

    /** @return whether the flip is a quarter turn (width and height swap when displayed) */
    public boolean quarterTurn() {
        return flip == 5 || flip == 6;
    }

    /** @return the preview's width as displayed, 0 if none */
    public int thumbDisplayWidth() {
        return quarterTurn() ? thumbHeight : thumbWidth;
    }

    /** @return the preview's height as displayed, 0 if none */
    public int thumbDisplayHeight() {
        return quarterTurn() ? thumbWidth : thumbHeight;
    }
}
