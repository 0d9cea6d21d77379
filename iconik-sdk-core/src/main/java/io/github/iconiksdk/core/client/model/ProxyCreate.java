package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * The body that creates a proxy ({@code ProxySchema}); nothing is required.
 */
public final class ProxyCreate extends JsonBody {

    private ProxyCreate(Map<String, Object> fields) {
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

    /** Builds a {@link ProxyCreate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code storage_id}.
         *
         * @param storageId the proxy storage
         * @return this builder
         */
        public Builder storageId(String storageId) {
            fields.put("storage_id", storageId);
            return this;
        }

        /**
         * Sets {@code name}.
         *
         * @param name its name
         * @return this builder
         */
        public Builder name(String name) {
            fields.put("name", name);
            return this;
        }

        /**
         * Sets {@code filename}.
         *
         * @param filename the object name
         * @return this builder
         */
        public Builder filename(String filename) {
            fields.put("filename", filename);
            return this;
        }

        /**
         * Sets {@code format}.
         *
         * @param format container format
         * @return this builder
         */
        public Builder format(String format) {
            fields.put("format", format);
            return this;
        }

        /**
         * Sets {@code codec}.
         *
         * @param codec codec
         * @return this builder
         */
        public Builder codec(String codec) {
            fields.put("codec", codec);
            return this;
        }

        /**
         * Sets {@code bit_rate}.
         *
         * @param bitRate bits per second
         * @return this builder
         */
        public Builder bitRate(Long bitRate) {
            fields.put("bit_rate", bitRate);
            return this;
        }

        /**
         * Sets {@code frame_rate}.
         *
         * @param frameRate frame rate as text
         * @return this builder
         */
        public Builder frameRate(String frameRate) {
            fields.put("frame_rate", frameRate);
            return this;
        }

        /**
         * Sets {@code resolution}.
         *
         * @param resolution picture size
         * @return this builder
         */
        public Builder resolution(Resolution resolution) {
            fields.put("resolution", resolution);
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
         * Sets {@code version_id}.
         *
         * @param versionId the asset version
         * @return this builder
         */
        public Builder versionId(String versionId) {
            fields.put("version_id", versionId);
            return this;
        }

        /** @return the body */
        public ProxyCreate build() {
            return new ProxyCreate(fields);
        }
    }
}
