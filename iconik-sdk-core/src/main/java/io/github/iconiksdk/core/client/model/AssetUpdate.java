package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * A partial update of an asset (PATCH): only the fields set are sent.
 */
public final class AssetUpdate extends JsonBody {

    private AssetUpdate(Map<String, Object> fields) {
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

    /** Builds a {@link AssetUpdate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code title}.
         *
         * @param title the title
         * @return this builder
         */
        public Builder title(String title) {
            fields.put("title", title);
            return this;
        }

        /**
         * Sets {@code external_id}.
         *
         * @param externalId the external id
         * @return this builder
         */
        public Builder externalId(String externalId) {
            fields.put("external_id", externalId);
            return this;
        }

        /**
         * Sets {@code category}.
         *
         * @param category the category
         * @return this builder
         */
        public Builder category(String category) {
            fields.put("category", category);
            return this;
        }

        /**
         * Sets {@code is_online}.
         *
         * @param isOnline whether its files are online
         * @return this builder
         */
        public Builder isOnline(Boolean isOnline) {
            fields.put("is_online", isOnline);
            return this;
        }

        /**
         * Sets {@code status}.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(String status) {
            fields.put("status", status);
            return this;
        }

        /** @return the body */
        public AssetUpdate build() {
            return new AssetUpdate(fields);
        }
    }
}
