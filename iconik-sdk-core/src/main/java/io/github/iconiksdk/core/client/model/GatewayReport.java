// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * The gateway's report to iconik ({@code GatewayReportSchema}; every field optional). The file counters iconik
 * shows are in {@link Counts}. A {@code null} component is left out of the JSON.
 *
 * @param status             {@code LIVE}, {@code OFFLINE} or {@code UNKNOWN} ({@code status})
 * @param version            the gateway version (≤100 chars) ({@code version})
 * @param hostName           the host name ({@code host_name})
 * @param hostInfo           a host description ({@code host_info})
 * @param startStatus        {@code SUCCESS} or {@code FAILED} ({@code start_status})
 * @param startStatusMessage why start failed ({@code start_status_message})
 * @param logLines           recent log lines (≤50) ({@code log_lines})
 * @param errorLogLines      recent error lines (≤10) ({@code error_log_lines})
 * @param lastScanTime       seconds the last scan took (an int32 in iconik's schema) ({@code last_scan_time})
 * @param counts             the file counters, sent as fields of the report itself ({@code null}: none)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GatewayReport(String status, String version, String hostName, String hostInfo, String startStatus,
                            String startStatusMessage, List<String> logLines, List<String> errorLogLines,
                            Integer lastScanTime, @JsonUnwrapped Counts counts) {

    /**
     * The report's file counters (int32 in iconik's schema; {@code null} = not sent), named as the wire fields in
     * camel case.
     *
     * @param totalFilesNumber                 {@code total_files_number}
     * @param scannedFilesNumber               {@code scanned_files_number}
     * @param ingestedFilesNumber              {@code ingested_files_number}
     * @param ingestingFilesNumber             {@code ingesting_files_number}
     * @param ingestedFilesUploadsNumber       {@code ingested_files_uploads_number}
     * @param faultyFilesNumber                {@code faulty_files_number}
     * @param skippedFilesNumber               {@code skipped_files_number}
     * @param missingFilesNumber               {@code missing_files_number}
     * @param emptyFilesNumber                 {@code empty_files_number}
     * @param awaitChecksumFilesNumber         {@code await_checksum_files_number}
     * @param exportedFilesNumber              {@code exported_files_number}
     * @param waitingTranscodeJobsNumber       {@code waiting_transcode_jobs_number}
     * @param waitingPreviewTranscodeJobsNumber {@code waiting_preview_transcode_jobs_number}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Counts(Integer totalFilesNumber, Integer scannedFilesNumber, Integer ingestedFilesNumber,
                         Integer ingestingFilesNumber, Integer ingestedFilesUploadsNumber, Integer faultyFilesNumber,
                         Integer skippedFilesNumber, Integer missingFilesNumber, Integer emptyFilesNumber,
                         Integer awaitChecksumFilesNumber, Integer exportedFilesNumber,
                         Integer waitingTranscodeJobsNumber, Integer waitingPreviewTranscodeJobsNumber) {
    }
}
