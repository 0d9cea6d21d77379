package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * A partial update of a keyframe (PATCH).
 */
public final class KeyframeUpdate extends JsonBody {

    private KeyframeUpdate(Map<String, Object> fields) {
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

    /** Builds a {@link KeyframeUpdate}; each setter adds its field to the body. */
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

        /** @return the body */
        public KeyframeUpdate build() {
            return new KeyframeUpdate(fields);
        }
    }
}
