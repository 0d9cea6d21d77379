package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * The body that creates an asset ({@code AssetCreateSchema}); only {@code title} is required.
 */
public final class AssetCreate extends JsonBody {

    private AssetCreate(Map<String, Object> fields) {
        super(fields);
    }

    /**
     * Starts a body with its required fields.
     *
     * @param title the asset title
     * @return the builder
     * @throws NullPointerException if a required field is null
     */
    public static Builder builder(String title) {
        Builder b = new Builder();
        b.fields.put("title", Objects.requireNonNull(title, "title"));
        return b;
    }

    /** Builds a {@link AssetCreate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code external_id}.
         *
         * @param externalId the caller's own id, to find the asset again after a lost answer
         * @return this builder
         */
        public Builder externalId(String externalId) {
            fields.put("external_id", externalId);
            return this;
        }

        /**
         * Sets {@code type}.
         *
         * @param type the asset type, normally {@code ASSET}
         * @return this builder
         */
        public Builder type(AssetType type) {
            fields.put("type", type);
            return this;
        }

        /**
         * Sets {@code collection_id}.
         *
         * @param collectionId the collection to put it in (with {@code assign_to_collection})
         * @return this builder
         */
        public Builder collectionId(String collectionId) {
            fields.put("collection_id", collectionId);
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
         * @param status {@code ACTIVE} or {@code DELETED}
         * @return this builder
         */
        public Builder status(String status) {
            fields.put("status", status);
            return this;
        }

        /** @return the body */
        public AssetCreate build() {
            return new AssetCreate(fields);
        }
    }
}
