package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * The body that creates a collection ({@code CollectionInputSchema}); {@code title} is required.
 */
public final class CollectionCreate extends JsonBody {

    private CollectionCreate(Map<String, Object> fields) {
        super(fields);
    }

    /**
     * Starts a body with its required fields.
     *
     * @param title the title
     * @return the builder
     * @throws NullPointerException if a required field is null
     */
    public static Builder builder(String title) {
        Builder b = new Builder();
        b.fields.put("title", Objects.requireNonNull(title, "title"));
        return b;
    }

    /** Builds a {@link CollectionCreate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code parent_id}.
         *
         * @param parentId the parent collection (none: a root collection)
         * @return this builder
         */
        public Builder parentId(String parentId) {
            fields.put("parent_id", parentId);
            return this;
        }

        /**
         * Sets {@code external_id}.
         *
         * @param externalId the caller's own id
         * @return this builder
         */
        public Builder externalId(String externalId) {
            fields.put("external_id", externalId);
            return this;
        }

        /**
         * Sets {@code storage_id}.
         *
         * @param storageId the storage it mirrors
         * @return this builder
         */
        public Builder storageId(String storageId) {
            fields.put("storage_id", storageId);
            return this;
        }

        /**
         * Sets {@code is_root}.
         *
         * @param isRoot whether it is a root
         * @return this builder
         */
        public Builder isRoot(Boolean isRoot) {
            fields.put("is_root", isRoot);
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
        public CollectionCreate build() {
            return new CollectionCreate(fields);
        }
    }
}
