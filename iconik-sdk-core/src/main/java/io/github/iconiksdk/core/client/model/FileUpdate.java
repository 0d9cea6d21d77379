package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * A partial update of a file record (PATCH), for example {@code status(CLOSED)} with size and checksum.
 */
public final class FileUpdate extends JsonBody {

    private FileUpdate(Map<String, Object> fields) {
        super(fields);
    }

    /**
     * Starts a body.
     *
     * @return the builder
     */
    public static Builder builder() {
        Builder b = new Builder();
        return b;
    }

    /** Builds a {@link FileUpdate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code status}.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(FileRecordStatus status) {
            fields.put("status", status);
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
         * Sets {@code original_name}.
         *
         * @param originalName the original name
         * @return this builder
         */
        public Builder originalName(String originalName) {
            fields.put("original_name", originalName);
            return this;
        }

        /**
         * Sets {@code directory_path}.
         *
         * @param directoryPath the directory
         * @return this builder
         */
        public Builder directoryPath(String directoryPath) {
            fields.put("directory_path", directoryPath);
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
        public FileUpdate build() {
            return new FileUpdate(fields);
        }
    }
}
