package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * The body that creates a format ({@code FormatSchema}); only {@code name} is required.
 */
public final class FormatCreate extends JsonBody {

    private FormatCreate(Map<String, Object> fields) {
        super(fields);
    }

    /**
     * Starts a body with its required fields.
     *
     * @param name the format name, {@code ORIGINAL} for originals
     * @return the builder
     * @throws NullPointerException if a required field is null
     */
    public static Builder builder(String name) {
        Builder b = new Builder();
        b.fields.put("name", Objects.requireNonNull(name, "name"));
        return b;
    }

    /** Builds a {@link FormatCreate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code storage_methods}.
         *
         * @param storageMethods storage methods, such as {@code ["FILE"]}
         * @return this builder
         */
        public Builder storageMethods(java.util.List<String> storageMethods) {
            fields.put("storage_methods", storageMethods);
            return this;
        }

        /**
         * Sets {@code metadata}.
         *
         * @param metadata technical metadata (mediainfo) as string maps
         * @return this builder
         */
        public Builder metadata(java.util.List<java.util.Map<String, String>> metadata) {
            fields.put("metadata", metadata);
            return this;
        }

        /**
         * Sets {@code components}.
         *
         * @param components components, each with name and type
         * @return this builder
         */
        public Builder components(java.util.List<java.util.Map<String, Object>> components) {
            fields.put("components", components);
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
         * Sets {@code user_id}.
         *
         * @param userId the user it is made for
         * @return this builder
         */
        public Builder userId(String userId) {
            fields.put("user_id", userId);
            return this;
        }

        /** @return the body */
        public FormatCreate build() {
            return new FormatCreate(fields);
        }
    }
}
