package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * The body that creates a file record ({@code FileCreateSchema}).
 */
public final class FileCreate extends JsonBody {

    private FileCreate(Map<String, Object> fields) {
        super(fields);
    }

    /**
     * Starts a body with its required fields.
     *
     * @param originalName the file name as found
     * @param directoryPath the directory relative to the storage root ({@code ""} at the root)
     * @param type {@code FILE}, {@code DIRECTORY}, …
     * @return the builder
     * @throws NullPointerException if a required field is null
     */
    public static Builder builder(String originalName, String directoryPath, FileType type) {
        Builder b = new Builder();
        b.fields.put("original_name", Objects.requireNonNull(originalName, "originalName"));
        b.fields.put("directory_path", Objects.requireNonNull(directoryPath, "directoryPath"));
        b.fields.put("type", Objects.requireNonNull(type, "type"));
        return b;
    }

    /** Builds a {@link FileCreate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code name}.
         *
         * @param name the name on the storage
         * @return this builder
         */
        public Builder name(String name) {
            fields.put("name", name);
            return this;
        }

        /**
         * Sets {@code size}.
         *
         * @param size bytes
         * @return this builder
         */
        public Builder size(Long size) {
            fields.put("size", size);
            return this;
        }

        /**
         * Sets {@code checksum}.
         *
         * @param checksum the checksum
         * @return this builder
         */
        public Builder checksum(String checksum) {
            fields.put("checksum", checksum);
            return this;
        }

        /**
         * Sets {@code status}.
         *
         * @param status the status, {@code OPEN} until closed
         * @return this builder
         */
        public Builder status(FileRecordStatus status) {
            fields.put("status", status);
            return this;
        }

        /**
         * Sets {@code storage_id}.
         *
         * @param storageId the storage
         * @return this builder
         */
        public Builder storageId(String storageId) {
            fields.put("storage_id", storageId);
            return this;
        }

        /**
         * Sets {@code file_set_id}.
         *
         * @param fileSetId the file set
         * @return this builder
         */
        public Builder fileSetId(String fileSetId) {
            fields.put("file_set_id", fileSetId);
            return this;
        }

        /**
         * Sets {@code format_id}.
         *
         * @param formatId the format
         * @return this builder
         */
        public Builder formatId(String formatId) {
            fields.put("format_id", formatId);
            return this;
        }

        /**
         * Sets {@code version_id}.
         *
         * @param versionId the asset version
         * @return this builder
         */
        public Builder versionId(String versionId) {
            fields.put("version_id", versionId);
            return this;
        }

        /**
         * Sets {@code file_date_created}.
         *
         * @param fileDateCreated the file's creation time
         * @return this builder
         */
        public Builder fileDateCreated(java.time.Instant fileDateCreated) {
            fields.put("file_date_created", fileDateCreated);
            return this;
        }

        /**
         * Sets {@code file_date_modified}.
         *
         * @param fileDateModified the file's modification time
         * @return this builder
         */
        public Builder fileDateModified(java.time.Instant fileDateModified) {
            fields.put("file_date_modified", fileDateModified);
            return this;
        }

        /** @return the body */
        public FileCreate build() {
            return new FileCreate(fields);
        }
    }
}
