// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.upload;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.transcode.MediaInfo;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.upload.AssetUploader;
import io.github.iconiksdk.api.upload.PendingWork;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.UploadResult;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.media.internal.TechnicalMetadata;
import io.github.iconiksdk.core.upload.internal.PartRunner;
import io.github.iconiksdk.core.upload.internal.RegistrationJournal;
import io.github.iconiksdk.core.upload.internal.RegistrationSaga;
import io.github.iconiksdk.core.upload.internal.RenditionUploads;
import io.github.iconiksdk.core.upload.internal.UrlUpload;
import io.github.iconiksdk.core.upload.internal.StorageRulesCache;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The default {@link AssetUploader}: registers scanned files of one iconik File storage through an
 * {@link IconikClient}, exactly once, with a registration journal on disk (SQLite) that survives crashes.
 *
 * <pre>{@code
 * try (IconikAssetUploader uploader = IconikAssetUploader.builder()
 *         .client(client)
 *         .storageId(storageId)
 *         .settings(() -> client.getStorage(storageId).fileSettings())   // polled: changes apply at once
 *         .journal(dataDir.resolve("registrations.db"))
 *         .build()) {
 *     scanner.scanOnce(event -> {
 *         if (event instanceof ScanEvent.Change change) {
 *             uploader.register(change, MetadataValues.empty());
 *         }
 *     });
 * }
 * }</pre>
 *
 * <p>What each event does in iconik:
 * <ul>
 *   <li>{@code NEW}: asset (title from the file name; {@code title_includes_extension}, default true [I]), ORIGINAL
 *   format with storage method FILE, a file set on this storage ({@code base_dir} = the folder relative to the
 *   mount point), a file record (created CLOSED with size and MD5: four requests for a new file), sidecar values
 *   on the storage's metadata view, the folder's collection when collection directory mapping is on, and read and
 *   write access for the storage's {@code access_group_id} (a group ACL). With
 *   {@code aggregate_identical_files}, a file whose MD5 is already on this storage joins that asset instead.</li>
 *   <li>{@code MODIFIED}: the file record's size, checksum and modification date are updated; sidecar values are
 *   written again if they changed. With the storage's {@code enable_auto_versioning} (and the file not matched by
 *   {@code auto_version_ignore}), the new content becomes a new version of the asset instead, with its own ORIGINAL
 *   format, file set and file record, made exactly once; the old version keeps its own, and the file's renditions
 *   are made again for the new version.</li>
 *   <li>{@code MOVED}: the same file record is re-pointed at the new folder and name, its file set's
 *   {@code base_dir} and name follow (a {@code PATCH} of the file set [I]), and with collection directory mapping
 *   the asset moves from the old folder's collection to the new one's (it stays in the old one while another of
 *   its files on this storage is there).</li>
 *   <li>{@code REMOVED}: the file record is marked MISSING, or deleted when the storage allows delete; a
 *   registration that never finished is undone instead (the asset this gateway made is deleted).</li>
 * </ul>
 *
 * <p>Thread-safe: different files may be registered concurrently; the same file must not be (the gateway routes
 * each path to one worker).
 */
public final class IconikAssetUploader implements AssetUploader {

    private final IconikClient client;
    private final RegistrationJournal journal;
    private final RegistrationSaga saga;
    private final RenditionUploads uploads;
    private final PartRunner parts;
    private final Supplier<Path> storageRoot;

    private IconikAssetUploader(Builder b) {
        this.client = b.client;
        this.journal = b.store != null ? RegistrationJournal.over(b.store) : RegistrationJournal.open(b.journal);
        this.saga = new RegistrationSaga(b.client, b.storageId, new StorageRulesCache(b.settings), journal,
                b.hook, b.searchSettleTime);
        HttpClient http = b.uploadHttpClient != null ? b.uploadHttpClient : uploadClient(b.client);
        this.parts = new PartRunner(b.partsPerFile, b.uploadConnections);
        this.uploads = new RenditionUploads(b.client, journal, new UrlUpload(http, b.chunkSize, b.uploadAttempts,
                b.uploadBackoff, Duration.ofMinutes(10)), parts, b.uploadHook);
        this.storageRoot = b.storageRoot;
    }

