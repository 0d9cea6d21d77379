package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * The body that creates a keyframe ({@code KeyframeSchema}); {@code type} is required.
 */
public final class KeyframeCreate extends JsonBody {

    private KeyframeCreate(Map<String, Object> fields) {
        super(fields);
    }

    /**
     * Starts a body with its required fields.
     *
     * @param type {@code KEYFRAME}, {@code POSTER} or {@code KEYFRAME_MAP}
     * @return the builder
     * @throws NullPointerException if a required field is null
     */
    public static Builder builder(KeyframeType type) {
        Builder b = new Builder();
        b.fields.put("type", Objects.requireNonNull(type, "type"));
        return b;
    }

    /** Builds a {@link KeyframeCreate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code storage_id}.
         *
         * @param storageId the keyframe storage
         * @return this builder
         */
        public Builder storageId(String storageId) {
            fields.put("storage_id", storageId);
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
         * Sets {@code time_code}.
         *
         * @param timeCode its position in the media
         * @return this builder
         */
        public Builder timeCode(Object timeCode) {
            fields.put("time_code", timeCode);
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
         * Sets {@code is_custom_keyframe}.
         *
         * @param isCustomKeyframe whether a person chose it
         * @return this builder
         */
        public Builder isCustomKeyframe(Boolean isCustomKeyframe) {
            fields.put("is_custom_keyframe", isCustomKeyframe);
            return this;
        }

        /** @return the body */
        public KeyframeCreate build() {
            return new KeyframeCreate(fields);
        }
    }
}
