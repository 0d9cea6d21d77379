package io.github.iconiksdk.api.upload;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.transcode.TranscodeResult;

import java.util.List;

/**
 * Puts what a scan found into iconik, exactly once: registers files (asset, ORIGINAL format, file set, file
 * record, sidecar metadata, collection), uploads renditions, and uploads originals where the storage says so.
 * Every step is journalled, so after a crash the same calls finish the job without duplicating anything.
 * Implementations are thread-safe.
 */
public interface AssetUploader {

    /**
     * Applies one scan event to iconik: registers a {@code NEW} file, updates a {@code MODIFIED} one, re-points a
     * {@code MOVED} one, marks a {@code REMOVED} one. Safe to call again with the same event (at-least-once
     * delivery from the scanner): a repeat changes nothing.
     *
     * @param event    a change (notices are not changes: a listener only reports them)
     * @param metadata the file's sidecar values to apply, or {@link MetadataValues#empty()}
     * @return the iconik objects of the file and what was done
     * @throws io.github.iconiksdk.api.IconikException if iconik cannot be reached or refuses; the journal keeps
     *                                                  the progress made, so a later call resumes
     */
    Registration register(ScanEvent.Change event, MetadataValues metadata);

    /**
     * Uploads the renditions made for a registered file (proxy, keyframes, map, poster, waveform) and closes them
     * in iconik. Renditions already uploaded are skipped; an interrupted upload resumes.
     *
     * @param registration the file's registration
     * @param renditions   what the transcoder made
     * @param progress     receives bytes sent
     * @return one result per rendition uploaded or found already uploaded
     * @throws io.github.iconiksdk.api.IconikException if iconik or the upload URL fails beyond the retry budget
     */
    List<UploadResult> uploadRenditions(Registration registration, TranscodeResult renditions,
                                        ProgressListener progress);

    /**
     * Uploads the original file's bytes to the storage iconik designates for originals, resumably.
     *
     * @param registration the file's registration
     * @param progress     receives bytes sent
     * @return the result of the upload
     * @throws io.github.iconiksdk.api.IconikException if iconik or the upload URL fails beyond the retry budget
     */
    UploadResult uploadOriginal(Registration registration, ProgressListener progress);
}
