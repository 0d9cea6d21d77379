package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * A partial update of a storage (PATCH), such as the scanner state.
 */
public final class StorageUpdate extends JsonBody {

    private StorageUpdate(Map<String, Object> fields) {
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

    /** Builds a {@link StorageUpdate}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code scanner_status}.
         *
         * @param scannerStatus the scanner state iconik shows ({@code ACTIVE}, {@code INACTIVE}, {@code FAILING})
         * @return this builder
         */
        public Builder scannerStatus(String scannerStatus) {
            fields.put("scanner_status", scannerStatus);
            return this;
        }

        /**
         * Sets {@code status}.
         *
         * @param status the storage status
         * @return this builder
         */
        public Builder status(StorageStatus status) {
            fields.put("status", status);
            return this;
        }

        /**
         * Sets {@code status_message}.
         *
         * @param statusMessage why it is failing
         * @return this builder
         */
        public Builder statusMessage(String statusMessage) {
            fields.put("status_message", statusMessage);
            return this;
        }

        /**
         * Sets {@code last_scanned}.
         *
         * @param lastScanned when it was last scanned
         * @return this builder
         */
        public Builder lastScanned(java.time.Instant lastScanned) {
            fields.put("last_scanned", lastScanned);
            return this;
        }

        /**
         * Sets {@code settings}.
         *
         * @param settings settings to replace (iconik replaces the whole object)
         * @return this builder
         */
        public Builder settings(java.util.Map<String, Object> settings) {
            fields.put("settings", settings);
            return this;
        }

        /** @return the body */
        public StorageUpdate build() {
            return new StorageUpdate(fields);
        }
    }
}
