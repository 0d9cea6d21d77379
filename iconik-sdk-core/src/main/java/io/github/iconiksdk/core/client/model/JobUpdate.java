package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * A partial update of a job (PATCH).
 */
public final class JobUpdate extends JsonBody {

    private JobUpdate(Map<String, Object> fields) {
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

    /** Builds a {@link JobUpdate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code status}.
         *
         * @param status the state
         * @return this builder
         */
        public Builder status(JobStatus status) {
            fields.put("status", status);
            return this;
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
         * Sets {@code error_message}.
         *
         * @param errorMessage why it failed
         * @return this builder
         */
        public Builder errorMessage(String errorMessage) {
            fields.put("error_message", errorMessage);
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

        /** @return the body */
        public JobUpdate build() {
            return new JobUpdate(fields);
        }
    }
}
