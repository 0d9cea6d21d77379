// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.api.upload;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.transcode.TranscodeResult;

import java.util.List;
import java.util.Optional;

/**
 * Puts what a scan found into iconik, exactly once: registers files (asset, ORIGINAL format, file set, file
 * record, sidecar metadata, collection), uploads renditions, and uploads originals where the storage says so.
 * Every step is journalled, so after a crash the same calls finish the job without duplicating anything:
 * {@link #unfinished()} and {@link #resume} finish registrations a crash interrupted, {@link #wanted} lists the
 * renditions and uploads still owed. Implementations are thread-safe (different files may be handled at once; one
 * file by one caller at a time) and hold their journal open until {@link #close()}.
 */
public interface AssetUploader extends AutoCloseable {

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

    /**
     * The files whose registration was started but not finished, for example by a crash between the scanner's
     * delivery and the end of registration; {@link #resume} finishes each.
     *
     * @return their paths relative to the storage root, in path order
     * @throws io.github.iconiksdk.api.IconikException if the journal cannot be read
     */
    List<String> unfinished();

    /**
     * Finishes a registration that {@link #unfinished()} lists, with the size, modification time and checksum
     * recorded when it started (a file that changed since is reported {@code MODIFIED} by the next scan).
     *
     * @param path     the file's path relative to the storage root
     * @param metadata the file's sidecar values, or {@link MetadataValues#empty()}
     * @return the registration, or empty when the path has no unfinished registration
     * @throws io.github.iconiksdk.api.IconikException if iconik cannot be reached or refuses; progress is kept
     */
    Optional<Registration> resume(String path, MetadataValues metadata);

    /**
     * Writes a registered file's sidecar values again, for when its sidecar changed but the media file did not.
     *
     * @param path     the media file's path relative to the storage root
     * @param metadata the sidecar's values now
     * @return the registration ({@code UPDATED} when values were written, {@code ALREADY_REGISTERED} when they were
     *         unchanged), or empty when the file's registration is not finished (it applies the values itself)
     * @throws io.github.iconiksdk.api.IconikException if iconik cannot be reached or refuses
     */
    Optional<Registration> reapplyMetadata(String path, MetadataValues metadata);

    /**
     * Records, before a transcode or upload starts, that a registered file needs this work for its current content,
     * so that after a restart {@link #wanted} lists it although the scanner reports nothing new.
     *
     * @param path the file's path relative to the storage root
     * @param work the work
     * @return false when that work is already done (or given up) for the file's current content
     * @throws IllegalStateException if the file's registration is not complete
     */
    boolean want(String path, PendingWork work);

    /**
     * The files for which a piece of work was {@linkplain #want wanted} and is neither done nor given up.
     *
     * @param work the work
     * @return their paths relative to the storage root, in path order
     */
    List<String> wanted(PendingWork work);

    /**
     * Gives up a piece of work for the file's current content (its transcode failed): it is wanted again only when
     * the file changes.
     *
     * @param path the file's path relative to the storage root
     * @param work the work
     * @throws IllegalStateException if the file's registration is not complete
     */
    void giveUp(String path, PendingWork work);

    /**
     * The registration of a file whose registration is complete, as the journal holds it.
     *
     * @param path the file's path relative to the storage root
     * @return its registration ({@code ALREADY_REGISTERED}), or empty when unknown or unfinished
     */
    Optional<Registration> registration(String path);

    /**
     * Asks the service to make a file's renditions (proxy, keyframes) from its original as uploaded by
     * {@link #uploadOriginal}, for when the gateway makes none itself (iconik: its transcode request for the copy on
     * its storage for files, as the ISG sends it). Asked once per content of the file.
     *
     * @param path the file's path relative to the storage root
     * @return the id of the job the service started, or empty when nothing was asked (already asked for this
     *         content, the service declined, or this uploader cannot ask: the default)
     * @throws IllegalStateException                    if the file's original is not uploaded yet
     * @throws io.github.iconiksdk.api.IconikException if the service refuses or cannot be reached
     */
    default Optional<String> requestCloudTranscode(String path) {
        return Optional.empty();
    }

    /**
     * Registers several files as ONE asset, a directory asset (a camera card's clip, a numbered image sequence):
     * the asset titled as the group is, one ORIGINAL format, one file set named by the title on the group's folder,
     * and a file record per file in it; exactly once across crashes, like {@link #register}. Called again with the
     * same files it changes nothing; with files added or changed it adds or updates their records and retitles the
     * asset (a growing sequence's range), keeping its id. The group's renditions are {@linkplain #want wanted} under
     * {@link AssetGroup#path()}; a file already registered as an asset of its own stays so.
     *
     * @param group    the files and the asset they make
     * @param metadata values for the storage's metadata view, or {@link MetadataValues#empty()}
     * @return the group's registration: its path is {@link AssetGroup#path()}, its file id null
     * @throws UnsupportedOperationException           if this uploader cannot register directory assets (the
     *                                                  default)
     * @throws io.github.iconiksdk.api.IconikException if iconik cannot be reached or refuses; the journal keeps the
     *                                                  progress made, so the same call later resumes
     */
    default Registration registerGroup(AssetGroup group, MetadataValues metadata) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot register directory assets");
    }

    /** Closes the journal and stops the uploader's threads; the uploader cannot be used afterwards. */
    @Override
    void close();
}
