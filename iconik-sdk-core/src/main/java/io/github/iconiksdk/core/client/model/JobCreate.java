package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * The body that creates a job ({@code JobSchema}: {@code title}, {@code type}, {@code status} required).
 */
public final class JobCreate extends JsonBody {

    private JobCreate(Map<String, Object> fields) {
        super(fields);
    }

    /**
     * Starts a body with its required fields.
     *
     * @param title the title
     * @param type the type
     * @param status the initial state
     * @return the builder
     * @throws NullPointerException if a required field is null
     */
    public static Builder builder(String title, JobType type, JobStatus status) {
        Builder b = new Builder();
        b.fields.put("title", Objects.requireNonNull(title, "title"));
        b.fields.put("type", Objects.requireNonNull(type, "type"));
        b.fields.put("status", Objects.requireNonNull(status, "status"));
        return b;
    }

    /** Builds a {@link JobCreate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code object_type}.
         *
         * @param objectType the kind of object it works on
         * @return this builder
         */
        public Builder objectType(String objectType) {
            fields.put("object_type", objectType);
            return this;
        }

        /**
         * Sets {@code object_id}.
         *
         * @param objectId the object
         * @return this builder
         */
        public Builder objectId(String objectId) {
            fields.put("object_id", objectId);
            return this;
        }

        /**
         * Sets {@code parent_id}.
         *
         * @param parentId the parent job
         * @return this builder
         */
        public Builder parentId(String parentId) {
            fields.put("parent_id", parentId);
            return this;
        }

        /**
         * Sets {@code custom_type}.
         *
         * @param customType a custom type name
         * @return this builder
         */
        public Builder customType(String customType) {
            fields.put("custom_type", customType);
            return this;
        }

        /**
         * Sets {@code message}.
         *
         * @param message a progress message
         * @return this builder
         */
        public Builder message(String message) {
            fields.put("message", message);
            return this;
        }

        /**
         * Sets {@code progress_processed}.
         *
         * @param progressProcessed work done
         * @return this builder
         */
        public Builder progressProcessed(Long progressProcessed) {
            fields.put("progress_processed", progressProcessed);
            return this;
        }

        /**
         * Sets {@code progress_total}.
         *
         * @param progressTotal work in all
         * @return this builder
         */
        public Builder progressTotal(Long progressTotal) {
            fields.put("progress_total", progressTotal);
            return this;
        }

        /**
         * Sets {@code metadata}.
         *
         * @param metadata free metadata
         * @return this builder
         */
        public Builder metadata(java.util.Map<String, Object> metadata) {
            fields.put("metadata", metadata);
            return this;
        }

        /** @return the body */
        public JobCreate build() {
            return new JobCreate(fields);
        }
    }
}
