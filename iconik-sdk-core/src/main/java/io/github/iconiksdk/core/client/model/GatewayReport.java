package io.github.iconiksdk.core.client.model;

import java.util.Map;
import java.util.Objects;

/**
 * The gateway's report to iconik ({@code GatewayReportSchema}; every field optional). Counters such as {@code total_files_number} are set with {@link Builder#set}.
 */
public final class GatewayReport extends JsonBody {

    private GatewayReport(Map<String, Object> fields) {
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

    /** Builds a {@link GatewayReport}; each setter adds its field to the body. */
    public static final class Builder extends JsonBody.Builder<Builder> {
        private Builder() {
        }

        /**
         * Sets {@code status}.
         *
         * @param status {@code LIVE}, {@code OFFLINE} or {@code UNKNOWN}
         * @return this builder
         */
        public Builder status(String status) {
            fields.put("status", status);
            return this;
        }

        /**
         * Sets {@code version}.
         *
         * @param version the gateway version (≤100 chars)
         * @return this builder
         */
        public Builder version(String version) {
            fields.put("version", version);
            return this;
        }

        /**
         * Sets {@code host_name}.
         *
         * @param hostName the host name
         * @return this builder
         */
        public Builder hostName(String hostName) {
            fields.put("host_name", hostName);
            return this;
        }

        /**
         * Sets {@code host_info}.
         *
         * @param hostInfo a host description
         * @return this builder
         */
        public Builder hostInfo(String hostInfo) {
            fields.put("host_info", hostInfo);
            return this;
        }

        /**
         * Sets {@code start_status}.
         *
         * @param startStatus {@code SUCCESS} or {@code FAILED}
         * @return this builder
         */
        public Builder startStatus(String startStatus) {
            fields.put("start_status", startStatus);
            return this;
        }

        /**
         * Sets {@code start_status_message}.
         *
         * @param startStatusMessage why start failed
         * @return this builder
         */
        public Builder startStatusMessage(String startStatusMessage) {
            fields.put("start_status_message", startStatusMessage);
            return this;
        }

        /**
         * Sets {@code log_lines}.
         *
         * @param logLines recent log lines (≤50)
         * @return this builder
         */
        public Builder logLines(java.util.List<String> logLines) {
            fields.put("log_lines", logLines);
            return this;
        }

        /**
         * Sets {@code error_log_lines}.
         *
         * @param errorLogLines recent error lines (≤10)
         * @return this builder
         */
        public Builder errorLogLines(java.util.List<String> errorLogLines) {
            fields.put("error_log_lines", errorLogLines);
            return this;
        }

        /**
         * Sets {@code last_scan_time}.
         *
         * @param lastScanTime seconds the last scan took (an int32 in iconik's schema)
         * @return this builder
         */
        public Builder lastScanTime(Integer lastScanTime) {
            fields.put("last_scan_time", lastScanTime);
            return this;
        }

        /** @return the body */
        public GatewayReport build() {
            return new GatewayReport(fields);
        }
    }
}
