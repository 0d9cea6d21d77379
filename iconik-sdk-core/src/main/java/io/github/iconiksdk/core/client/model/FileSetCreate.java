package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * The body that creates a file set ({@code FileSetSchema}).
 */
public final class FileSetCreate extends JsonBody {

    private FileSetCreate(Map<String, Object> fields) {
        super(fields);
    }

    /**
     * Starts a body with its required fields.
     *
     * @param name its name (usually the file name)
     * @param formatId the format
     * @param baseDir the directory on the storage, relative to its root
     * @param componentIds components it carries (may be empty)
     * @return the builder
     * @throws NullPointerException if a required field is null
     */
    public static Builder builder(String name, String formatId, String baseDir, java.util.List<String> componentIds) {
        Builder b = new Builder();
        b.fields.put("name", Objects.requireNonNull(name, "name"));
        b.fields.put("format_id", Objects.requireNonNull(formatId, "formatId"));
        b.fields.put("base_dir", Objects.requireNonNull(baseDir, "baseDir"));
        b.fields.put("component_ids", Objects.requireNonNull(componentIds, "componentIds"));
        return b;
    }

    /** Builds a {@link FileSetCreate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
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
         * Sets {@code original_storage_id}.
         *
         * @param originalStorageId where it first lived
         * @return this builder
         */
        public Builder originalStorageId(String originalStorageId) {
            fields.put("original_storage_id", originalStorageId);
            return this;
        }

        /**
         * Sets {@code status}.
         *
         * @param status its status
         * @return this builder
         */
        public Builder status(String status) {
            fields.put("status", status);
            return this;
        }

        /** @return the body */
        public FileSetCreate build() {
            return new FileSetCreate(fields);
        }
    }
}
