package io.github.iconiksdk.core.upload;

import io.github.iconiksdk.api.ProgressListener;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.scan.ScanEvent;
import io.github.iconiksdk.api.transcode.TranscodeResult;
import io.github.iconiksdk.api.upload.AssetUploader;
import io.github.iconiksdk.api.upload.Registration;
import io.github.iconiksdk.api.upload.UploadResult;
import io.github.iconiksdk.core.client.IconikClient;
import io.github.iconiksdk.core.client.model.FileSettings;
import io.github.iconiksdk.core.upload.internal.RegistrationJournal;
import io.github.iconiksdk.core.upload.internal.RegistrationSaga;
import io.github.iconiksdk.core.upload.internal.StorageRulesCache;

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
 *     scanner.scanOnce(event -> { if (event.isChange()) uploader.register(event, MetadataValues.empty()); });
 * }
 * }</pre>
 *
 * <p>What each event does in iconik:
 * <ul>
 *   <li>{@code NEW}: asset (title from the file name; {@code title_includes_extension}, default true [I]), ORIGINAL
 *   format with storage method FILE, a file set on this storage ({@code base_dir} = the folder relative to the
 *   mount point), a file record (OPEN, then CLOSED with size and MD5), sidecar values on the storage's metadata
 *   view, the folder's collection when collection directory mapping is on, and read and write access for the
 *   storage's {@code access_group_id} (a group ACL). With
 *   {@code aggregate_identical_files}, a file whose MD5 is already on this storage joins that asset instead.</li>
 *   <li>{@code MODIFIED}: the file record's size, checksum and modification date are updated; sidecar values are
 *   written again if they changed.</li>
 *   <li>{@code MOVED}: the same file record is re-pointed at the new folder and name (its file set keeps its
 *   {@code base_dir}: iconik documents no way to move a file set).</li>
 *   <li>{@code REMOVED}: the file record is marked MISSING, or deleted when the storage allows delete; a
 *   registration that never finished is undone instead (the asset this gateway made is deleted).</li>
 * </ul>
 *
 * <p>Thread-safe: different files may be registered concurrently; the same file must not be (the gateway routes
 * each path to one worker).
 */
public final class IconikAssetUploader implements AssetUploader, AutoCloseable {

    private final RegistrationJournal journal;
    private final RegistrationSaga saga;

    private IconikAssetUploader(Builder b) {
        this.journal = RegistrationJournal.open(b.journal);
        this.saga = new RegistrationSaga(b.client, b.storageId, new StorageRulesCache(b.settings), journal,
                b.hook, b.searchSettleTime);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Registration register(ScanEvent event, MetadataValues metadata) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(metadata, "metadata");
        return saga.apply(event, metadata);
    }

    /**
     * The files whose registration was started but not finished, for example by a crash between the scanner's
     * delivery and the end of registration. Register them again (with a fresh scan event) to finish the job.
     *
     * @return their paths relative to the storage root, in path order
     */
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
    public Optional<Registration> reapplyMetadata(String path, MetadataValues metadata) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(metadata, "metadata");
        return saga.reapplyMetadata(path, metadata);
    }

    /**
     * Not available yet: rendition upload is planned (see the README's status table).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public List<UploadResult> uploadRenditions(Registration registration, TranscodeResult renditions,
                                               ProgressListener progress) {
        throw new UnsupportedOperationException("rendition upload is not implemented in this version");
    }

    /**
     * Not available yet: original upload is planned (see the README's status table).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public UploadResult uploadOriginal(Registration registration, ProgressListener progress) {
        throw new UnsupportedOperationException("original upload is not implemented in this version");
    }

    /** Closes the journal. */
    @Override
    public void close() {
        journal.close();
    }

    /** Builds an {@link IconikAssetUploader}. */
    public static final class Builder {
        private IconikClient client;
        private String storageId;
        private Supplier<FileSettings> settings;
        private Path journal;
        private Duration searchSettleTime = Duration.ofSeconds(3);
        private RegistrationSaga.StepHook hook = RegistrationSaga.StepHook.NONE;

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
         * @param file the registration journal's database file (created if missing)
         * @return this builder
         */
        public Builder journal(Path file) {
            this.journal = file;
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

        /** Test seam: a hook called before each registration step; throwing from it simulates a crash. */
        Builder stepHook(RegistrationSaga.StepHook hook) {
            this.hook = hook;
            return this;
        }

        /**
         * @return the uploader, with its journal open
         * @throws NullPointerException                    if the client, storage id, settings or journal is missing
         * @throws io.github.iconiksdk.api.IconikException if the journal cannot be opened
         */
        public IconikAssetUploader build() {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(storageId, "storageId");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(journal, "journal");
            Objects.requireNonNull(searchSettleTime, "searchSettleTime");
            return new IconikAssetUploader(this);
        }
    }
}
