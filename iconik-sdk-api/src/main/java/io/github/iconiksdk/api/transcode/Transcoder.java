// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.transcode;

import io.github.iconiksdk.api.ProgressListener;

import java.nio.file.Path;

/**
 * Makes the renditions iconik shows (video or image proxy, keyframes and their map, poster, audio waveform) from a
 * media file, locally. Implementations are thread-safe and bound how many transcodes run at once.
 */
public interface Transcoder {

    /**
     * Reads what a media file holds.
     *
     * @param source the media file
     * @return its streams, duration and kind
     * @throws TranscodeException if the file cannot be read as media; the message carries the tool's error line
     */
    MediaInfo probe(Path source);

    /**
     * Makes every rendition suited to the source. Outputs are written under temporary names and renamed when the
     * transcode succeeds; on failure nothing is left in the output folder. Blocks until done; interrupting the
     * calling thread cancels the transcode.
     *
     * @param request  the source, output folder and settings
     * @param progress receives progress in microseconds of the source processed
     * @return the renditions made
     * @throws TranscodeException if the tool fails, times out or is cancelled
     */
    TranscodeResult transcode(TranscodeRequest request, ProgressListener progress);
}