    /** The default client for upload URLs: HTTP/1.1, no redirects, through the iconik client's proxy if any. */
    private static HttpClient uploadClient(IconikClient client) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER);
        client.proxy().ifPresent(http::proxy);
        return http.build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Registration register(ScanEvent.Change event, MetadataValues metadata) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(metadata, "metadata");
        return saga.apply(event, metadata);
    }

    /**
     * {@inheritDoc}
     *
     * <p>In iconik: an asset titled by the group (not by {@code title_includes_extension}), with the storage's
     * collection, access group and external id rules as for a file; one ORIGINAL format; one file set named by the
     * title with the group's folder as {@code base_dir}; one CLOSED file record per file, each with its own folder
     * and name. Files are journalled one by one, so a crash in the middle leaves the records made and the next call
     * makes the rest. Without auto-versioning: a changed file's record is updated in place.
     *
     * @throws NullPointerException if an argument is null
     */
    @Override
    public Registration registerGroup(io.github.iconiksdk.api.upload.AssetGroup group, MetadataValues metadata) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(metadata, "metadata");
        return saga.applyGroup(group, metadata);
    }

    /**
     * The files whose registration was started but not finished, for example by a crash between the scanner's
     * delivery and the end of registration. Register them again (with a fresh scan event) to finish the job.
     *
     * @return their paths relative to the storage root, in path order
     */
    @Override
    public List<String> unfinished() {
        return saga.unfinishedPaths();
    }

    /**
     * Finishes a registration that {@link #unfinished()} lists, with the size, modification time and checksum
     * recorded when it started (a file that changed since is then reported MODIFIED by the next scan).
     *
     * @param path     the file's path relative to the storage root
     * @param metadata the file's sidecar values, or {@link MetadataValues#empty()}
     * @return the registration, or empty when the path has no unfinished registration
     * @throws io.github.iconiksdk.api.IconikException if iconik cannot be reached or refuses; progress is kept
     */
    @Override
    public Optional<Registration> resume(String path, MetadataValues metadata) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(metadata, "metadata");
        return saga.resume(path, metadata);
    }

    /**
     * Writes a registered file's sidecar values again, for when its sidecar changed but the media file did not.
     *
     * @param path     the media file's path relative to the storage root
     * @param metadata the sidecar's values now
     * @return the registration ({@code UPDATED} when values were written, {@code ALREADY_REGISTERED} when they were
     *         unchanged), or empty when the file's registration is not finished (it applies the values itself)
     * @throws io.github.iconiksdk.api.IconikException if iconik cannot be reached or refuses
     */
    @Override
    public Optional<Registration> reapplyMetadata(String path, MetadataValues metadata) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(metadata, "metadata");
        return saga.reapplyMetadata(path, metadata);
    }

    /**
     * Uploads a registered file's renditions: a proxy record for the video, audio or image proxy, {@code KEYFRAME}
     * records for single frames, still-image keyframes and audio waveforms, a {@code KEYFRAME_MAP} and a
     * {@code POSTER} record, each on iconik's default (matching) storage for its purpose, its bytes sent to the
     * upload URL iconik returned (one PUT up to the chunk size, a resumable session above), then CLOSED. Journalled
     * per object, so a repeat after a crash or a failure skips what is CLOSED and resumes an interrupted upload from
     * the last confirmed chunk. When the file changed since its renditions were made (it was MODIFIED), the old
     * proxy and keyframes are deleted in iconik first: they are replaced, not duplicated. First of all the ORIGINAL
     * format gets the technical metadata of {@link TranscodeResult#source()} ({@link #describe}). Marks the file's
     * {@link PendingWork#RENDITIONS} done.
     *
     * @throws IllegalStateException                    if the file's registration is not complete
     * @throws io.github.iconiksdk.api.IconikException if iconik or an upload URL fails beyond the retry budget; the
     *                                                  journal keeps the progress made
     */
    @Override
    public List<UploadResult> uploadRenditions(Registration registration, TranscodeResult renditions,
                                               ProgressListener progress) {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(renditions, "renditions");
        Objects.requireNonNull(progress, "progress");
        describe(registration, renditions.source());
        return uploads.uploadRenditions(registration, renditions, progress);
    }

    /**
     * Puts a registered file's technical metadata on its ORIGINAL format, as iconik's own media analysis would: the
     * format's {@code metadata} (container, duration, overall bit rate, timecode, and the main video and audio
     * values) and one component per stream (codec, profile, resolution, frame rate, pixel format, colour space and
     * HDR transfer, channels, sample rate). One PATCH of the format, which sets the same values again when repeated,
     * so a repeat after a crash or for an unchanged file changes nothing; a MODIFIED file's new description
     * replaces the old one. {@link #uploadRenditions} calls this; call it directly for a file that is probed but
     * gets no renditions.
     *
     * <p>Why not when the format is created: registration does not wait for a prober (a file is registered without
     * ffmpeg, and probing may take seconds), so the description follows in the renditions stage, as iconik's own
     * analysis fills a format after the asset exists [I].
     *
     * @param registration the file's registration (its asset and format)
     * @param media        what the prober reported for the file's current content
     * @throws IllegalStateException                    if the registration has no format yet
     * @throws io.github.iconiksdk.api.IconikException if iconik refuses or cannot be reached
     */
    public void describe(Registration registration, MediaInfo media) {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(media, "media");
        if (registration.assetId() == null || registration.formatId() == null) {
            throw new IllegalStateException("cannot describe " + registration.path() + ": its registration has no "
                    + "ORIGINAL format yet");
        }
        client.send("PATCH", "/API/files/v1/assets/" + registration.assetId() + "/formats/"
                + registration.formatId() + "/", TechnicalMetadata.of(media).formatPatch(), Void.class);
    }

    /**
     * Uploads the original to the storage iconik names for files (its default FILES storage): a file set and a file
     * record on that storage under the asset's ORIGINAL format, the bytes in the protocol of that storage's method
     * (one request when the file fits in one part; else parts of the configured chunk size sent in parallel:
     * Google Cloud Storage part objects and a compose, an S3 multipart upload, a B2 large file, Azure blocks and a
     * block list), the MD5 checked wherever the storage reports one, then the record CLOSED. After a crash only the
     * parts the storage had not confirmed are sent again. A storage of any other method (FTP, SFTP, HTTP, ...) is
     * refused before anything is created, naming the storage and its method.
     * Whether the storage wants originals uploaded ({@code upload_files}, {@code upload_ignore}) is the caller's
     * decision. Marks the file's {@link PendingWork#ORIGINAL} done.
     *
     * @throws IllegalStateException                    if no storage root was configured, or the file's
     *                                                  registration is not complete
     * @throws io.github.iconiksdk.api.IconikException if iconik or the upload URL fails beyond the retry budget, or
     *                                                  the checksum the storage reports differs, or the storage
     *                                                  for files has a method originals cannot be sent to
     */
    @Override
    public UploadResult uploadOriginal(Registration registration, ProgressListener progress) {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(progress, "progress");
        if (storageRoot == null) {
            throw new IllegalStateException("uploadOriginal needs the storage root: set Builder.storageRoot");
        }
        Path root = storageRoot.get();
        if (root == null) {
            throw new IllegalStateException("the storage root supplier gave no folder for " + registration.path());
        }
        return uploads.uploadOriginal(registration, root.resolve(registration.path()), progress);
    }

    /**
     * Asks iconik to make the proxy and keyframes of a file from its original uploaded to iconik's cloud storage
     * ({@code POST /API/files/v1/assets/{asset_id}/files/{file_id}/keyframes/} for that copy, iconik's transcode
     * request), as the ISG does when originals are uploaded and local proxy and keyframe creation are off. Asked once
     * per content of the file: a repeat (after a restart, or for a file whose request was answered) asks nothing.
     * [I]: that the ISG asks for the uploaded copy, not the gateway's own file record, is our reading: iconik's cloud
     * transcoder can read only the copy.
     *
     * @param path the file's path relative to the storage root
     * @return the id of the job iconik started, or empty when it was already asked for this content, or iconik
     *         answered 204 (its transcode ignore patterns match the file)
     * @throws IllegalStateException                    if the file's original is not uploaded (and CLOSED) yet
     * @throws io.github.iconiksdk.api.IconikException if iconik refuses or cannot be reached
     */
    @Override
    public Optional<String> requestCloudTranscode(String path) {
        return uploads.requestCloudTranscode(Objects.requireNonNull(path, "path"));
    }

    /**
     * Records, before a transcode or upload starts, that a registered file needs this work for its current content,
     * so that after a restart {@link #wanted(Work)} lists it even though the scanner reports nothing new.
     *
     * @param path the file's path relative to the storage root
     * @param work the work
     * @return false when that work is already done (or given up) for the file's current content
     * @throws IllegalStateException if the file's registration is not complete
     */
    @Override
    public boolean want(String path, PendingWork work) {
        return uploads.want(Objects.requireNonNull(path, "path"), work.name());
    }

    /**
     * @param work the work
     * @return the files for which that work was wanted and is not done, in path order
     */
    @Override
    public List<String> wanted(PendingWork work) {
        return uploads.wanted(work.name());
    }

    /**
     * Gives up a piece of work for the file's current content (its transcode failed): it is wanted again only when
     * the file changes.
     *
     * @param path the file's path
     * @param work the work
     * @throws IllegalStateException if the file's registration is not complete
     */
    @Override
    public void giveUp(String path, PendingWork work) {
        uploads.giveUp(Objects.requireNonNull(path, "path"), work.name());
    }

    /**
     * The registration of a file whose registration is complete, as the journal holds it.
     *
     * @param path the file's path
     * @return its registration ({@code ALREADY_REGISTERED}), or empty when unknown or unfinished
     */
    @Override
    public Optional<Registration> registration(String path) {
        return journal.find(path).filter(e -> e.step() == io.github.iconiksdk.core.upload.internal.Step.DONE)
                .map(e -> new Registration(e.path(), io.github.iconiksdk.api.upload.RegistrationOutcome
                        .ALREADY_REGISTERED, e.assetId(), e.formatId(), e.fileSetId(), e.fileId()));
    }

    /** Closes the journal and stops the part upload threads. */
    @Override
    public void close() {
        parts.close();
        journal.close();
    }

    /** Builds an {@link IconikAssetUploader}. */
    public static final class Builder {
        private IconikClient client;
        private String storageId;
        private Supplier<FileSettings> settings;
        private Path journal;
        private io.github.iconiksdk.api.upload.RegistrationStore store;
        private Duration searchSettleTime = Duration.ofSeconds(3);
        private RegistrationSaga.StepHook hook = RegistrationSaga.StepHook.NONE;
        private Supplier<Path> storageRoot;
        private long chunkSize = 64L << 20;
        private int partsPerFile = 4;
        private int uploadConnections = 16;
        private HttpClient uploadHttpClient;
        private int uploadAttempts = 8;
        private Duration uploadBackoff = Duration.ofMillis(500);
        private RenditionUploads.UploadHook uploadHook = RenditionUploads.UploadHook.NONE;

        private Builder() {
        }

        /**
         * @param client the iconik client
         * @return this builder
         */
        public Builder client(IconikClient client) {
            this.client = client;
            return this;
        }

        /**
         * @param storageId the id of the iconik File storage the scanned files are on
         * @return this builder
         */
        public Builder storageId(String storageId) {
            this.storageId = storageId;
            return this;
        }

        /**
         * @param settings supplies the storage's current settings; called for every event, so cache and poll
         *                 behind it. The uploader re-derives its rules only when the supplied object changes
         * @return this builder
         */
        public Builder settings(Supplier<FileSettings> settings) {
            this.settings = settings;
            return this;
        }

        /**
         * Journals in the SDK's SQLite store ({@link io.github.iconiksdk.core.state.SqliteRegistrationStore}) in
         * this file, which the uploader opens and closes. Either this or {@link #registrationStore} is required.
         *
         * @param file the registration journal's database file (created if missing)
         * @return this builder
         */
        public Builder journal(Path file) {
            this.journal = file;
            return this;
        }

        /**
         * Journals in a store of the caller's (a server database shared by several gateways, for example). The
         * caller keeps it: {@link IconikAssetUploader#close()} leaves it open. Takes precedence over
         * {@link #journal(Path)}.
         *
         * @param store the registration store
         * @return this builder
         */
        public Builder registrationStore(io.github.iconiksdk.api.upload.RegistrationStore store) {
            this.store = store;
            return this;
        }

        /**
         * @param time how long to keep searching for an asset whose creation answer was lost before creating it
         *             again (iconik's search index lags behind writes [I]); default 3 s
         * @return this builder
         */
        public Builder searchSettleTime(Duration time) {
            this.searchSettleTime = time;
            return this;
        }

        /**
         * @param root the storage's mount point on this machine, where originals are read from for
         *             {@link #uploadOriginal}
         * @return this builder
         */
        public Builder storageRoot(Path root) {
            Objects.requireNonNull(root, "root");
            this.storageRoot = () -> root;
            return this;
        }

        /**
         * The storage's mount point as it is now, asked at every {@link #uploadOriginal}: a gateway whose storage's
         * {@code mount_point} changes in iconik reads originals from the new folder without a restart.
         *
         * @param root supplies the storage's mount point on this machine (must not supply null)
         * @return this builder
         */
        public Builder storageRoot(Supplier<Path> root) {
            this.storageRoot = Objects.requireNonNull(root, "root");
            return this;
        }

        /**
         * @param bytes the chunk size of resumable uploads (the ISG's {@code upload-chunk-size}; default 64 MiB);
         *              files up to this size go in one PUT. A multiple of 256 KiB, at least 256 KiB
         * @return this builder
         * @throws IllegalArgumentException if not a positive multiple of 256 KiB
         */
        public Builder chunkSize(long bytes) {
            if (bytes < (256 << 10) || bytes % (256 << 10) != 0) {
                throw new IllegalArgumentException("chunk size must be a positive multiple of 262144 (256 KiB),"
                        + " got " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        /**
         * @param partsPerFile parts of one original sent at once (the ISG's
         *                     {@code file-upload-parallel-uploads-threads-num}; default 4)
         * @param connections  parts sent at once across every file being uploaded, a bulkhead shared by them
         *                     (default 16: four files of four parts; set it to
         *                     {@code file-upload-parallel-uploads-num} × the parts per file)
         * @return this builder
         * @throws IllegalArgumentException if either is below 1
         */
        public Builder parallelParts(int partsPerFile, int connections) {
            if (partsPerFile < 1 || connections < 1) {
                throw new IllegalArgumentException("parts per file and connections must be at least 1, got "
                        + partsPerFile + " and " + connections);
            }
            this.partsPerFile = partsPerFile;
            this.uploadConnections = connections;
            return this;
        }

        /**
         * @param attempts how often one request to an upload URL is tried before the upload fails (default 8)
         * @param backoff  the first wait between attempts, doubled each time up to 8 s (default 500 ms)
         * @return this builder
         * @throws IllegalArgumentException if attempts is below 1 or the backoff negative
         */
        public Builder uploadRetries(int attempts, Duration backoff) {
            if (attempts < 1 || backoff.isNegative()) {
                throw new IllegalArgumentException("attempts must be >= 1 and backoff >= 0");
            }
            this.uploadAttempts = attempts;
            this.uploadBackoff = backoff;
            return this;
        }

        /**
         * @param http the HTTP client for upload URLs (they need no iconik credentials; default: a new HTTP/1.1
         *             client through the iconik client's {@linkplain IconikClient#proxy() proxy}, if it has one)
         * @return this builder
         */
        public Builder uploadHttpClient(HttpClient http) {
            this.uploadHttpClient = Objects.requireNonNull(http, "http");
            return this;
        }

        /** Test seam: a hook called before each upload step; throwing from it simulates a crash. */
        Builder uploadHook(RenditionUploads.UploadHook hook) {
            this.uploadHook = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /** Test seam: a hook called before each registration step; throwing from it simulates a crash. */
        Builder stepHook(RegistrationSaga.StepHook hook) {
            this.hook = hook;
            return this;
        }

        /**
         * @return the uploader, with its journal open
         * @throws NullPointerException                    if the client, storage id, settings or journal (file or
         *                                                  store) is missing
         * @throws io.github.iconiksdk.api.IconikException if the journal cannot be opened
         */
        public IconikAssetUploader build() {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(storageId, "storageId");
            Objects.requireNonNull(settings, "settings");
            if (store == null) {
                Objects.requireNonNull(journal, "journal (a file, or a registrationStore)");
            }
            Objects.requireNonNull(searchSettleTime, "searchSettleTime");
            return new IconikAssetUploader(this);
        }
    }
}
